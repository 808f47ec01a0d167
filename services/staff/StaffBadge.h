#pragma once
// The staff badge: a token the hall signs with Ed25519 and prints as a QR code on a staff card
// (docs/Maintenance.md "Staff credentials"). Exactly:
//
//   OWS1.<payload>.<signature>
//
// <payload> is compact JSON, base64url without padding (libsodium's URLSAFE_NO_PADDING variant):
//   {"kid":"hall-2026","staff":"S1024","name":"王丽","role":"duty","iat":1764979200,"exp":1798761600}
// kid names the hall key that signed it (several may be trusted during a rotation), staff the staff
// number ([A-Za-z0-9-]{1,32}), name the name shown on the staff screens (1..64 bytes of UTF-8, no
// control characters), role one of "duty", "hall-it", "engineer" (core/domain/StaffRole.h), iat and
// exp the Unix seconds it was issued and expires. These six keys and no others.
// <signature> is the 64-byte Ed25519 detached signature (crypto_sign_detached) of the ASCII bytes
// "OWS1.<payload>", base64url without padding.
//
// Everything in a scanned badge is untrusted until its signature checks: the payload is parsed only
// to find the key id, and nothing of it (not even the staff id) is reported before the signature holds.
// A badge names a staff member, not a citizen; its name is still kept out of logs and errors.
//
// Pure apart from libsodium; any thread.

#include "core/base/Clock.h"
#include "core/base/Digest.h"
#include "core/base/Result.h"
#include "core/domain/StaffRole.h"

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::services {

inline constexpr std::string_view kBadgePrefix = "OWS1.";

using BadgePublicKey = std::array<unsigned char, 32>; // crypto_sign_PUBLICKEYBYTES
using BadgeSecretKey = std::array<unsigned char, 64>; // crypto_sign_SECRETKEYBYTES (seed + public key)

struct BadgeKey {
    std::string id; // "hall-2026"
    BadgePublicKey public_key{};
};

struct BadgePolicy {
    std::vector<BadgeKey> keys;                         // the hall keys trusted now
    std::vector<std::string> revoked_staff;             // staff ids refused however their badge is signed
    size_t max_bytes = 1024;                            // bytes of token; a badge is about 250
    std::chrono::seconds max_validity{400 * 24 * 3600}; // s from iat to exp at most
    std::chrono::seconds clock_skew{300};               // s an iat may lie ahead of the kiosk's clock
};

// Why a badge was refused; to_string gives the keyword screens and the audit log use.
enum class BadgeRefusal {
    NotABadge,       // "not-a-badge": does not start with OWS1.
    TooLong,         // "too-long": more than max_bytes
    Malformed,       // "malformed": not three parts, bad base64, bad JSON, missing/unknown/mistyped keys
    UnknownKey,      // "unknown-key": kid is not a trusted key
    BadSignature,    // "bad-signature"
    BadStaffId,      // "bad-staff-id": empty, too long or characters outside [A-Za-z0-9-]
    BadName,         // "bad-name": empty, longer than 64 bytes or with control characters
    UnknownRole,     // "unknown-role"
    ValidityTooLong, // "validity-too-long": exp - iat beyond max_validity, or exp not after iat
    NotYetValid,     // "not-yet-valid": iat later than now + clock_skew
    Expired,         // "expired": exp is not after now
    Revoked,         // "revoked": the staff id is in revoked_staff
};
const char* to_string(BadgeRefusal refusal);

struct VerifiedBadge {
    domain::StaffMember member;
    std::string key_id;
    WallTime issued, expires;
};

// The badge's member, or why not: `refusal` set and `error` saying it in one line (InvalidData for
// the shape, Denied for key, signature, time and revocation). The clock's wall time is "now".
struct BadgeCheck {
    std::optional<VerifiedBadge> badge;
    BadgeRefusal refusal = BadgeRefusal::Malformed; // meaningful only without a badge
    Error error;
    // Refusals after the signature held (revoked, expired, …): who the hall signed it for, for the
    // audit log; empty before that.
    std::string signed_staff_id, signed_role;
    bool ok() const { return badge.has_value(); }
};
BadgeCheck check_badge(std::string_view text, const BadgePolicy& policy, const Clock& clock);

// The same as a Result, for callers that need no keyword.
Result<domain::StaffMember> verify_badge(std::string_view text, const BadgePolicy& policy,
                                         const Clock& clock);

// Signs a badge. Refuses (InvalidArgument) what check_badge would refuse for its shape: a bad key
// id, staff id or name, and exp not after iat.
Result<std::string> make_badge(const BadgeSecretKey& secret_key, std::string_view key_id,
                               const domain::StaffMember& member, WallTime issued, WallTime expires);

// A new key pair (crypto_sign_keypair).
void make_badge_keys(BadgePublicKey& public_key, BadgeSecretKey& secret_key);
// The secret key file is the 128 hex characters of the secret key (to_hex, core/base/Digest.h) and a
// newline (check_secret_file rules: a regular file of ours, mode 0600 or 0400).
Result<BadgeSecretKey> load_badge_secret_key(const std::string& path);

} // namespace kiosk::services
