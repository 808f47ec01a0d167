#include "services/staff/StaffBadge.h"

#include "core/base/Config.h"
#include "core/base/Digest.h"
#include "core/base/JsonReader.h"
#include "core/base/SecretFile.h"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sodium.h>

namespace kiosk::services {
namespace {

constexpr size_t kMaxNameBytes = 64;
constexpr size_t kMaxKeyIdBytes = 64;
constexpr std::int64_t kLatestSeconds = 253402300799; // 9999-12-31T23:59:59Z: no time_point overflow

// sodium_init() fails only without usable randomness: nothing here could be done safely then.
void ensure_sodium() {
    if (sodium_init() < 0)
        std::abort();
}

bool is_staff_id(std::string_view id) {
    return !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// UTF-8 validity is the JSON parser's (and the caller's, for make_badge); here: no control characters.
bool is_name(std::string_view name) {
    return !name.empty() && name.size() <= kMaxNameBytes &&
           std::none_of(name.begin(), name.end(), [](char c) {
               auto byte = static_cast<unsigned char>(c);
               return byte < 0x20 || byte == 0x7F;
           });
}

bool is_key_id(std::string_view id) {
    return !id.empty() && id.size() <= kMaxKeyIdBytes && std::all_of(id.begin(), id.end(), [](char c) {
        return c > 0x20 && c < 0x7F && c != '"' && c != '\\';
    });
}

std::string base64url(const unsigned char* bytes, size_t size) {
    constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string out(sodium_base64_ENCODED_LEN(size, kVariant), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes, size, kVariant);
    out.resize(out.size() - 1); // the terminator
    return out;
}

bool from_base64url(std::string_view text, std::vector<unsigned char>& out) {
    out.assign(text.size() * 3 / 4 + 1, 0);
    size_t length = 0;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        return false;
    out.resize(length);
    return true;
}

WallTime from_unix(std::int64_t seconds) {
    return WallTime{std::chrono::seconds(seconds)};
}
std::int64_t to_unix(WallTime time) {
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

BadgeCheck refuse(BadgeRefusal refusal, ErrorCode code, const std::string& why) {
    BadgeCheck check;
    check.refusal = refusal;
    check.error = make_error(code, "staff badge: " + why);
    return check;
}

struct Claims {
    std::string kid, staff, name, role;
    std::int64_t iat = 0, exp = 0;
};

// The payload's shape: exactly the six keys, strings and integers where they belong.
bool read_claims(const std::vector<unsigned char>& payload, Claims& claims) {
    auto json =
        parse_json(std::string_view(reinterpret_cast<const char*>(payload.data()), payload.size()), "");
    if (!json || !json->is_object() || json->size() != 6)
        return false;
    for (const auto& [key, value] : json->items()) {
        if (key == "kid" || key == "staff" || key == "name" || key == "role") {
            if (!value.is_string())
                return false;
            auto text = value.get<std::string>();
            (key == "kid"     ? claims.kid
             : key == "staff" ? claims.staff
             : key == "name"  ? claims.name
                              : claims.role) = std::move(text);
        } else if (key == "iat" || key == "exp") {
            if (!value.is_number_integer())
                return false;
            if (value.is_number_unsigned() &&
                value.get<std::uint64_t>() > static_cast<std::uint64_t>(kLatestSeconds))
                return false;
            auto seconds = value.get<std::int64_t>();
            if (seconds < 0 || seconds > kLatestSeconds)
                return false;
            (key == "iat" ? claims.iat : claims.exp) = seconds;
        } else {
            return false;
        }
    }
    return true;
}

} // namespace

const char* to_string(BadgeRefusal refusal) {
    switch (refusal) {
    case BadgeRefusal::NotABadge:
        return "not-a-badge";
    case BadgeRefusal::TooLong:
        return "too-long";
    case BadgeRefusal::Malformed:
        return "malformed";
    case BadgeRefusal::UnknownKey:
        return "unknown-key";
    case BadgeRefusal::BadSignature:
        return "bad-signature";
    case BadgeRefusal::BadStaffId:
        return "bad-staff-id";
    case BadgeRefusal::BadName:
        return "bad-name";
    case BadgeRefusal::UnknownRole:
        return "unknown-role";
    case BadgeRefusal::ValidityTooLong:
        return "validity-too-long";
    case BadgeRefusal::NotYetValid:
        return "not-yet-valid";
    case BadgeRefusal::Expired:
        return "expired";
    case BadgeRefusal::Revoked:
        break;
    }
    return "revoked";
}

BadgeCheck check_badge(std::string_view text, const BadgePolicy& policy, const Clock& clock) {
    using enum BadgeRefusal;
    ensure_sodium();
    if (text.size() > policy.max_bytes)
        return refuse(TooLong, ErrorCode::InvalidData,
                      "longer than " + std::to_string(policy.max_bytes) + " bytes");
    if (text.substr(0, kBadgePrefix.size()) != kBadgePrefix)
        return refuse(NotABadge, ErrorCode::InvalidData, "does not start with OWS1.");
    // Only the base64url alphabet and the dots: libsodium's decoder reads some bytes above 0x7F as
    // '-' or '_' (libsodium 1.0.18), which would let many texts stand for one badge.
    bool alphabet = std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
               c == '_' || c == '.';
    });
    if (!alphabet)
        return refuse(Malformed, ErrorCode::InvalidData, "a character outside base64url");
    auto second_dot = text.find('.', kBadgePrefix.size());
    if (second_dot == std::string_view::npos || text.find('.', second_dot + 1) != std::string_view::npos)
        return refuse(Malformed, ErrorCode::InvalidData, "not OWS1.<payload>.<signature>");
    auto signed_part = text.substr(0, second_dot);
    std::vector<unsigned char> payload, signature;
    if (!from_base64url(signed_part.substr(kBadgePrefix.size()), payload) ||
        !from_base64url(text.substr(second_dot + 1), signature))
        return refuse(Malformed, ErrorCode::InvalidData, "a part is not base64url without padding");
    if (signature.size() != crypto_sign_BYTES)
        return refuse(Malformed, ErrorCode::InvalidData, "the signature is not 64 bytes");
    Claims claims;
    if (!read_claims(payload, claims))
        return refuse(Malformed, ErrorCode::InvalidData,
                      "the payload is not a JSON object of kid, staff, name, role, iat and exp");
    auto key = std::find_if(policy.keys.begin(), policy.keys.end(),
                            [&](const BadgeKey& k) { return k.id == claims.kid; });
    if (key == policy.keys.end())
        return refuse(UnknownKey, ErrorCode::Denied,
                      is_key_id(claims.kid) ? "key id '" + claims.kid + "' is not trusted here"
                                            : "its key id is not trusted here");
    if (crypto_sign_verify_detached(signature.data(),
                                    reinterpret_cast<const unsigned char*>(signed_part.data()),
                                    signed_part.size(), key->public_key.data()) != 0)
        return refuse(BadSignature, ErrorCode::Denied, "the signature does not match key '" + key->id + "'");
    // Signed by the hall from here on: the staff id may be named.
    auto signed_refuse = [&](BadgeRefusal refusal, ErrorCode code, const std::string& why) {
        auto check = refuse(refusal, code, why);
        check.signed_staff_id = is_staff_id(claims.staff) ? claims.staff : "";
        check.signed_role = domain::parse_staff_role(claims.role) ? claims.role : "";
        return check;
    };
    if (!is_staff_id(claims.staff))
        return signed_refuse(BadStaffId, ErrorCode::InvalidData,
                             "the staff id is not 1 to 32 of A-Z, a-z, 0-9, '-'");
    if (!is_name(claims.name))
        return signed_refuse(BadName, ErrorCode::InvalidData,
                             "the name of " + claims.staff +
                                 " is empty, longer than 64 bytes or has control characters");
    auto role = domain::parse_staff_role(claims.role);
    if (!role)
        return signed_refuse(UnknownRole, ErrorCode::InvalidData,
                             "the role of " + claims.staff + " is not one of duty, hall-it, engineer");
    if (claims.exp <= claims.iat || claims.exp - claims.iat > policy.max_validity.count())
        return signed_refuse(ValidityTooLong, ErrorCode::InvalidData,
                             "valid for " + std::to_string((claims.exp - claims.iat) / 86400) +
                                 " days, more than the " +
                                 std::to_string(policy.max_validity.count() / 86400) +
                                 " allowed (or not after it was issued)");
    if (std::find(policy.revoked_staff.begin(), policy.revoked_staff.end(), claims.staff) !=
        policy.revoked_staff.end())
        return signed_refuse(Revoked, ErrorCode::Denied, "staff " + claims.staff + " is revoked");
    auto now = to_unix(clock.wall_now());
    if (claims.iat > now + policy.clock_skew.count())
        return signed_refuse(
            NotYetValid, ErrorCode::Denied,
            "issued " + std::to_string(claims.iat - now) +
                " s in the future (clock skew allowed: " + std::to_string(policy.clock_skew.count()) + " s)");
    if (claims.exp <= now)
        return signed_refuse(Expired, ErrorCode::Denied,
                             "expired " + std::to_string((now - claims.exp) / 86400) + " days ago");
    BadgeCheck check;
    check.badge = VerifiedBadge{
        {claims.staff, claims.name, *role}, claims.kid, from_unix(claims.iat), from_unix(claims.exp)};
    return check;
}

Result<domain::StaffMember> verify_badge(std::string_view text, const BadgePolicy& policy,
                                         const Clock& clock) {
    auto check = check_badge(text, policy, clock);
    if (!check.ok())
        return check.error;
    return check.badge->member;
}

Result<std::string> make_badge(const BadgeSecretKey& secret_key, std::string_view key_id,
                               const domain::StaffMember& member, WallTime issued, WallTime expires) {
    ensure_sodium();
    if (!is_key_id(key_id))
        return make_error(ErrorCode::InvalidArgument,
                          "key id: 1 to 64 printable ASCII characters without quotes");
    if (!is_staff_id(member.id))
        return make_error(ErrorCode::InvalidArgument, "staff id: 1 to 32 of A-Z, a-z, 0-9 and '-'");
    if (!is_name(member.name))
        return make_error(ErrorCode::InvalidArgument, "name: 1 to 64 bytes without control characters");
    auto iat = to_unix(issued), exp = to_unix(expires);
    if (iat < 0 || exp <= iat || exp > kLatestSeconds)
        return make_error(ErrorCode::InvalidArgument, "expiry: must be after the issue time");
    nlohmann::ordered_json payload = {{"kid", key_id},       {"staff", member.id},
                                      {"name", member.name}, {"role", domain::to_string(member.role)},
                                      {"iat", iat},          {"exp", exp}};
    std::string json;
    try {
        json = payload.dump(); // throws on invalid UTF-8 in the name
    } catch (const nlohmann::json::exception&) {
        return make_error(ErrorCode::InvalidArgument, "name: not valid UTF-8");
    }
    std::string token(kBadgePrefix);
    token += base64url(reinterpret_cast<const unsigned char*>(json.data()), json.size());
    std::array<unsigned char, crypto_sign_BYTES> signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(token.data()),
                         token.size(), secret_key.data());
    token += '.';
    token += base64url(signature.data(), signature.size());
    return token;
}

