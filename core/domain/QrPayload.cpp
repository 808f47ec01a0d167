#include "core/domain/QrPayload.h"

namespace kiosk::domain {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base 32
constexpr std::string_view kTokenPrefix = "OW1-";
constexpr std::string_view kStaffBadgePrefix = "OWS1."; // services/staff/StaffBadge.h
constexpr size_t kTokenLength = 23;                     // "OW1-" + 4 × 4 + 3 separators

int token_value(char c) {
    auto at = kAlphabet.find(c);
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// Decodes one UTF-8 sequence at `at`; -1 when it is malformed, overlong or a surrogate.
long next_code_point(std::string_view text, size_t& at) {
    auto byte = static_cast<unsigned char>(text[at]);
    int length = byte < 0x80           ? 1
                 : (byte >> 5) == 0x6  ? 2
                 : (byte >> 4) == 0xE  ? 3
                 : (byte >> 3) == 0x1E ? 4
                                       : 0;
    if (length == 0 || at + length > text.size())
        return -1;
    long code = length == 1 ? byte : byte & (0xFF >> (length + 1));
    for (int i = 1; i < length; ++i) {
        auto next = static_cast<unsigned char>(text[at + i]);
        if ((next & 0xC0) != 0x80)
            return -1;
        code = (code << 6) | (next & 0x3F);
    }
    static constexpr long kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return -1;
    at += length;
    return code;
}

bool is_forbidden(long code) {
    bool control = code < 0x20 || (code >= 0x7F && code <= 0x9F);
    bool bidi = (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069) || code == 0x200E ||
                code == 0x200F || code == 0x061C;
    return control || bidi;
}

Result<void> check_text(std::string_view payload, const QrPayloadPolicy& policy) {
    if (payload.empty())
        return make_error(ErrorCode::InvalidData, "an empty code");
    if (payload.size() > policy.max_bytes)
        return make_error(ErrorCode::InvalidData, "a code of " + std::to_string(payload.size()) +
                                                      " bytes, more than the " +
                                                      std::to_string(policy.max_bytes) + " allowed");
    for (size_t at = 0; at < payload.size();) {
        size_t start = at;
        long code = next_code_point(payload, at);
        if (code < 0)
            return make_error(ErrorCode::InvalidData, "invalid UTF-8 at byte " + std::to_string(start));
        if (is_forbidden(code))
            return make_error(ErrorCode::InvalidData, "a control character at byte " + std::to_string(start));
    }
    return {};
}

bool starts_with_ascii_nocase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size())
        return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
        char a = text[i], b = prefix[i];
        if (a >= 'A' && a <= 'Z')
            a = static_cast<char>(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = static_cast<char>(b - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

// An allowlisted link: https, under an entry at a path boundary, no user info, no spaces or
// backslashes (browsers read "\" as "/", which moves the host).
bool is_allowed_url(std::string_view url, const std::vector<std::string>& allowlist) {
    if (!starts_with_ascii_nocase(url, "https://"))
        return false;
    auto authority = url.substr(8, url.find_first_of("/?#", 8) - 8);
    if (authority.empty() || authority.find('@') != std::string_view::npos)
        return false;
    if (url.find_first_of(" \\") != std::string_view::npos)
        return false;
    for (const auto& entry : allowlist) {
        if (entry.size() <= 8 || !starts_with_ascii_nocase(url, entry))
            continue;
        if (entry.back() == '/' || url.size() == entry.size() ||
            std::string_view("/?#").find(url[entry.size()]) != std::string_view::npos)
            return true;
    }
    return false;
}

} // namespace

char receipt_token_check(std::string_view body) {
    // Luhn mod N (N = 32), from the rightmost character: every second value doubled, digits summed.
    int sum = 0;
    bool twice = true;
    for (size_t i = body.size(); i-- > 0;) {
        int value = token_value(body[i]);
        if (value < 0)
            return '?';
        if (twice) {
            value *= 2;
            value = value / 32 + value % 32;
        }
        sum += value;
        twice = !twice;
    }
    return kAlphabet[(32 - sum % 32) % 32];
}

std::string make_receipt_token(const std::array<std::uint8_t, 15>& random) {
    std::string body;
    for (auto byte : random)
        body += kAlphabet[byte & 31];
    body += receipt_token_check(body);
    std::string token(kTokenPrefix);
    for (size_t i = 0; i < body.size(); ++i) {
        if (i > 0 && i % 4 == 0)
            token += '-';
        token += body[i];
    }
    return token;
}

bool is_receipt_token(std::string_view token) {
    if (token.size() != kTokenLength || token.substr(0, kTokenPrefix.size()) != kTokenPrefix)
        return false;
    std::string body;
    for (size_t i = kTokenPrefix.size(); i < token.size(); ++i) {
        bool separator_place = (i - kTokenPrefix.size()) % 5 == 4;
        if (separator_place != (token[i] == '-'))
            return false;
        if (!separator_place)
            body += token[i];
    }
    return receipt_token_check(body.substr(0, 15)) == body[15];
}

Result<QrPayload> classify_qr_payload(std::string_view payload, const QrPayloadPolicy& policy) {
    TRY(check_text(payload, policy));
    if (looks_like_staff_badge(payload))
        return QrPayload{QrPayloadKind::StaffBadge, std::string(payload)};
    if (is_receipt_token(payload))
        return QrPayload{QrPayloadKind::ReceiptToken, std::string(payload)};
    if (!policy.receipt_base_url.empty()) {
        std::string query_prefix = policy.receipt_base_url + "/q/";
        if (starts_with_ascii_nocase(payload, query_prefix)) {
            auto token = payload.substr(query_prefix.size());
            if (!is_receipt_token(token))
                return make_error(ErrorCode::InvalidData, "a query link with a malformed receipt token");
            return QrPayload{QrPayloadKind::ReceiptToken, std::string(token)};
        }
    }
    if (is_allowed_url(payload, policy.url_allowlist))
        return QrPayload{QrPayloadKind::AllowedUrl, std::string(payload)};
    return QrPayload{QrPayloadKind::Text, std::string(payload)};
}

const char* to_string(QrPayloadKind kind) {
    switch (kind) {
    case QrPayloadKind::ReceiptToken:
        return "receipt_token";
    case QrPayloadKind::AllowedUrl:
        return "allowed_url";
    case QrPayloadKind::StaffBadge:
        return "staff_badge";
    case QrPayloadKind::Text:
        break;
    }
    return "text";
}

bool looks_like_staff_badge(std::string_view payload) {
    return payload.substr(0, kStaffBadgePrefix.size()) == kStaffBadgePrefix;
}

} // namespace kiosk::domain
