// libFuzzer target for kiosk-hub's strict reading of POST /v1/applications (hub/ApplicationRequest,
// hub/StrictJson): the body is whatever a client sends. Beyond "no crash, no sanitizer report", it
// checks what the hub relies on:
//  - a refusal is a 400 with a known code and a message that is short printable ASCII, because the
//    message goes to the client and the log and must never echo a value (it could be personal data);
//  - an accepted body has every field in the shape the contract promises (ids, hashes, counts);
//  - the canonical form re-reads to itself, because its sha256 is what makes a replay a replay
//    (docs/specs/hub-contract.md §4.3 "Idempotent replay") and a dump that threw or changed would
//    break that.

#include "hub/ApplicationRequest.h"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

void require(bool condition) {
    if (!condition)
        std::abort();
}

bool is_lower_hex(const std::string& text, size_t length) {
    if (text.size() != length)
        return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

void check_refusal(const kiosk::hub::Reply& reply) {
    require(reply.status == 400);
    require(reply.body.is_object() && reply.body.contains("error") && reply.body["error"].is_string());
    const auto& code = reply.body["error"].get_ref<const std::string&>();
    require(code == "malformed-json" || code == "unknown-field" || code == "invalid-field");
    require(reply.body.contains("message") && reply.body["message"].is_string());
    const auto& message = reply.body["message"].get_ref<const std::string&>();
    require(!message.empty() && message.size() <= 300);
    for (unsigned char c : message)
        require(c >= 0x20 && c < 0x7F);
}

void check_accepted(const kiosk::hub::ApplicationRequest& request) {
    require(is_lower_hex(request.application_id, 32));
    require(!request.query_token.empty() && !request.kiosk_id.empty() && !request.catalog_version.empty());
    require(!request.submitted_at.empty() && !request.consent_accepted_at.empty());
    require(!request.id_number.empty() && !request.name.empty() && !request.consent_version.empty());
    require(request.id_type == "resident_id" || request.id_type == "hmt_permit" ||
            request.id_type == "foreign_permit" || request.id_type == "passport");
    require(!request.matter_ids.empty() && request.matter_ids.size() <= 32);
    for (const auto& matter : request.matter_ids)
        require(!matter.empty() && matter.size() <= 64);
    require(request.materials.size() <= 64);
    for (const auto& material : request.materials) {
        require(is_lower_hex(material.sha256, 64));
        require(material.bytes >= 0 && material.pages >= 0 && material.pages <= 10000);
        require(!material.material_id.empty() && !material.content_type.empty());
    }
    require(request.canonical.is_object());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string body(reinterpret_cast<const char*>(data), size);
    kiosk::hub::ApplicationRequest request;
    if (auto refused = kiosk::hub::parse_application_request(body, request)) {
        check_refusal(*refused);
        return 0;
    }
    check_accepted(request);

    // The hub hashes canonical.dump(): it must not throw, and must read back to the same request.
    std::string canonical = request.canonical.dump();
    kiosk::hub::ApplicationRequest again;
    require(!kiosk::hub::parse_application_request(canonical, again));
    require(again.canonical.dump() == canonical);
    require(again.application_id == request.application_id && again.matter_ids == request.matter_ids &&
            again.materials.size() == request.materials.size());
    return 0;
}
