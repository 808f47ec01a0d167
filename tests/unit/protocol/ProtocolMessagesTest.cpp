// Every message of the contract written and read back (core/protocol): the same value comes back,
// the JSON has the contract's field names, and answers tolerate keys a newer hub may add.
#include "ProtocolSamples.h"

#include <gtest/gtest.h>

namespace kiosk::protocol::test {
namespace {

using json = nlohmann::json;

// parse(to_json(value)) gives the value back: compared as JSON, which every type writes.
template <typename T, typename Parse>
void expect_round_trip(const T& value, Parse parse) {
    json written = to_json(value);
    auto read = parse(written);
    ASSERT_TRUE(read.ok()) << read.error().describe() << "\n" << written.dump();
    EXPECT_EQ(to_json(read.value()), written);
    // Through text too: what goes on the wire is dump().
    auto again = parse(json::parse(written.dump()));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(to_json(again.value()), written);
}

TEST(ProtocolMessages, ApplicationRequestRoundTripsWithTheContractsFieldNames) {
    auto request = full_request();
    expect_round_trip(request, parse_application_request);
    json written = to_json(request);
    EXPECT_EQ(written["applicant"]["id_type"], "resident_id");
    EXPECT_EQ(written["consent"], json({{"version", "consent-v1"}, {"accepted_at", "2026-11-27T01:59:40Z"}}));
    EXPECT_EQ(written["materials"][0], json({{"material_id", "birth_certificate"},
                                             {"sha256", kSha256},
                                             {"bytes", 1234},
                                             {"content_type", "application/pdf"},
                                             {"pages", 2}}));
    // No package, no phone: null on the wire, as the kiosk has always sent them.
    request.package_id = std::nullopt;
    request.applicant.phone = std::nullopt;
    written = to_json(request);
    EXPECT_TRUE(written.at("package_id").is_null());
    EXPECT_TRUE(written.at("applicant").at("phone").is_null());
    expect_round_trip(request, parse_application_request);
    // Absent reads as null, and "" as none (a hub never stored an empty package id as a package).
    written.erase("package_id");
    EXPECT_FALSE(parse_application_request(written).value().package_id);
    written["package_id"] = "";
    EXPECT_FALSE(parse_application_request(written).value().package_id);
    EXPECT_TRUE(validate(full_request()).ok());
}

TEST(ProtocolMessages, AnswersRoundTrip) {
    expect_round_trip(BlobInfo{kSha256, 18}, parse_blob_info);
    expect_round_trip(full_accepted(), parse_application_accepted);
    EXPECT_EQ(to_json(full_accepted())["status"], "accepted");
    expect_round_trip(full_status(), parse_application_status);
    expect_round_trip(minimal_status(), parse_application_status);
    expect_round_trip(full_certificates(), parse_certificate_list);
    expect_round_trip(CertificateList{}, parse_certificate_list);
    expect_round_trip(full_work_item(), parse_work_item);
    expect_round_trip(minimal_work_item(), parse_work_item);
    expect_round_trip(WorkItemList{{full_work_item(), minimal_work_item()}}, parse_work_item_list);
    expect_round_trip(full_detail(), parse_work_item_detail);
    expect_round_trip(minimal_detail(), parse_work_item_detail);
}

TEST(ProtocolMessages, RequestsOfDepartmentsAndCertificatesRoundTrip) {
    expect_round_trip(full_decision(), parse_decision_request);
    DecisionRequest approve{DecisionKind::Approve, std::nullopt, "王警官"};
    expect_round_trip(approve, parse_decision_request);
    EXPECT_EQ(to_json(approve), json({{"decision", "approve"}, {"officer", "王警官"}}))
        << "no reason: no key";
    expect_round_trip(CertificateQuery{kIdNumber}, parse_certificate_query);
}

TEST(ProtocolMessages, TheCitizensViewLeavesOutStaffAndInternalIds) {
    json status = to_json(full_status());
    const json& matter = status["matters"][0];
    for (const char* hidden : {"officer", "work_item_id", "application_number", "received_at"})
        EXPECT_FALSE(matter.contains(hidden)) << hidden;
    EXPECT_EQ(matter["certificate_id"], "C-OW20261127-0000001-1");
    EXPECT_TRUE(to_json(minimal_status())["package_id"].is_null());
}

TEST(ProtocolMessages, AnswersIgnoreKeysANewerHubMayAdd) {
    json accepted = to_json(full_accepted());
    accepted["estimated_days"] = 5;
    accepted["matters"][0]["window"] = "B3";
    EXPECT_TRUE(parse_application_accepted(accepted).ok());
    json status = to_json(full_status());
    status["matters"][0]["note"] = "x";
    EXPECT_TRUE(parse_application_status(status).ok());
    json item = to_json(full_work_item());
    item["priority"] = 1;
    EXPECT_TRUE(parse_work_item(item).ok());
}

TEST(ProtocolMessages, AnswersMissingWhatTheHubAlwaysWritesDoNotRead) {
    json status = to_json(full_status());
    status["matters"][0].erase("reason"); // written as null when there is none, never left out
    auto read = parse_application_status(status);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::InvalidData);
    EXPECT_EQ(read.error().message, "matters[0].reason: missing");
    json accepted = to_json(full_accepted());
    accepted["status"] = "queued";
    EXPECT_EQ(parse_application_accepted(accepted).error().message, "status: expected accepted");
    json blob = to_json(BlobInfo{kSha256, 18});
    blob["bytes"] = "18";
    EXPECT_EQ(parse_blob_info(blob).error().message, "bytes: expected an integer");
    EXPECT_EQ(parse_work_item_list(json::array()).error().message, "the body must be a JSON object");
}

TEST(ProtocolErrors, ErrorBodiesAreWrittenWholeAndReadLeniently) {
    EXPECT_EQ(to_json(ErrorBody{"not-found", "no such application", {}}),
              json({{"error", "not-found"}, {"message", "no such application"}}));
    json missing = to_json(ErrorBody{"missing-blobs", "upload these", {kSha256}});
    EXPECT_EQ(missing["missing"], json::array({kSha256}));
    auto read = parse_error_body(missing);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(read.value().missing, std::vector<std::string>{kSha256});

    // A refusal that is not quite right is still understood by its code.
    auto bare = parse_error_body({{"error", "missing-blobs"}, {"missing", {kSha256, "../etc", 7}}, {"x", 1}});
    ASSERT_TRUE(bare.ok());
    EXPECT_EQ(bare.value().message, "");
    EXPECT_EQ(bare.value().missing, std::vector<std::string>{kSha256});
    EXPECT_FALSE(parse_error_body({{"message", "no code"}}).ok());
    EXPECT_FALSE(parse_error_body({{"error", ""}}).ok());
    EXPECT_FALSE(parse_error_body(json("<html>")).ok());
}

TEST(ProtocolMessages, JsonObjectsFromText) {
    EXPECT_TRUE(parse_json_object(R"({"a": 1})").ok());
    for (const char* bad : {"", "{", "[1, 2]", "\"text\"", "{\"a\": 1} trailing"}) {
        auto parsed = parse_json_object(bad);
        ASSERT_FALSE(parsed.ok()) << bad;
        EXPECT_EQ(parsed.error().code, ErrorCode::InvalidData);
    }
}

} // namespace
} // namespace kiosk::protocol::test
