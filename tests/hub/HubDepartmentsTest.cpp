// Departments see and decide their own work items; an approval of a certificate-issuing matter makes
// a certificate the citizen can find and print at a kiosk with their ID number; everything survives a
// restart and leaves an audit trail.
#include "tests/hub/HubTestSupport.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace kiosk::hub::test {
namespace {

const std::vector<std::string> kNewborn = {"birth_certificate_registration", "newborn_household_registration",
                                           "newborn_medical_insurance", "social_security_card"};

std::string submit(HubInstance& hub, unsigned seed, const std::string& package,
                   const std::vector<std::string>& matters) {
    auto answer =
        post_json(*hub.client("kiosk-dev-kiosk-01"), "/v1/applications", application(seed, package, matters));
    EXPECT_EQ(answer.status, 201) << answer.raw;
    return answer.body.value("application_number", "");
}

nlohmann::json decision(const char* what, const char* reason = nullptr) {
    nlohmann::json body = {{"decision", what}, {"officer", "王警官"}};
    if (reason)
        body["reason"] = reason;
    return body;
}

TEST(HubDepartments, EachDepartmentSeesOnlyItsOwnQueue) {
    HubInstance hub;
    std::string number = submit(hub, 1, "newborn", kNewborn);
    auto police = hub.client("dept-public_security");
    auto list = get(*police, "/v1/departments/public_security/work-items?state=pending");
    ASSERT_EQ(list.status, 200) << list.raw;
    ASSERT_EQ(list.body["work_items"].size(), 1u);
    const auto& item = list.body["work_items"][0];
    EXPECT_EQ(item["matter_id"], "newborn_household_registration");
    EXPECT_EQ(item["application_number"], number);
    EXPECT_EQ(item["state"], "pending");
    EXPECT_EQ(item["promised_date"], "2026-11-30");
    EXPECT_EQ(item["overdue"], false);

    EXPECT_EQ(get(*police, "/v1/departments/health/work-items").status, 403);
    // Health's item answers exactly like an item that does not exist: no oracle for other departments'
    // application numbers (sequential).
    for (const std::string& id : {number + "-1", number + "-9"}) {
        auto other = get(*police, "/v1/work-items/" + id);
        EXPECT_EQ(other.status, 404) << id;
        EXPECT_EQ(other.body["error"], "not-found") << id;
        EXPECT_EQ(post_json(*police, "/v1/work-items/" + id + "/decision", decision("approve")).status, 404)
            << id;
    }
    EXPECT_EQ(get(*hub.client("kiosk-dev-kiosk-01"), "/v1/work-items/" + number + "-1").status, 403);
    EXPECT_EQ(get(*hub.client("kiosk-dev-kiosk-01"), "/v1/departments/health/work-items").status, 403);

    // The department's view of its item holds what it needs to decide.
    auto detail = get(*police, "/v1/work-items/" + number + "-2");
    ASSERT_EQ(detail.status, 200) << detail.raw;
    EXPECT_EQ(detail.body["application"]["applicant"]["name"], kHolderName);
    EXPECT_EQ(detail.body["application"]["form"]["purpose"], "就业");

    // An admin sees every department.
    auto admin = get(*hub.client("admin-alice"), "/v1/departments/health/work-items");
    ASSERT_EQ(admin.status, 200);
    EXPECT_EQ(admin.body["work_items"].size(), 1u);
}

TEST(HubDepartments, DecisionsShowInTheCitizensStatusAndAreFinal) {
    HubInstance hub;
    std::string number = submit(hub, 1, "newborn", kNewborn);
    auto health = hub.client("dept-health");
    auto approved = post_json(*health, "/v1/work-items/" + number + "-1/decision", decision("approve"));
    ASSERT_EQ(approved.status, 200) << approved.raw;
    EXPECT_EQ(approved.body["state"], "approved");
    EXPECT_EQ(approved.body["officer"], "王警官");
    EXPECT_FALSE(approved.body["decided_at"].is_null());

    auto again = post_json(*health, "/v1/work-items/" + number + "-1/decision", decision("reject", "late"));
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.body["error"], "already-decided");

