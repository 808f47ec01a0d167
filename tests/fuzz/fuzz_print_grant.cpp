// libFuzzer target for the strict reading of the print-grant bodies (core/protocol/PrintGrants.h, as
// kiosk-hub reads them: parse_json_object, then parse_print_grant_request, parse_print_outcome_report or
// parse_certificate_download; the first byte picks which) and for the kiosk's tolerant reading of the
// hub's answers (parse_print_grant, parse_print_held). Beyond "no crash, no sanitizer report": a refusal
// is one of the contract's 400s with a short printable ASCII message (it never echoes a value), and an
// accepted request re-reads to itself.

#include "core/protocol/Errors.h"
#include "core/protocol/FieldReader.h"
#include "core/protocol/PrintGrants.h"
#include "core/protocol/Values.h"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

using namespace kiosk::protocol;

void require(bool condition) {
    if (!condition)
        std::abort();
}

void check_refusal(const kiosk::Error& error) {
    require(error.code == kiosk::ErrorCode::InvalidData || error.code == kiosk::ErrorCode::Unsupported);
    std::string code = refusal_kind(error).code;
    require(code == "unknown-field" || code == "invalid-field");
    require(!error.message.empty() && error.message.size() <= 300);
    for (unsigned char c : error.message)
        require(c >= 0x20 && c < 0x7F);
}

template <typename T, typename Parse>
void round_trip(const nlohmann::json& body, Parse parse) {
    auto parsed = parse(body);
    if (!parsed.ok())
        return check_refusal(parsed.error());
    auto again = parse(to_json(parsed.value()));
    require(again.ok());
    require(to_json(again.value()).dump() == to_json(parsed.value()).dump());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
    auto json = parse_json_object(body);
    if (!json.ok())
        return 0;
    switch (data[0] % 5) {
    case 0:
        round_trip<PrintGrantRequest>(json.value(), parse_print_grant_request);
        break;
    case 1:
        round_trip<PrintOutcomeReport>(json.value(), parse_print_outcome_report);
        break;
    case 2:
        round_trip<CertificateDownload>(json.value(), parse_certificate_download);
        break;
    case 3:
        if (auto grant = parse_print_grant(json.value()); grant.ok())
            require(is_path_segment(grant.value().grant_id));
        break;
    default:
        (void)parse_print_held(json.value());
        break;
    }
    return 0;
}
