// Staff badges: a badge signed by a hall key the kiosk trusts names its staff member; anything else
// — forged, re-signed by another key, expired, not yet valid, valid for too long, naming an unknown
// role, revoked, or not a badge at all — is refused with the reason, and the refusal never carries
// the staff member's name.

#include "services/staff/StaffBadge.h"

#include <gtest/gtest.h>
#include <set>
#include <sodium.h>

namespace kiosk::services {
namespace {

using namespace std::chrono_literals;
using domain::StaffMember;
using domain::StaffRole;

// 2026-12-06T10:00:00Z: tests never read today's date.
const WallTime kNow{std::chrono::seconds(1796551200)};

struct KeyPair {
    BadgePublicKey public_key{};
    BadgeSecretKey secret_key{};
    KeyPair() { make_badge_keys(public_key, secret_key); }
};

std::string b64(std::string_view bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.size() - 1);
    return out;
}

std::string unb64(std::string_view text) {
    std::string out(text.size(), '\0');
    size_t length = 0;
    EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                                text.size(), nullptr, &length, nullptr,
                                sodium_base64_VARIANT_URLSAFE_NO_PADDING),
              0);
    out.resize(length);
    return out;
}

// Signs any payload text as a badge, as a hall with a buggy or hostile signer could.
std::string sign_raw(const std::string& payload, const BadgeSecretKey& key) {
    std::string token = "OWS1." + b64(payload);
    unsigned char signature[crypto_sign_BYTES];
    crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(token.data()),
                         token.size(), key.data());
    return token + "." + b64(std::string_view(reinterpret_cast<const char*>(signature), sizeof signature));
}

std::string payload_json(const std::string& role = "duty", const std::string& staff = "S1024",
                         const std::string& name = "王丽", std::int64_t iat = 1796464800,
                         std::int64_t exp = 1813000000, const std::string& kid = "hall-2026") {
    return R"({"kid":")" + kid + R"(","staff":")" + staff + R"(","name":")" + name + R"(","role":")" + role +
           R"(","iat":)" + std::to_string(iat) + R"(,"exp":)" + std::to_string(exp) + "}";
}

class StaffBadgeTest : public ::testing::Test {
protected:
    KeyPair hall, other;
    FakeClock clock{kNow};
    BadgePolicy policy;
    StaffMember wang{"S1024", "王丽", StaffRole::DutyStaff};

    void SetUp() override { policy.keys = {{"hall-2026", hall.public_key}}; }

    std::string badge(const StaffMember& member, WallTime issued = kNow - 24h,
                      WallTime expires = kNow + 200 * 24h, const std::string& kid = "hall-2026",
                      const BadgeSecretKey* key = nullptr) {
        auto token = make_badge(key ? *key : hall.secret_key, kid, member, issued, expires);
        EXPECT_TRUE(token.ok()) << token.error().describe();
        return token.ok() ? token.value() : "";
    }
    // The refusal for `text`, checking that it is one and never names the staff member.
    BadgeRefusal refusal(std::string_view text) {
        auto check = check_badge(text, policy, clock);
        EXPECT_FALSE(check.ok()) << "accepted";
        EXPECT_EQ(check.error.message.find("王丽"), std::string::npos) << check.error.message;
        EXPECT_EQ(check.error.message.rfind("staff badge: ", 0), 0u) << check.error.message;
        return check.refusal;
    }
};

TEST_F(StaffBadgeTest, ABadgeSignedByATrustedKeyNamesItsMember) {
    auto token = badge(wang);
    EXPECT_EQ(token.rfind("OWS1.", 0), 0u);
    auto check = check_badge(token, policy, clock);
    ASSERT_TRUE(check.ok()) << check.error.describe();
    EXPECT_EQ(check.badge->member, wang);
    EXPECT_EQ(check.badge->key_id, "hall-2026");
    EXPECT_EQ(check.badge->issued, kNow - 24h);
    EXPECT_EQ(check.badge->expires, kNow + 200 * 24h);
    auto member = verify_badge(token, policy, clock);
    ASSERT_TRUE(member.ok());
    EXPECT_EQ(member.value(), wang);
    // The payload is exactly the documented compact JSON.
    auto payload = unb64(token.substr(5, token.find('.', 5) - 5));
    EXPECT_EQ(payload, payload_json("duty", "S1024", "王丽", 1796464800, 1813831200));
}