    auto police = hub.client("dept-public_security");
    EXPECT_EQ(
        post_json(*police, "/v1/work-items/" + number + "-2/decision", decision("reject")).body["error"],
        "reason-required");
    EXPECT_EQ(post_json(*police, "/v1/work-items/" + number + "-2/decision", decision("maybe")).status, 400);
    EXPECT_EQ(post_json(*police, "/v1/work-items/" + number + "-2/decision",
                        {{"decision", "approve"}, {"officer", "x"}, {"stamp", true}})
                  .body["error"],
              "unknown-field");
    auto more = post_json(*police, "/v1/work-items/" + number + "-2/decision",
                          decision("request_more", "户口簿首页复印件不清晰"));
    ASSERT_EQ(more.status, 200);

    auto status = get(*hub.client("kiosk-dev-kiosk-01"), "/v1/status/" + receipt_token(1));
    ASSERT_EQ(status.status, 200);
    EXPECT_EQ(status.body["status"], "more_requested");
    EXPECT_EQ(status.body["matters"][0]["state"], "approved");
    EXPECT_EQ(status.body["matters"][1]["state"], "more_requested");
    EXPECT_EQ(status.body["matters"][1]["reason"], "户口簿首页复印件不清晰");
    EXPECT_FALSE(status.body["matters"][0].contains("officer"));

    EXPECT_EQ(hub.count("audit WHERE kind = 'work_item.approved'"), 1);
    EXPECT_EQ(hub.count("audit WHERE kind = 'work_item.more_requested' AND actor = 'dept:public_security'"),
              1);
    EXPECT_EQ(hub.count("work_items WHERE state = 'pending'"), 2);
}

TEST(HubDepartments, AllApprovedIsCompleted) {
    HubInstance hub;
    std::string number = submit(hub, 1, "", {"birth_certificate_registration"});
    ASSERT_EQ(
        post_json(*hub.client("admin-alice"), "/v1/work-items/" + number + "-1/decision", decision("approve"))
            .status,
        200);
    EXPECT_EQ(get(*hub.client("kiosk-dev-kiosk-01"), "/v1/status/" + receipt_token(1)).body["status"],
              "completed");
}

TEST(HubDepartments, ApprovedCertificateIsFoundAndPrintedByIdNumber) {
    HubInstance hub;
    std::string number = submit(hub, 7, "", {"no_criminal_record_certificate"});
    auto approved = post_json(*hub.client("dept-public_security"), "/v1/work-items/" + number + "-1/decision",
                              decision("approve"));
    ASSERT_EQ(approved.status, 200) << approved.raw;
    std::string certificate_id = approved.body["certificate_id"];
    EXPECT_EQ(hub.count("certificates"), 1);
    EXPECT_EQ(hub.count("audit WHERE kind = 'certificate.issued'"), 1);
    // Only a keyed hash of the ID number is stored beside the certificate.
    EXPECT_EQ(hub.count(std::string("certificates WHERE id_number_key LIKE '%") + kIdNumber + "%'"), 0);

    auto kiosk = hub.client("kiosk-dev-kiosk-01");
    auto status = get(*kiosk, "/v1/status/" + receipt_token(7));
    EXPECT_EQ(status.body["matters"][0]["certificate_id"], certificate_id);

    auto found = post_json(*kiosk, "/v1/certificates/search", {{"id_number", kIdNumber}});
    ASSERT_EQ(found.status, 200) << found.raw;
    ASSERT_EQ(found.body["certificates"].size(), 1u);
    EXPECT_EQ(found.body["certificates"][0]["certificate_id"], certificate_id);
    EXPECT_EQ(found.body["certificates"][0]["application_number"], number);
    EXPECT_EQ(found.body["certificates"][0]["title"], "无犯罪记录证明开具");
    EXPECT_EQ(post_json(*kiosk, "/v1/certificates/search", {{"id_number", "110101199003070011"}})
                  .body["certificates"]
                  .size(),
              0u);

    // The PDF only under a print grant of this kiosk (HubPrintGrantsTest has the rules).
    auto grant =
        post_json(*kiosk, "/v1/certificates/" + certificate_id + "/print-grant", {{"id_number", kIdNumber}});
    ASSERT_EQ(grant.status, 201) << grant.raw;
    std::string grant_id = grant.body["grant_id"];
    auto pdf = kiosk->Post("/v1/certificates/" + certificate_id + "/download",
                           nlohmann::json{{"id_number", kIdNumber}, {"grant_id", grant_id}}.dump(),
                           "application/json");
    ASSERT_TRUE(pdf);
    ASSERT_EQ(pdf->status, 200);
    EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
    ASSERT_TRUE(pdf->body.starts_with("%PDF"));
    auto wrong = post_json(*kiosk, "/v1/certificates/" + certificate_id + "/download",
                           {{"id_number", "110101199003070011"}, {"grant_id", grant_id}});
    EXPECT_EQ(wrong.status, 404);

    // The holder's name is on the certificate (the PDF's text, as pdftotext reads it).
    std::string pdf_path = hub.data_dir() + "/certificate.pdf";
    std::ofstream(pdf_path, std::ios::binary) << pdf->body;
    FILE* text = popen(("pdftotext " + pdf_path + " - 2>/dev/null").c_str(), "r");
    ASSERT_NE(text, nullptr);
    std::string content;
    char buffer[4096];
    while (size_t n = fread(buffer, 1, sizeof buffer, text))
        content.append(buffer, n);
    pclose(text);
    EXPECT_NE(content.find(kHolderName), std::string::npos) << content.substr(0, 400);
    EXPECT_NE(content.find(number), std::string::npos);
}

