// libFuzzer target for what the kiosk reads from the hub's answers (services/outbox/HubClient.h; the
// messages are core/protocol's): the first byte picks the HTTP status, the rest is the body. The body
// goes through exactly what HubClient does with it — classify_http_error for a refusal (with each list
// of final refusals the client uses), nlohmann's non-throwing parse, then every answer parser: an
// application accepted, a status, a certificate list, a stored blob, a work item list or detail — and
// the PDF check of a certificate download. Beyond "no crash, no sanitizer report", it checks what the
// outbox and the screens rely on: a refusal is final only when the hub said so in the contract's words
// at a 4xx; its code and message are short printable one-liners (they go to logs and the outbox's
// table, and the answer is outside bytes); `missing` holds only sha256s; an answer that parsed writes
// back to JSON that parses to the same answer.

#include "core/base/Digest.h"
#include "core/protocol/Applications.h"
#include "core/protocol/Certificates.h"
#include "core/protocol/Errors.h"
#include "core/protocol/Routes.h"
#include "core/protocol/Status.h"
#include "core/protocol/Values.h"
#include "core/protocol/WorkItems.h"
#include "services/outbox/HubClient.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

using namespace kiosk;

constexpr std::array<int, 16> kStatuses = {200, 201, 400, 403, 404, 405, 409, 413,
                                           415, 422, 429, 500, 502, 503, 504, 302};
constexpr std::array<protocol::ErrorKind, 1> kLookupRefusals = {protocol::kNotFound};

void require(bool condition) {
    if (!condition)
        std::abort();
}

bool one_printable_line(const std::string& text) {
    for (unsigned char c : text)
        if (c < 0x20 || c == 0x7F)
            return false;
    return true;
}

void check_refusal(int status, const std::string& body, std::span<const protocol::ErrorKind> final_refusals) {
    auto error = outbox::classify_http_error(status, body, final_refusals);
    require(error.http_status == status && !error.code.empty());
    require(error.verdict == outbox::HubVerdict::Retry || (error.verdict == outbox::HubVerdict::Rejected &&
                                                           error.from_hub && status >= 400 && status < 500));
    require(error.code.size() <= 64 && one_printable_line(error.code));
    require(error.message.size() <= 210 && one_printable_line(error.message));
    for (const auto& hash : error.missing)
        require(is_sha256_hex(hash));
    require(!error.missing_blobs() || error.retryable());
    (void)error.hub_wide();
    require(one_printable_line(error.describe()) && one_printable_line(error.kind()));
}

// parse(to_json(parse(json))) is the same answer: what the kiosk keeps is what it read.
template <typename T, typename Parse>
void round_trip(const nlohmann::json& json, Parse parse) {
    Result<T> parsed = parse(json);
    if (!parsed.ok()) {
        require(!parsed.error().message.empty());
        return;
    }
    nlohmann::json written = protocol::to_json(parsed.value());
    Result<T> again = parse(written);
    require(again.ok() && protocol::to_json(again.value()) == written);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    int status = kStatuses[data[0] % kStatuses.size()];
    std::string body(reinterpret_cast<const char*>(data + 1), size - 1);

    check_refusal(status, body, protocol::kFinalApplicationRefusals);
    check_refusal(status, body, kLookupRefusals);
    check_refusal(status, body, {});

    (void)protocol::looks_like_pdf(body);
    auto json = nlohmann::json::parse(body, nullptr, false);
    if (!json.is_object())
        return 0; // HubClient: "bad-response", whatever the status
    round_trip<protocol::ApplicationAccepted>(json, protocol::parse_application_accepted);
    round_trip<protocol::ApplicationStatus>(json, protocol::parse_application_status);
    round_trip<protocol::CertificateList>(json, protocol::parse_certificate_list);
    round_trip<protocol::BlobInfo>(json, protocol::parse_blob_info);
    round_trip<protocol::WorkItemList>(json, protocol::parse_work_item_list);
    round_trip<protocol::WorkItemDetail>(json, protocol::parse_work_item_detail);
    if (auto refusal = protocol::parse_error_body(json); refusal.ok())
        require(!refusal.value().error.empty());
    return 0;
}
