#pragma once
// What a scanned QR code or barcode says, decided before anything acts on it. Payloads come from
// anyone's paper or phone screen: they are never executed, opened or interpreted beyond this.
//
//   ReceiptToken  one of our receipt / progress tokens, alone or as our query link
//                 (<receipt_base_url>/q/<token>, data/templates/samples/receipt.json)
//   AllowedUrl    an https link under a prefix of the configured allowlist
//   StaffBadge    a hall staff badge ("OWS1." …): only its shape is recognised here; it goes to staff
//                 sign-in, which verifies it (services/staff/StaffBadge.h), never to a citizen's flow
//   Text          anything else that is printable UTF-8, links to other sites included: shown escaped
// Refused (InvalidData): empty, longer than max_bytes, invalid UTF-8, control characters (C0, DEL, C1)
// or bidirectional overrides (they make a screen show something else than the bytes say), and a
// link to our query page whose token is malformed (it claims to be ours, so it must be exact).
//
// Receipt token: "OW1-" then 16 characters of Crockford base 32 (0-9 A-Z without I L O U) in four
// groups of four joined by '-': 15 random characters and a Luhn mod 32 check character, which
// catches every single wrong character and every swap of two neighbours. "OW1" names the format.

#include "core/base/Result.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::domain {

enum class QrPayloadKind { ReceiptToken, AllowedUrl, StaffBadge, Text };

struct QrPayload {
    QrPayloadKind kind = QrPayloadKind::Text;
    // ReceiptToken: the bare token; AllowedUrl: the link; StaffBadge, Text: the payload as scanned
    std::string text;
};

struct QrPayloadPolicy {
    // Our query page, no trailing '/': receipts print <receipt_base_url>/q/<token>. Empty: bare tokens only.
    std::string receipt_base_url;
    // Link prefixes that may be offered to the citizen, e.g. "https://zwfw.shili.gov.cn.example/";
    // only https, matched at a '/' boundary, never with user info ('@') in the host.
    std::vector<std::string> url_allowlist;
    size_t max_bytes = 2953; // bytes; a QR code (version 40-L) holds at most 2953
};

Result<QrPayload> classify_qr_payload(std::string_view payload, const QrPayloadPolicy& policy);

// True for exactly the token format above, check character included.
bool is_receipt_token(std::string_view token);
// Shaped as a staff badge ("OWS1." …): routed to staff sign-in wherever it is scanned, never to a
// citizen's flow. Verification is services/staff/StaffBadge.h's.
bool looks_like_staff_badge(std::string_view payload);
// The check character for 15 token characters (Crockford base 32); '?' when one is not in the alphabet.
char receipt_token_check(std::string_view body);
// A new token from 15 random bytes (each picks one character: its low 5 bits, so every character
// is equally likely) plus the check character. The caller brings the randomness (libsodium's
// randombytes_buf on a kiosk): this layer stays pure and testable.
std::string make_receipt_token(const std::array<std::uint8_t, 15>& random);

const char* to_string(QrPayloadKind kind); // "receipt_token", "allowed_url", "staff_badge", "text"

} // namespace kiosk::domain
