// libFuzzer target for the strict reading of POST /v1/applications (core/protocol, as kiosk-hub
// reads a body: parse_json_object, then parse_application_request): the body is whatever a client
// sends. Beyond "no crash, no sanitizer report", it checks what the hub relies on:
//  - a refusal is one of the contract's three 400s (malformed-json, unknown-field, invalid-field) with a
//    message that is short printable ASCII, because the message goes to the client and the log and must
//    never echo a value (it could be personal data);
//  - an accepted body has every field in the shape the contract promises (ids, hashes, counts);
//  - the request re-reads to itself, and the parsed body's dump() re-reads to the same dump: its sha256
//    is what makes a replay a replay (openapi.yaml, POST /v1/applications), and a dump that threw or
//    changed would break that.

#include "core/base/Digest.h"
#include "core/protocol/Applications.h"
#include "core/protocol/FieldReader.h"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

using namespace kiosk::protocol;

void require(bool condition) {
    if (!condition)
        std::abort();
}

void check_refusal(const kiosk::Error& error, bool json_read) {
    require(error.code == kiosk::ErrorCode::InvalidData || error.code == kiosk::ErrorCode::Unsupported);
    require(json_read || error.code == kiosk::ErrorCode::InvalidData); // malformed-json
    std::string code = json_read ? refusal_kind(error).code : kMalformedJson.code;
    require(code == "malformed-json" || code == "unknown-field" || code == "invalid-field");
    require(!error.message.empty() && error.message.size() <= 300);
    for (unsigned char c : error.message)
        require(c >= 0x20 && c < 0x7F);
}

void check_accepted(const ApplicationRequest& request) {
    require(is_application_id(request.application_id));
    require(!request.query_token.empty() && !request.kiosk_id.empty() && !request.catalog_version.empty());
    require(!request.submitted_at.empty() && !request.consent.accepted_at.empty());
    require(!request.applicant.id_number.empty() && !request.applicant.name.empty());
    require(!request.consent.version.empty());
    require(parse_id_type(to_string(request.applicant.id_type)) == request.applicant.id_type);
    require(!request.matter_ids.empty() && request.matter_ids.size() <= kMaxMatters);
    for (const auto& matter : request.matter_ids)
        require(!matter.empty() && matter.size() <= kMaxIdBytes);
    require(!request.package_id || !request.package_id->empty());
    require(request.materials.size() <= kMaxMaterials);
    for (const auto& material : request.materials) {
        require(kiosk::is_sha256_hex(material.sha256));
        require(material.bytes >= 0 && material.pages >= 0 && material.pages <= kMaxPages);
        require(!material.material_id.empty() && !material.content_type.empty());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string body(reinterpret_cast<const char*>(data), size);
    auto json = parse_json_object(body);
    if (!json.ok()) {
        check_refusal(json.error(), false);
        return 0;
    }
    auto request = parse_application_request(json.value());
    if (!request.ok()) {
        check_refusal(request.error(), true);
        return 0;
    }
    check_accepted(request.value());

    // The hub hashes the parsed body's dump(): it must not throw, and must read back to the same request.
    std::string canonical = json.value().dump();
    auto reread = parse_json_object(canonical);
    require(reread.ok() && reread.value().dump() == canonical);
    auto again = parse_application_request(reread.value());
    require(again.ok());
    require(to_json(again.value()) == to_json(request.value()));
    // What a kiosk writes from the request reads back to it too.
    auto written = parse_application_request(to_json(request.value()));
    require(written.ok() && to_json(written.value()) == to_json(request.value()));
    return 0;
}