TEST_F(StaffBadgeTest, EveryRoleTravels) {
    for (auto role : {StaffRole::DutyStaff, StaffRole::HallIt, StaffRole::Engineer}) {
        StaffMember member{"S-7", "Li", role};
        auto check = check_badge(badge(member), policy, clock);
        ASSERT_TRUE(check.ok());
        EXPECT_EQ(check.badge->member.role, role);
    }
}

TEST_F(StaffBadgeTest, AnyChangedCharacterIsRefused) {
    auto token = badge(wang);
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (size_t i = 5; i < token.size(); ++i) {
        if (token[i] == '.')
            continue;
        for (char replacement :
             {alphabet[(alphabet.find(token[i]) + 1) % 64], alphabet[(alphabet.find(token[i]) + 33) % 64]}) {
            auto forged = token;
            forged[i] = replacement;
            auto check = check_badge(forged, policy, clock);
            EXPECT_FALSE(check.ok()) << "accepted with character " << i << " changed";
        }
    }
}

TEST_F(StaffBadgeTest, APayloadChangedAfterSigningIsABadSignature) {
    auto token = badge(wang);
    auto dot = token.find('.', 5);
    auto payload = unb64(token.substr(5, dot - 5));
    // Promote the duty staff to engineer, keep the signature: still well-formed, no longer signed.
    auto at = payload.find("\"duty\"");
    ASSERT_NE(at, std::string::npos);
    payload.replace(at, 6, "\"engineer\"");
    EXPECT_EQ(refusal("OWS1." + b64(payload) + token.substr(dot)), BadgeRefusal::BadSignature);
    // One flipped bit in the payload's bytes.
    payload = unb64(token.substr(5, dot - 5));
    payload[payload.find("S1024") + 4] ^= 0x01; // S1024 → S1025
    EXPECT_EQ(refusal("OWS1." + b64(payload) + token.substr(dot)), BadgeRefusal::BadSignature);
}

TEST_F(StaffBadgeTest, AFlippedSignatureByteIsABadSignature) {
    auto token = badge(wang);
    auto dot = token.find('.', 5);
    auto signature = unb64(token.substr(dot + 1));
    ASSERT_EQ(signature.size(), 64u);
    for (size_t i : {0u, 31u, 63u}) {
        auto flipped = signature;
        flipped[i] ^= 0x80;
        EXPECT_EQ(refusal(token.substr(0, dot + 1) + b64(flipped)), BadgeRefusal::BadSignature);
    }
}

TEST_F(StaffBadgeTest, ABadgeSignedByAnotherKeyIsRefused) {
    // Another key claiming the trusted key's id.
    EXPECT_EQ(refusal(badge(wang, kNow - 24h, kNow + 24h, "hall-2026", &other.secret_key)),
              BadgeRefusal::BadSignature);
    // A key id nobody trusts.
    EXPECT_EQ(refusal(badge(wang, kNow - 24h, kNow + 24h, "hall-2025", &other.secret_key)),
              BadgeRefusal::UnknownKey);
    EXPECT_EQ(refusal(badge(wang, kNow - 24h, kNow + 24h, "hall-2025")), BadgeRefusal::UnknownKey);
    // Both keys trusted (a rotation): each verifies its own, and a swapped key id is a bad signature.
    policy.keys.push_back({"hall-2027", other.public_key});
    EXPECT_TRUE(
        check_badge(badge(wang, kNow - 24h, kNow + 24h, "hall-2027", &other.secret_key), policy, clock).ok());
    EXPECT_TRUE(check_badge(badge(wang), policy, clock).ok());
    EXPECT_EQ(refusal(badge(wang, kNow - 24h, kNow + 24h, "hall-2027")), BadgeRefusal::BadSignature);
    EXPECT_EQ(refusal(badge(wang, kNow - 24h, kNow + 24h, "hall-2026", &other.secret_key)),
              BadgeRefusal::BadSignature);
}