void make_badge_keys(BadgePublicKey& public_key, BadgeSecretKey& secret_key) {
    ensure_sodium();
    crypto_sign_keypair(public_key.data(), secret_key.data());
}

Result<BadgeSecretKey> load_badge_secret_key(const std::string& path) {
    ensure_sodium();
    TRY(check_secret_file(path));
    auto text = TRY(read_file(path));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    BadgeSecretKey key{};
    size_t length = 0;
    const char* end = nullptr;
    bool ok = text.size() == key.size() * 2 &&
              sodium_hex2bin(key.data(), key.size(), text.data(), text.size(), nullptr, &length, &end) == 0 &&
              length == key.size();
    sodium_memzero(text.data(), text.size());
    if (!ok)
        return make_error(ErrorCode::InvalidData, path + ": not a badge signing key (128 hex characters)");
    // The second half is the public key: it must be the one the seed gives (a damaged file signs nothing).
    BadgePublicKey derived{};
    BadgeSecretKey again{};
    crypto_sign_seed_keypair(derived.data(), again.data(), key.data());
    bool matches = sodium_memcmp(again.data(), key.data(), key.size()) == 0;
    sodium_memzero(again.data(), again.size());
    if (!matches)
        return make_error(ErrorCode::InvalidData,
                          path + ": damaged badge signing key (its halves do not match)");
    return key;
}

} // namespace kiosk::services
