// POST /v1/applications: one application fans out to one work item per matter, all at once;
// replays are idempotent; bad input gets a clear 4xx and leaves nothing written.
#include "hub/Digest.h"
#include "tests/hub/HubTestSupport.h"

#include <gtest/gtest.h>

namespace kiosk::hub::test {
namespace {

const std::vector<std::string> kNewborn = {"birth_certificate_registration", "newborn_household_registration",
                                           "newborn_medical_insurance", "social_security_card"};

void expect_nothing_written(HubInstance& hub) {
    EXPECT_EQ(hub.count("applications"), 0);
    EXPECT_EQ(hub.count("work_items"), 0);
    EXPECT_EQ(hub.count("audit WHERE kind LIKE 'application.%' OR kind LIKE 'work_item.%'"), 0);
}

TEST(HubApplications, NewbornPackageFansOutToItsFourDepartments) {
    HubInstance hub;
    std::string scan = "scan of the medical birth certificate";
    put_blob(hub, scan);
    // Friday 10:00 in Shanghai: one working day later is Monday, five are the next Friday.
    auto answer = post_json(*hub.client("kiosk-dev-kiosk-01"), "/v1/applications",
                            application(1, "newborn", kNewborn, {scan}, "2026-11-27T02:00:00Z"));
    ASSERT_EQ(answer.status, 201) << answer.raw;
    EXPECT_EQ(answer.body["application_id"], application_id(1));
    EXPECT_EQ(answer.body["status"], "accepted");
    std::string number = answer.body["application_number"];
    EXPECT_EQ(number, "OW20261127-0000001"); // the hub's date (kHubNow) and its first number of the day

    const auto& matters = answer.body["matters"];
    ASSERT_EQ(matters.size(), 4u);
    struct Expected {
        const char* matter;
        const char* department;
        const char* promised;
    };
    Expected expected[] = {{"birth_certificate_registration", "health", "2026-11-30"},
                           {"newborn_household_registration", "public_security", "2026-11-30"},
                           {"newborn_medical_insurance", "medical_security", "2026-11-30"},
                           {"social_security_card", "human_resources", "2026-12-04"}};
    for (size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(matters[i]["matter_id"], expected[i].matter);
        EXPECT_EQ(matters[i]["department_id"], expected[i].department);
        EXPECT_EQ(matters[i]["promised_date"], expected[i].promised);
        EXPECT_EQ(matters[i]["work_item_id"], number + "-" + std::to_string(i + 1));
    }
    EXPECT_EQ(hub.count("applications"), 1);
    EXPECT_EQ(hub.count("work_items WHERE state = 'pending'"), 4);
    EXPECT_EQ(hub.count("audit WHERE kind = 'application.accepted'"), 1);
    EXPECT_EQ(hub.count("audit WHERE kind = 'work_item.created'"), 4);
    // The hub keeps a hash of the query token, never the token.
    EXPECT_EQ(hub.count("applications WHERE request_json LIKE '%" + receipt_token(1) + "%'"), 0);
    EXPECT_EQ(hub.count("applications WHERE token_sha256 = '" + sha256_hex(receipt_token(1)) + "'"), 1);
    // Audit rows carry no personal data.
    EXPECT_EQ(hub.count(std::string("audit WHERE detail LIKE '%") + kIdNumber + "%' OR detail LIKE '%" +
                        kHolderName + "%'"),
              0);
}

TEST(HubApplications, HolidaysMoveThePromisedDate) {
    HubInstance hub("2026-11-30\n");
    auto answer =
        post_json(*hub.client("kiosk-dev-kiosk-01"), "/v1/applications",
                  application(1, "", {"no_criminal_record_certificate"}, {}, "2026-11-27T02:00:00Z"));
    ASSERT_EQ(answer.status, 201) << answer.raw;
    EXPECT_EQ(answer.body["matters"][0]["promised_date"], "2026-12-01");
}

TEST(HubApplications, ReplayWithTheSameContentIsTheSameApplication) {
    HubInstance hub;
    auto kiosk = hub.client("kiosk-dev-kiosk-01");
    auto request = application(1, "newborn", kNewborn);
    auto first = post_json(*kiosk, "/v1/applications", request);
    ASSERT_EQ(first.status, 201);
    // Key order differs on the wire; the canonical request is the same.
    auto second = post_text(*kiosk, "/v1/applications", nlohmann::ordered_json::parse(request.dump()).dump());
    EXPECT_EQ(second.status, 200);
    EXPECT_EQ(second.body, first.body);
    EXPECT_EQ(hub.count("applications"), 1);
    EXPECT_EQ(hub.count("work_items"), 4);
    // The next application gets the next number.
    auto next = post_json(*kiosk, "/v1/applications", application(2, "newborn", kNewborn));
    ASSERT_EQ(next.status, 201);
    EXPECT_TRUE(next.body["application_number"].get<std::string>().ends_with("-0000002"));
}

TEST(HubApplications, SameIdWithOtherContentIsAConflict) {
    HubInstance hub;
    auto kiosk = hub.client("kiosk-dev-kiosk-01");
    auto request = application(1, "newborn", kNewborn);
    ASSERT_EQ(post_json(*kiosk, "/v1/applications", request).status, 201);
    request["form"]["purpose"] = "其他";
    auto answer = post_json(*kiosk, "/v1/applications", request);
    EXPECT_EQ(answer.status, 409);
    EXPECT_EQ(answer.body["error"], "application-conflict");
    EXPECT_EQ(hub.count("applications"), 1);
    EXPECT_EQ(hub.count("work_items"), 4);
}

TEST(HubApplications, MissingBlobsAreListedAndNothingIsWritten) {
    HubInstance hub;
    put_blob(hub, "uploaded");
    auto request = application(1, "newborn", kNewborn, {"uploaded", "not uploaded", "not uploaded either"});
    auto answer = post_json(*hub.client("kiosk-dev-kiosk-01"), "/v1/applications", request);
    EXPECT_EQ(answer.status, 422);
    EXPECT_EQ(answer.body["error"], "missing-blobs");
    EXPECT_EQ(answer.body["missing"],
              nlohmann::json({sha256_hex("not uploaded"), sha256_hex("not uploaded either")}));
    expect_nothing_written(hub);

    // Once they are uploaded, the same request goes through.
    put_blob(hub, "not uploaded");
    put_blob(hub, "not uploaded either");
    EXPECT_EQ(post_json(*hub.client("kiosk-dev-kiosk-01"), "/v1/applications", request).status, 201);
}

// The hall updated its kiosks before the hub: an application from the newer catalog is "not yet" (a
// 5xx the kiosk retries), never unknown-matter, which would be final; one from the same or an older
// catalog is checked as always (the hub's catalog is the sample's, 2026.11-sample-1).
TEST(HubApplications, AnApplicationFromANewerCatalogIsAskedToComeBackNotRefused) {
    HubInstance hub;
    auto kiosk = hub.client("kiosk-dev-kiosk-01");
    auto from_catalog = [](unsigned seed, const char* version, const std::vector<std::string>& matters) {
        auto request = application(seed, "", matters);
        request["catalog_version"] = version;
        return request;
    };
    for (const char* newer : {"2026.11-sample-2", "2026.12-sample-1", "2027.1-sample-1"}) {
        auto answer = post_json(*kiosk, "/v1/applications",
                                from_catalog(1, newer, {"a_matter_only_the_new_catalog_has"}));
        EXPECT_EQ(answer.status, 503) << newer << ": " << answer.raw;
        EXPECT_EQ(answer.body["error"], "catalog-behind") << newer;
        EXPECT_NE(answer.body["message"].get<std::string>().find("2026.11-sample-1"), std::string::npos);
    }
    expect_nothing_written(hub);

    // The same catalog, or an older one: checked and taken as usual.
    EXPECT_EQ(post_json(*kiosk, "/v1/applications",
                        from_catalog(2, "2026.11-sample-1", {"no_criminal_record_certificate"}))
                  .status,
              201);
    EXPECT_EQ(post_json(*kiosk, "/v1/applications",
                        from_catalog(3, "2026.9-sample-7", {"no_criminal_record_certificate"}))
                  .status,
              201);
    auto withdrawn = post_json(*kiosk, "/v1/applications",
                               from_catalog(4, "2026.10-sample-1", {"a_matter_the_hub_withdrew"}));
    EXPECT_EQ(withdrawn.status, 422);
    EXPECT_EQ(withdrawn.body["error"], "unknown-matter");
}

TEST(HubApplications, BadInputGetsAClear4xxAndLeavesNothing) {
    HubInstance hub;
    auto kiosk = hub.client("kiosk-dev-kiosk-01");
    auto with = [](auto change) {
        auto request = application(1, "newborn", kNewborn);
        change(request);
        return request;
    };
    struct Case {
        const char* what;
        std::string body;
        int status;
        const char* error;
    };
    std::string huge_name(size_t(1100) * 1024, 'x');
    std::vector<Case> cases = {
        {"malformed", "{\"application_id\": ", 400, "malformed-json"},
        {"not an object", "[1, 2]", 400, "malformed-json"},
        {"unknown field", with([](auto& r) { r["priority"] = "high"; }).dump(), 400, "unknown-field"},
        {"unknown nested field", with([](auto& r) { r["applicant"]["nickname"] = "x"; }).dump(), 400,
         "unknown-field"},
        {"wrong type", with([](auto& r) { r["matter_ids"] = "birth_certificate_registration"; }).dump(), 400,
         "invalid-field"},
        {"missing field", with([](auto& r) { r.erase("consent"); }).dump(), 400, "invalid-field"},
        {"bad id", with([](auto& r) { r["application_id"] = "ABC"; }).dump(), 400, "invalid-field"},
        {"oversized", with([&](auto& r) { r["applicant"]["name"] = huge_name; }).dump(), 413, "too-large"},
        {"bad token", with([](auto& r) { r["query_token"] = "OW1-0000-0000-0000-0001"; }).dump(), 422,
         "bad-token"},
        {"unknown matter", with([](auto& r) { r["matter_ids"].push_back("moon_landing_permit"); }).dump(),
         422, "unknown-matter"},
        {"matter outside package",
         with([](auto& r) { r["matter_ids"].push_back("residence_permit"); }).dump(), 422,
         "matter-not-in-package"},
        {"bad ID number", with([](auto& r) { r["applicant"]["id_number"] = "650102198511020060"; }).dump(),
         422, "bad-id-number"},
        {"local time", with([](auto& r) { r["submitted_at"] = "2026-11-27 10:00"; }).dump(), 422, "bad-time"},
    };
    for (const auto& c : cases) {
        auto answer = post_text(*kiosk, "/v1/applications", c.body);
        EXPECT_EQ(answer.status, c.status) << c.what << ": " << answer.raw.substr(0, 200);
        EXPECT_EQ(answer.body.value("error", ""), c.error) << c.what;
        EXPECT_FALSE(answer.body.value("message", "").empty()) << c.what;
    }
    auto wrong_type =
        kiosk->Post("/v1/applications", application(1, "newborn", kNewborn).dump(), "text/plain");
    ASSERT_TRUE(wrong_type);
    EXPECT_EQ(wrong_type->status, 415);
    expect_nothing_written(hub);
}

TEST(HubApplications, StatusByTokenAndByNumberWithToken) {
    HubInstance hub;
    auto kiosk = hub.client("kiosk-dev-kiosk-01");
    auto accepted = post_json(*kiosk, "/v1/applications", application(1, "newborn", kNewborn));
    ASSERT_EQ(accepted.status, 201);
    std::string number = accepted.body["application_number"];

    auto by_token = get(*kiosk, "/v1/status/" + receipt_token(1));
    ASSERT_EQ(by_token.status, 200) << by_token.raw;
    EXPECT_EQ(by_token.body["application_number"], number);
    EXPECT_EQ(by_token.body["status"], "in_progress");
    EXPECT_EQ(by_token.body["package_id"], "newborn");
    ASSERT_EQ(by_token.body["matters"].size(), 4u);
    EXPECT_EQ(by_token.body["matters"][0]["state"], "pending");
    EXPECT_EQ(by_token.body["matters"][0]["overdue"], false);
    EXPECT_TRUE(by_token.body["matters"][0]["decided_at"].is_null());

    auto by_number = get(*kiosk, "/v1/applications/" + number + "/status?token=" + receipt_token(1));
    EXPECT_EQ(by_number.status, 200);
    EXPECT_EQ(by_number.body, by_token.body);

    // A wrong token, an unknown token and a malformed one all answer the same 404: no oracle.
    for (const auto& path : {"/v1/applications/" + number + "/status?token=" + receipt_token(2),
                             "/v1/applications/" + number + "/status", "/v1/status/" + receipt_token(2),
                             std::string("/v1/status/OW1-nonsense")}) {
        auto answer = get(*kiosk, path);
        EXPECT_EQ(answer.status, 404) << path;
        EXPECT_EQ(answer.body["error"], "not-found") << path;
    }
}

TEST(HubApplications, PendingPastItsPromisedDateIsOverdue) {
    HubInstance hub;
    auto kiosk = hub.client("kiosk-dev-kiosk-01");
    // Submitted on Monday 5 January (queued at the kiosk, or a slow department): due Tuesday 6th.
    ASSERT_EQ(post_json(*kiosk, "/v1/applications",
                        application(1, "", {"no_criminal_record_certificate"}, {}, "2026-01-05T02:00:00Z"))
                  .status,
              201);
    auto status = get(*kiosk, "/v1/status/" + receipt_token(1));
    EXPECT_EQ(status.body["matters"][0]["promised_date"], "2026-01-06");
    EXPECT_EQ(status.body["matters"][0]["overdue"], true);
}

TEST(HubApplications, ASubmittedAtAfterTheHubsNowCountsFromTheReceipt) {
    HubInstance hub;
    // A kiosk clock half a year ahead: the promise counts from the hub's now (Friday 27 November), one
    // working day → Monday 30 November, not from the kiosk's June date.
    auto answer =
        post_json(*hub.client("kiosk-dev-kiosk-01"), "/v1/applications",
                  application(1, "", {"no_criminal_record_certificate"}, {}, "2027-06-01T02:00:00Z"));
    ASSERT_EQ(answer.status, 201) << answer.raw;
    EXPECT_EQ(answer.body["matters"][0]["promised_date"], "2026-11-30");
}
} // namespace
} // namespace kiosk::hub::test
