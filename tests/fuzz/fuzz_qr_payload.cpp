// libFuzzer target for the QR payload policy (scanned payloads are anyone's bytes). Beyond "no
// crash, no sanitizer report", it checks what the UI relies on: whatever is accepted is valid UTF-8
// without control characters and within the cap, a receipt token passes its own check, and an allowed
// link is https under the allowlist.

#include "core/domain/QrPayload.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void require(bool condition) {
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    kiosk::domain::QrPayloadPolicy policy;
    policy.receipt_base_url = "https://zwfw.shili.gov.cn.example";
    policy.url_allowlist = {"https://zwfw.shili.gov.cn.example/"};
    policy.max_bytes = 512;
    std::string_view payload(reinterpret_cast<const char*>(data), size);
    auto result = kiosk::domain::classify_qr_payload(payload, policy);
    if (!result.ok())
        return 0;
    require(!payload.empty() && payload.size() <= policy.max_bytes);
    for (unsigned char c : payload)
        require(c >= 0x20 && c != 0x7F);
    if (result->kind == kiosk::domain::QrPayloadKind::StaffBadge)
        require(payload.substr(0, 5) == "OWS1." && result->text == payload);
    if (result->kind == kiosk::domain::QrPayloadKind::ReceiptToken)
        require(kiosk::domain::is_receipt_token(result->text));
    if (result->kind == kiosk::domain::QrPayloadKind::AllowedUrl) {
        std::string scheme(payload.substr(0, 8));
        for (char& c : scheme)
            c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        require(scheme == "https://" && payload.find('@') > payload.find('/', 8));
    }
    return 0;
}