TEST_F(StaffBadgeTest, TimeDecidesExpiredAndNotYetValid) {
    auto token = badge(wang, kNow - 24h, kNow + 1h);
    clock.advance(1h - 1s);
    EXPECT_TRUE(check_badge(token, policy, clock).ok());
    clock.advance(1s);
    EXPECT_EQ(refusal(token), BadgeRefusal::Expired);
    auto check = check_badge(token, policy, clock);
    EXPECT_EQ(check.signed_staff_id, "S1024");
    EXPECT_EQ(check.signed_role, "duty");
    EXPECT_EQ(check.error.code, ErrorCode::Denied);

    FakeClock fresh{kNow};
    // Issued up to 5 minutes ahead of the kiosk's clock: a skew; beyond that: not yet valid.
    EXPECT_TRUE(check_badge(badge(wang, kNow + 5min, kNow + 24h), policy, fresh).ok());
    auto early = check_badge(badge(wang, kNow + 5min + 1s, kNow + 24h), policy, fresh);
    EXPECT_EQ(early.refusal, BadgeRefusal::NotYetValid);
}

TEST_F(StaffBadgeTest, ValidityIsAtMost400Days) {
    EXPECT_TRUE(check_badge(badge(wang, kNow - 1h, kNow - 1h + 400 * 24h), policy, clock).ok());
    EXPECT_EQ(refusal(badge(wang, kNow - 1h, kNow - 1h + 400 * 24h + 1s)), BadgeRefusal::ValidityTooLong);
    // Signed with exp before iat by a faulty signer.
    EXPECT_EQ(
        refusal(sign_raw(payload_json("duty", "S1024", "王丽", 1796551200, 1796551100), hall.secret_key)),
        BadgeRefusal::ValidityTooLong);
}

TEST_F(StaffBadgeTest, SignedFieldsAreCheckedToo) {
    auto signed_payload = [&](const std::string& json) { return refusal(sign_raw(json, hall.secret_key)); };
    EXPECT_EQ(signed_payload(payload_json("admin")), BadgeRefusal::UnknownRole);
    EXPECT_EQ(signed_payload(payload_json("Duty")), BadgeRefusal::UnknownRole);
    EXPECT_EQ(signed_payload(payload_json("duty", "")), BadgeRefusal::BadStaffId);
    EXPECT_EQ(signed_payload(payload_json("duty", std::string(33, '1'))), BadgeRefusal::BadStaffId);
    EXPECT_EQ(signed_payload(payload_json("duty", "S 1024")), BadgeRefusal::BadStaffId);
    EXPECT_EQ(signed_payload(payload_json("duty", "S1024", "")), BadgeRefusal::BadName);
    EXPECT_EQ(signed_payload(payload_json("duty", "S1024", std::string(65, 'a'))), BadgeRefusal::BadName);
    EXPECT_EQ(signed_payload(payload_json("duty", "S1024", "Wang\\nLi")), BadgeRefusal::BadName);
    // Shape: a missing key, an extra key, a wrong type, not an object, a negative time.
    EXPECT_EQ(signed_payload(R"({"kid":"hall-2026","staff":"S1024","name":"x","role":"duty","iat":1})"),
              BadgeRefusal::Malformed);
    auto extra = payload_json();
    extra.insert(extra.size() - 1, R"(,"admin":true)");
    EXPECT_EQ(signed_payload(extra), BadgeRefusal::Malformed);
    auto text_time = payload_json();
    text_time.replace(text_time.find("1796464800"), 10, "\"1796464800\"");
    EXPECT_EQ(signed_payload(text_time), BadgeRefusal::Malformed);
    EXPECT_EQ(signed_payload(payload_json("duty", "S1024", "x", -5)), BadgeRefusal::Malformed);
    EXPECT_EQ(signed_payload("[1,2,3]"), BadgeRefusal::Malformed);
    EXPECT_EQ(signed_payload("not json"), BadgeRefusal::Malformed);
}

TEST_F(StaffBadgeTest, RevokedStaffAreRefusedHoweverSigned) {
    auto token = badge(wang);
    policy.revoked_staff = {"S0999", "S1024"};
    EXPECT_EQ(refusal(token), BadgeRefusal::Revoked);
    policy.revoked_staff = {"S0999"};
    EXPECT_TRUE(check_badge(token, policy, clock).ok());
}