TEST(HubDepartments, EverythingSurvivesARestart) {
    HubInstance hub;
    std::string number = submit(hub, 3, "", {"no_criminal_record_certificate", "residence_permit"});
    auto police = hub.client("dept-public_security");
    ASSERT_EQ(post_json(*police, "/v1/work-items/" + number + "-1/decision", decision("approve")).status,
              200);
    police.reset();
    hub.stop();
    hub.start();

    auto kiosk = hub.client("kiosk-dev-kiosk-01");
    auto status = get(*kiosk, "/v1/status/" + receipt_token(3));
    ASSERT_EQ(status.status, 200);
    EXPECT_EQ(status.body["application_number"], number);
    EXPECT_EQ(status.body["matters"][0]["state"], "approved");
    EXPECT_EQ(status.body["matters"][1]["state"], "pending");
    EXPECT_EQ(
        post_json(*kiosk, "/v1/certificates/search", {{"id_number", kIdNumber}}).body["certificates"].size(),
        1u);
    // The replay after a restart is still the same application, and numbering goes on.
    EXPECT_EQ(post_json(*kiosk, "/v1/applications",
                        application(3, "", {"no_criminal_record_certificate", "residence_permit"}))
                  .status,
              200);
    auto next = post_json(*kiosk, "/v1/applications", application(4, "", {"residence_permit"}));
    ASSERT_EQ(next.status, 201);
    EXPECT_TRUE(next.body["application_number"].get<std::string>().ends_with("-0000002"));
    EXPECT_EQ(hub.count("clients WHERE status = 'active'"), 5);
}

TEST(HubDepartments, APathThatIsNotUtf8GetsTheContractsAnswerNotA500) {
    HubInstance hub;
    auto police = hub.client("dept-public_security");
    // %FF decodes to a byte that is not UTF-8; the refusal quotes the id, and the JSON must still be written.
    for (const char* path : {"/v1/work-items/OW%FF-1", "/v1/departments/%FF%FE/work-items"}) {
        auto answer = get(*police, path);
        EXPECT_GE(answer.status, 400) << path;
        EXPECT_LT(answer.status, 500) << path << ": " << answer.raw;
        EXPECT_TRUE(answer.body.contains("error")) << path << ": " << answer.raw;
    }
}
} // namespace
} // namespace kiosk::hub::test
