// A certificate prints once across the hall (docs/specs/hub-contract.md §6.1): the hub hands out one
// print grant per certificate, the PDF only under a live grant, and the kiosk's outcome decides what
// comes next — printed (a second kiosk is told where and when), failed (free again), unknown (held for
// staff). Staff reprints are audited; certificate searches are rate-limited per kiosk; every read of
// personal data leaves an audit row with the reader and without the ID number.
#include "tests/hub/HubTestSupport.h"

#include <atomic>
#include <gtest/gtest.h>
#include <thread>

namespace kiosk::hub::test {
namespace {

using json = nlohmann::json;

// An approved no-criminal-record application of `seed`: its certificate id.
std::string issue_certificate(HubInstance& hub, unsigned seed) {
    auto submitted = post_json(*hub.client("kiosk-dev-kiosk-01"), "/v1/applications",
                               application(seed, "", {"no_criminal_record_certificate"}));
    EXPECT_EQ(submitted.status, 201) << submitted.raw;
    std::string number = submitted.body.value("application_number", "");
    auto approved = post_json(*hub.client("dept-public_security"), "/v1/work-items/" + number + "-1/decision",
                              {{"decision", "approve"}, {"officer", "王警官"}});
    EXPECT_EQ(approved.status, 200) << approved.raw;
    return approved.body.value("certificate_id", "");
}

Answer ask_grant(httplib::SSLClient& kiosk, const std::string& certificate,
                 json body = {{"id_number", kIdNumber}}) {
    return post_json(kiosk, "/v1/certificates/" + certificate + "/print-grant", body);
}

Answer report(httplib::SSLClient& kiosk, const std::string& grant, const char* outcome) {
    return post_json(kiosk, "/v1/print-grants/" + grant + "/outcome", {{"outcome", outcome}});
}

int download(httplib::SSLClient& kiosk, const std::string& certificate, const std::string& grant) {
    auto answer = kiosk.Post("/v1/certificates/" + certificate + "/download",
                             json{{"id_number", kIdNumber}, {"grant_id", grant}}.dump(), "application/json");
    return answer ? answer->status : 0;
}

TEST(HubPrintGrants, ASecondKioskIsToldWhereAndWhenItWasPrinted) {
    HubInstance hub;
    std::string certificate = issue_certificate(hub, 1);
    auto first = hub.client("kiosk-dev-kiosk-01");
    auto granted = ask_grant(*first, certificate);
    ASSERT_EQ(granted.status, 201) << granted.raw;
    std::string grant = granted.body["grant_id"];
    EXPECT_EQ(download(*first, certificate, grant), 200);
    hub.clock().advance(std::chrono::minutes(2));
    ASSERT_EQ(report(*first, grant, "printed").status, 200);

    auto second = hub.client("kiosk-kiosk-02");
    auto refused = ask_grant(*second, certificate);
    EXPECT_EQ(refused.status, 409) << refused.raw;
    EXPECT_EQ(refused.body["error"], "already-printed");
    EXPECT_EQ(refused.body["kiosk_id"], "dev-kiosk-01");
    EXPECT_EQ(refused.body["at"], "2026-11-27T02:32:00Z");
    // Neither a download with the spent grant nor another kiosk's use of it.
    EXPECT_EQ(download(*first, certificate, grant), 409);
    EXPECT_EQ(download(*second, certificate, grant), 409);
    // The same kiosk again: printed is printed, wherever it is asked.
    EXPECT_EQ(ask_grant(*first, certificate).body["error"], "already-printed");
    EXPECT_EQ(hub.count("audit WHERE kind = 'print.printed' AND actor = 'kiosk:dev-kiosk-01'"), 1);
}

TEST(HubPrintGrants, TheDownloadNeedsALiveGrantOfThisKiosk) {
    HubInstance hub;
    std::string certificate = issue_certificate(hub, 2);
    auto kiosk = hub.client("kiosk-dev-kiosk-01");
    EXPECT_EQ(download(*kiosk, certificate, "G-none"), 409);
    auto no_grant = kiosk->Post("/v1/certificates/" + certificate + "/download",
                                json{{"id_number", kIdNumber}}.dump(), "application/json");
    ASSERT_TRUE(no_grant);
    EXPECT_EQ(no_grant->status, 400); // grant_id is required
    std::string grant = ask_grant(*kiosk, certificate).body["grant_id"];
    // Asking again before an outcome answers the same grant (a lost answer retried).
    auto again = ask_grant(*kiosk, certificate);
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(again.body["grant_id"], grant);
    EXPECT_EQ(ask_grant(*hub.client("kiosk-kiosk-02"), certificate).body["error"], "print-in-progress");
    // Past its expiry the grant hands out nothing, and the certificate waits for staff.
    hub.clock().advance(hub.options.print_grant_ttl);
    EXPECT_EQ(download(*kiosk, certificate, grant), 409);
    EXPECT_EQ(ask_grant(*hub.client("kiosk-kiosk-02"), certificate).body["error"], "print-unknown");
}

TEST(HubPrintGrants, OfTwoKiosksRacingExactlyOneIsGranted) {
    HubInstance hub;
    for (unsigned round = 0; round < 5; ++round) {
        std::string certificate = issue_certificate(hub, 10 + round);
        std::atomic<int> granted{0}, in_progress{0};
        auto race = [&](const char* name) {
            auto kiosk = hub.client(name);
            auto answer = ask_grant(*kiosk, certificate);
            if (answer.status == 201)
                ++granted;
            else if (answer.status == 409 && answer.body["error"] == "print-in-progress")
                ++in_progress;
        };
        std::thread a(race, "kiosk-dev-kiosk-01"), b(race, "kiosk-kiosk-02");
        a.join();
        b.join();
        EXPECT_EQ(granted.load(), 1) << "round " << round;
        EXPECT_EQ(in_progress.load(), 1) << "round " << round;
        EXPECT_EQ(hub.count("print_grants WHERE certificate_id = '" + certificate + "'"), 1);
    }
}

TEST(HubPrintGrants, AFailedPrintFreesTheCertificateAnUnknownOneHoldsIt) {
    HubInstance hub;
    std::string certificate = issue_certificate(hub, 3);
    auto first = hub.client("kiosk-dev-kiosk-01");
    auto second = hub.client("kiosk-kiosk-02");
    std::string grant = ask_grant(*first, certificate).body["grant_id"];
    ASSERT_EQ(report(*first, grant, "failed").status, 200);
    // The printer said for certain: free for anyone, also another kiosk.
    auto regranted = ask_grant(*second, certificate);
    ASSERT_EQ(regranted.status, 201) << regranted.raw;
    std::string grant2 = regranted.body["grant_id"];
    // Only the kiosk holding a grant reports for it; a retried outcome is the same answer.
    EXPECT_EQ(report(*first, grant2, "printed").status, 404);
    ASSERT_EQ(report(*second, grant2, "unknown").status, 200);
    EXPECT_EQ(report(*second, grant2, "unknown").status, 200);
    auto changed = report(*second, grant2, "failed");
    EXPECT_EQ(changed.status, 409);
    EXPECT_EQ(changed.body["error"], "outcome-recorded");
    // Unknown is not failed: nobody prints it until staff have checked.
    for (auto* kiosk : {first.get(), second.get()}) {
        auto held = ask_grant(*kiosk, certificate);
        EXPECT_EQ(held.status, 409);
        EXPECT_EQ(held.body["error"], "print-unknown");
        EXPECT_EQ(held.body["kiosk_id"], "kiosk-02");
    }
    EXPECT_EQ(report(*second, grant2, "bogus").status, 400);
}

TEST(HubPrintGrants, AStaffReprintIsGrantedAndAudited) {
    HubInstance hub;
    std::string certificate = issue_certificate(hub, 4);
    auto kiosk = hub.client("kiosk-dev-kiosk-01");
    json reprint = {{"reprint", {{"staff_id", "S-1024"}, {"reason", "paper jammed after the count"}}}};
    // Nothing printed yet: a reprint is not the way.
    EXPECT_EQ(ask_grant(*kiosk, certificate, reprint).body["error"], "nothing-to-reprint");
    std::string grant = ask_grant(*kiosk, certificate).body["grant_id"];
    ASSERT_EQ(report(*kiosk, grant, "printed").status, 200);
    auto other = hub.client("kiosk-kiosk-02");
    auto granted = ask_grant(*other, certificate, reprint);
    ASSERT_EQ(granted.status, 201) << granted.raw;
    EXPECT_EQ(download(*other, certificate, granted.body["grant_id"]), 200);
    EXPECT_EQ(hub.count("audit WHERE kind = 'print.reprint_granted' AND actor = 'kiosk:kiosk-02'"
                        " AND detail LIKE '%S-1024%paper jammed%'"),
              1);
    // A staff reprint without staff id or reason is no reprint.
    EXPECT_EQ(ask_grant(*other, certificate, {{"reprint", {{"staff_id", "S-1024"}}}}).status, 400);
    EXPECT_EQ(ask_grant(*other, certificate, json::object()).status, 400);
    // A department is not a kiosk.
    EXPECT_EQ(ask_grant(*hub.client("dept-public_security"), certificate).status, 403);
    // A wrong ID number opens nothing.
    EXPECT_EQ(ask_grant(*other, certificate, {{"id_number", "110101199003070011"}}).status, 404);
}

TEST(HubPrintGrants, CertificateSearchIsRateLimitedPerKioskAndRecovers) {
    HubInstance hub; // 20 a minute, burst 10 (HubOptions)
    auto kiosk = hub.client("kiosk-dev-kiosk-01");
    auto search = [&](httplib::SSLClient& client) {
        return client.Post("/v1/certificates/search", json{{"id_number", kIdNumber}}.dump(),
                           "application/json");
    };
    for (int i = 0; i < 10; ++i)
        ASSERT_EQ(search(*kiosk)->status, 200) << i;
    auto limited = search(*kiosk);
    ASSERT_TRUE(limited);
    EXPECT_EQ(limited->status, 429);
    EXPECT_EQ(limited->get_header_value("Retry-After"), "3"); // one token per 3 s
    EXPECT_EQ(json::parse(limited->body)["error"], "rate-limited");
    // Another kiosk has its own bucket.
    EXPECT_EQ(search(*hub.client("kiosk-kiosk-02"))->status, 200);
    // Time on the hub's clock, not a sleep: one token after 3 s, a full bucket after 30 s.
    hub.clock().advance(std::chrono::seconds(3));
    EXPECT_EQ(search(*kiosk)->status, 200);
    EXPECT_EQ(search(*kiosk)->status, 429);
    hub.clock().advance(std::chrono::seconds(30));
    for (int i = 0; i < 10; ++i)
        EXPECT_EQ(search(*kiosk)->status, 200) << i;
    // The hits are counted per kiosk for whoever watches for anomalies.
    auto counts = hub.store().audit_counts("0000", "certificate.search");
    ASSERT_TRUE(counts.ok());
    std::map<std::string, std::int64_t> by;
    for (const auto& row : counts.value())
        by[row.actor + " " + row.kind] = row.count;
    EXPECT_EQ(by["kiosk:dev-kiosk-01 certificate.search_limited"], 2);
    EXPECT_EQ(by["kiosk:dev-kiosk-01 certificate.searched"], 21);
    EXPECT_EQ(by["kiosk:kiosk-02 certificate.searched"], 1);
}

TEST(HubPrintGrants, EveryReadOfPersonalDataIsAuditedWithoutTheIdNumber) {
    HubInstance hub;
    std::string certificate = issue_certificate(hub, 5);
    auto kiosk = hub.client("kiosk-kiosk-02");
    ASSERT_EQ(post_json(*kiosk, "/v1/certificates/search", {{"id_number", kIdNumber}}).status, 200);
    std::string grant = ask_grant(*kiosk, certificate).body["grant_id"];
    ASSERT_EQ(download(*kiosk, certificate, grant), 200);
    std::string work_item = certificate.substr(2); // "C-<work item id>"
    ASSERT_EQ(get(*hub.client("dept-public_security"), "/v1/work-items/" + work_item).status, 200);

    EXPECT_EQ(hub.count("audit WHERE kind = 'certificate.searched' AND actor = 'kiosk:kiosk-02'"
                        " AND detail LIKE '%1 found'"),
              1);
    EXPECT_EQ(hub.count("audit WHERE kind = 'print.granted' AND actor = 'kiosk:kiosk-02' AND detail LIKE '" +
                        certificate + " grant " + grant + "'"),
              1);
    EXPECT_EQ(hub.count("audit WHERE kind = 'certificate.downloaded' AND actor = 'kiosk:kiosk-02'"
                        " AND detail = '" +
                        certificate + " grant " + grant + "'"),
              1);
    EXPECT_EQ(hub.count("audit WHERE kind = 'work_item.viewed' AND actor = 'dept:public_security'"
                        " AND detail = '" +
                        work_item + "'"),
              1);
    EXPECT_EQ(hub.count(std::string("audit WHERE detail LIKE '%") + kIdNumber + "%'"), 0);
    EXPECT_EQ(hub.count(std::string("audit WHERE detail LIKE '%") + kHolderName + "%'"), 0);
}

} // namespace
} // namespace kiosk::hub::test