TEST_F(StaffBadgeTest, GarbageIsRefusedWithoutACrash) {
    EXPECT_EQ(refusal(""), BadgeRefusal::NotABadge);
    EXPECT_EQ(refusal("OW1-7KQ2-M9XD-4TPA-Z3R8"), BadgeRefusal::NotABadge);
    EXPECT_EQ(refusal("ows1.abc.def"), BadgeRefusal::NotABadge);
    EXPECT_EQ(refusal("OWS1."), BadgeRefusal::Malformed);
    EXPECT_EQ(refusal("OWS1.abc"), BadgeRefusal::Malformed);
    EXPECT_EQ(refusal("OWS1.a.b.c"), BadgeRefusal::Malformed);
    EXPECT_EQ(refusal("OWS1.e30=.AAAA"), BadgeRefusal::Malformed); // padding is not base64url here
    EXPECT_EQ(refusal("OWS1.e30.AAAA"), BadgeRefusal::Malformed);  // a 3-byte signature
    EXPECT_EQ(refusal("OWS1.e3+/.AAAA"), BadgeRefusal::Malformed); // the other base64 alphabet
    EXPECT_EQ(refusal(std::string("OWS1.\0\xff.\x80", 9)), BadgeRefusal::Malformed);
    EXPECT_EQ(refusal("OWS1." + std::string(2000, 'A') + ".A"), BadgeRefusal::TooLong);
    EXPECT_EQ(refusal(std::string(1 << 20, 'x')), BadgeRefusal::TooLong);
    // A valid badge with its signature part emptied or swapped for the payload.
    auto token = badge(wang);
    // A byte above 0x7F where the token has '-' or '_' (libsodium's decoder reads some such bytes
    // as those characters; found by fuzz_staff_badge).
    for (size_t i = 5; i < token.size(); ++i) {
        if (token[i] != '-' && token[i] != '_')
            continue;
        for (int high = 0x80; high <= 0xFF; ++high) {
            auto changed = token;
            changed[i] = static_cast<char>(high);
            ASSERT_FALSE(check_badge(changed, policy, clock).ok()) << "byte " << high << " at " << i;
        }
    }
    auto dot = token.find('.', 5);
    EXPECT_EQ(refusal(token.substr(0, dot + 1)), BadgeRefusal::Malformed);
    EXPECT_EQ(refusal(token.substr(0, dot + 1) + token.substr(5, dot - 5)), BadgeRefusal::Malformed);
}

TEST_F(StaffBadgeTest, RefusalKeywordsAreDistinct) {
    std::set<std::string> words;
    for (int i = 0; i <= static_cast<int>(BadgeRefusal::Revoked); ++i)
        words.insert(to_string(static_cast<BadgeRefusal>(i)));
    EXPECT_EQ(words.size(), static_cast<size_t>(BadgeRefusal::Revoked) + 1);
}

TEST_F(StaffBadgeTest, MakeBadgeRefusesWhatVerificationWouldRefuse) {
    EXPECT_FALSE(
        make_badge(hall.secret_key, "hall-2026", {"S 1", "x", StaffRole::HallIt}, kNow, kNow + 1h).ok());
    EXPECT_FALSE(
        make_badge(hall.secret_key, "hall-2026", {"S1", "", StaffRole::HallIt}, kNow, kNow + 1h).ok());
    EXPECT_FALSE(
        make_badge(hall.secret_key, "hall-2026", {"S1", "\xff\xfe", StaffRole::HallIt}, kNow, kNow + 1h)
            .ok());
    EXPECT_FALSE(make_badge(hall.secret_key, "", {"S1", "x", StaffRole::HallIt}, kNow, kNow + 1h).ok());
    EXPECT_FALSE(make_badge(hall.secret_key, "a\"b", {"S1", "x", StaffRole::HallIt}, kNow, kNow + 1h).ok());
    EXPECT_FALSE(make_badge(hall.secret_key, "hall-2026", {"S1", "x", StaffRole::HallIt}, kNow, kNow).ok());
}

} // namespace
} // namespace kiosk::services
