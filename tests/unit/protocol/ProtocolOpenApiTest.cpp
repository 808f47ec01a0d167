// hub/openapi.yaml, the published contract, against the module that implements it. For each request
// and answer schema: its property names are the keys the module writes; its `required` list is what
// the module's reader requires (requests) or what the module always writes (answers); `nullable` is
// what reads as null (requests) or is written as null (answers); and each limit it states (maxLength,
// maxItems, minimum, maximum) is the module's. Endpoints and error codes are compared too.
// The YAML is read by openapi_to_json.py (python3 with PyYAML: scripts/packages.txt, python3-yaml).
#include "OpenApiShapes.h"
#include "ProtocolSamples.h"

#include <gtest/gtest.h>

namespace kiosk::protocol::test {
namespace {

using json = nlohmann::json;

template <typename Parse>
std::function<bool(const json&)> reads(Parse parse) {
    return [parse](const json& body) { return parse(body).ok(); };
}

std::string response(const std::string& path, const char* method, const char* status) {
    return "/paths/" + escape(path) + "/" + method + "/responses/" + status +
           "/content/application~1json/schema";
}

std::string request_body(const std::string& path, const char* method) {
    return "/paths/" + escape(path) + "/" + method + "/requestBody/content/application~1json/schema";
}

// Every message of the contract, where openapi.yaml describes it, and the parts to compare.
std::vector<Message> messages() {
    const auto accepted = to_json(full_accepted());
    const auto item = to_json(full_work_item());
    const auto minimal_item = to_json(minimal_work_item());
    const auto error = to_json(ErrorBody{"not-found", "no such application", {}});
    const auto missing = to_json(ErrorBody{"missing-blobs", "upload these", {kSha256}});
    return {
        {"ApplicationRequest",
         request_body("/v1/applications", "post"),
         Direction::Request,
         to_json(full_request()),
         {},
         reads(parse_application_request),
         {"", "/applicant", "/consent", "/materials/0"}},
        {"Accepted (201)",
         response("/v1/applications", "post", "201"),
         Direction::Answer,
         accepted,
         accepted,
         reads(parse_application_accepted),
         {"", "/matters/0"}},
        {"Accepted (200)",
         response("/v1/applications", "post", "200"),
         Direction::Answer,
         accepted,
         accepted,
         reads(parse_application_accepted),
         {""}},
        {"Blob",
         response("/v1/blobs/{sha256}", "put", "201"),
         Direction::Answer,
         to_json(BlobInfo{kSha256, 18}),
         to_json(BlobInfo{kSha256, 18}),
         reads(parse_blob_info),
         {""}},
        {"Status by token",
         response("/v1/status/{query_token}", "get", "200"),
         Direction::Answer,
         to_json(full_status()),
         to_json(minimal_status()),
         reads(parse_application_status),
         {"", "/matters/0"}},
        {"Status by number",
         response("/v1/applications/{application_number}/status", "get", "200"),
         Direction::Answer,
         to_json(full_status()),
         to_json(minimal_status()),
         reads(parse_application_status),
         {""}},
        {"Certificate search",
         request_body("/v1/certificates/search", "post"),
         Direction::Request,
         to_json(CertificateQuery{kIdNumber}),
         {},
         reads(parse_certificate_query),
         {""}},
        {"Certificate download",
         request_body("/v1/certificates/{certificate_id}/download", "post"),
         Direction::Request,
         to_json(CertificateDownload{kIdNumber, "G-0a1b2c"}),
         {},
         reads(parse_certificate_download),
         {""}},
        {"Print grant request",
         request_body("/v1/certificates/{certificate_id}/print-grant", "post"),
         Direction::Request,
         to_json(PrintGrantRequest{kIdNumber, ReprintAuthority{"S-1", "jammed"}}),
         {},
         reads(parse_print_grant_request),
         {"", "/reprint"}},
        {"Print grant",
         response("/v1/certificates/{certificate_id}/print-grant", "post", "201"),
         Direction::Answer,
         to_json(PrintGrant{"G-0a1b2c", "C-1", "2026-11-27T02:30:00Z", "2026-11-27T02:40:00Z"}),
         to_json(PrintGrant{"G-0a1b2c", "C-1", "2026-11-27T02:30:00Z", "2026-11-27T02:40:00Z"}),
         reads(parse_print_grant),
         {""}},
        {"Print outcome",
         request_body("/v1/print-grants/{grant_id}/outcome", "post"),
         Direction::Request,
         to_json(PrintOutcomeReport{PrintOutcome::Unknown, "kiosk-restarted"}),
         {},
         reads(parse_print_outcome_report),
         {""}},
        {"Certificates",
         response("/v1/certificates/search", "post", "200"),
         Direction::Answer,
         to_json(full_certificates()),
         to_json(full_certificates()),
         reads(parse_certificate_list),
         {"", "/certificates/0"}},
        {"Work items",
         response("/v1/departments/{department_id}/work-items", "get", "200"),
         Direction::Answer,
         to_json(WorkItemList{{full_work_item()}}),
         to_json(WorkItemList{{minimal_work_item()}}),
         reads(parse_work_item_list),
         {"", "/work_items/0"}},
        {"Work item",
         response("/v1/work-items/{work_item_id}", "get", "200"),
         Direction::Answer,
         to_json(full_detail()),
         to_json(minimal_detail()),
         reads(parse_work_item_detail),
         {"", "/application"}},
        {"Decision",
         request_body("/v1/work-items/{work_item_id}/decision", "post"),
         Direction::Request,
         to_json(full_decision()),
         {},
         reads(parse_decision_request),
         {""}},
        {"Decided",
         response("/v1/work-items/{work_item_id}/decision", "post", "200"),
         Direction::Answer,
         item,
         minimal_item,
         reads(parse_work_item),
         {""}},
        {"Error",
         "/components/schemas/Error",
         Direction::Answer,
         error,
         error,
         reads(parse_error_body),
         {""}},
        {"MissingBlobs",
         response("/v1/applications", "post", "422"),
         Direction::Answer,
         missing,
         error,
         reads(parse_error_body),
         {""}},
    };
}

TEST(ProtocolOpenApi, EverySchemaIsWhatTheModuleWritesAndRequires) {
    const json& spec = openapi_spec();
    ASSERT_TRUE(spec.is_object()) << "hub/openapi.yaml did not load (see the test's output)";
    for (const auto& message : messages()) {
        auto differences = compare(spec, message);
        EXPECT_TRUE(differences.empty()) << message.name << ":\n  " << join(differences, "\n  ");
    }
}

TEST(ProtocolOpenApi, TheEndpointsAreTheModulesRoutes) {
    const json& spec = openapi_spec();
    ASSERT_TRUE(spec.is_object());
    std::set<std::string> published, ours;
    for (const auto& [path, methods] : spec.at("paths").items())
        for (const auto& [method, operation] : methods.items())
            if (method != "parameters")
                published.insert(upper(method) + " " + path);
    for (const auto& route : kRoutes)
        ours.insert(std::string(route.method) + " " + route.path);
    EXPECT_EQ(published, ours);
}

TEST(ProtocolOpenApi, TheErrorCodesAreTheModulesWithTheirStatuses) {
    const json& spec = openapi_spec();
    ASSERT_TRUE(spec.is_object());
    std::set<std::string> published, ours;
    for (const auto& code : spec.at(json::json_pointer("/components/schemas/Error/properties/error/enum")))
        published.insert(code.get<std::string>());
    for (const auto& kind : kErrorKinds)
        ours.insert(kind.code);
    EXPECT_EQ(published, ours);
    // Each code a response's description names is answered with that response's status.
    auto differences = codes_by_status(spec);
    EXPECT_TRUE(differences.empty()) << join(differences, "\n");
}

// The comparison can fail: a published field renamed, a required one dropped, a limit changed.
TEST(ProtocolOpenApi, TheComparisonNoticesADifference) {
    json spec = openapi_spec();
    ASSERT_TRUE(spec.is_object());
    auto& applicant = spec[json::json_pointer("/components/schemas/Applicant")];
    applicant["properties"]["full_name"] = applicant["properties"]["name"];
    applicant["properties"].erase("name");
    auto& status = spec[json::json_pointer("/components/schemas/Status")];
    status["required"].erase(status["required"].begin());
    spec[json::json_pointer("/components/schemas/Material/properties/pages/maximum")] = 9999;
    std::string differences;
    for (const auto& message : messages())
        differences += join(compare(spec, message), "\n") + "\n";
    EXPECT_NE(differences.find("applicant: written but not published: name"), std::string::npos)
        << differences;
    EXPECT_NE(differences.find("applicant: published but not written: full_name"), std::string::npos);
    EXPECT_NE(differences.find("required"), std::string::npos);
    EXPECT_NE(differences.find("materials[]: pages: maximum 9999"), std::string::npos) << differences;
}

} // namespace
} // namespace kiosk::protocol::test
