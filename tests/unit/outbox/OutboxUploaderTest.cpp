// The uploader takes what the kiosk sealed to the hub on its own thread: delivered once (a retry after
// a lost answer is a replay), resumed blob by blob, patient with a hub that is away, and honest about
// what it could not send.

#include "FakeHub.h"
#include "OutboxTestSupport.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "services/outbox/Outbox.h"
#include "services/outbox/Uploader.h"

#include <fstream>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace kiosk::outbox {
namespace {

using namespace std::chrono_literals;
using namespace test;

class OutboxUploader : public ::testing::Test {
protected:
    void SetUp() override {
        m_options = make_outbox_options(m_folder.path());
        m_database = (m_folder.path() / "kiosk.db").string();
        // The UI side's own connection, as the kiosk would have it.
        auto outbox = Outbox::open(m_database, m_options, m_clock);
        ASSERT_TRUE(outbox.ok()) << outbox.error().describe();
        m_outbox = outbox.release_value();
    }

    SealedApplication seal() {
        auto sealed = m_outbox->seal(make_package(m_folder.path(), m_clock));
        EXPECT_TRUE(sealed.ok()) << sealed.error().describe();
        return sealed.ok() ? sealed.value() : SealedApplication{};
    }

    // Another citizen's application: other scans, so other blobs.
    SealedApplication seal_another(const std::string& which) {
        auto package = make_package(m_folder.path(), m_clock);
        std::ofstream(package.materials[0].file) << "%PDF-1.4 certificate of " << which;
        std::ofstream(package.materials[1].file) << "%PDF-1.4 household register of " << which;
        auto sealed = m_outbox->seal(package);
        EXPECT_TRUE(sealed.ok()) << sealed.error().describe();
        return sealed.ok() ? sealed.value() : SealedApplication{};
    }

    std::unique_ptr<Uploader> make_uploader(const HubOptions& hub, int hold_after = 100) {
        UploaderOptions options;
        options.backoff = BackoffOptions{Millis(20), Millis(200), 0.2};
        options.application_backoff = BackoffOptions{Millis(20), Millis(200), 0.2};
        options.hold_after = hold_after;
        options.random = [] { return 0.5; };
        return std::make_unique<Uploader>(m_database, m_options, hub, m_clock, options,
                                          [this](OutboxEvent event) {
                                              std::lock_guard lock(m_mutex);
                                              m_events.push_back(std::move(event));
                                          });
    }

    // Polls until `done` holds (the uploader works on its own thread); false after 10 s.
    template <typename F>
    bool eventually(F done) {
        for (int i = 0; i < 1000; ++i) {
            if (done())
                return true;
            std::this_thread::sleep_for(10ms);
        }
        return done();
    }

    template <typename T>
    std::vector<T> events_of() {
        std::lock_guard lock(m_mutex);
        std::vector<T> found;
        for (const auto& event : m_events)
            if (auto* typed = std::get_if<T>(&event))
                found.push_back(*typed);
        return found;
    }

    std::optional<OutboxApplication> row(const std::string& id) { return m_outbox->find(id).value(); }
    size_t blob_files() const {
        size_t n = 0;
        for ([[maybe_unused]] const auto& entry :
             std::filesystem::directory_iterator(m_outbox->blob_folder()))
            ++n;
        return n;
    }

    TempFolder m_folder;
    SystemClock m_clock;
    OutboxOptions m_options;
    std::string m_database;
    std::unique_ptr<Outbox> m_outbox;
    std::mutex m_mutex;
    std::vector<OutboxEvent> m_events;
};

TEST_F(OutboxUploader, DeliversASealedApplicationAndKeepsOnlyWhatTheReceiptNeeds) {
    FakeHub hub;
    auto sealed = seal();
    auto uploader = make_uploader(hub.client_options());
    uploader->start();
    // The event comes last: after the commit and after the blobs were dropped.
    ASSERT_TRUE(eventually([&] { return !events_of<ApplicationDelivered>().empty(); }));

    auto kept = row(sealed.application_id);
    EXPECT_EQ(kept->application_number, "TEST20261129-0000001");
    EXPECT_EQ(kept->query_token_sha256, sha256_hex(sealed.query_token));
    EXPECT_EQ(blob_files(), 0u);
    EXPECT_EQ(hub.applications(), 1);
    EXPECT_EQ(hub.blobs(), 2);
    EXPECT_FALSE(m_outbox->payload(sealed.application_id).ok()) << "dropped once accepted";
    EXPECT_NE(hub.application_body(sealed.application_id).find(kApplicantIdNumber), std::string::npos);

    ASSERT_TRUE(eventually([&] { return uploader->status().state == UploaderState::Idle; }));
    auto delivered = events_of<ApplicationDelivered>();
    ASSERT_EQ(delivered.size(), 1u);
    EXPECT_EQ(delivered[0].application_number, "TEST20261129-0000001");
    EXPECT_FALSE(delivered[0].replay);
    EXPECT_EQ(uploader->status().queued, 0);
    EXPECT_EQ(hub.requests(),
              (std::vector<std::string>{"HEAD /v1/blobs/… 404", "PUT /v1/blobs/… 201", "HEAD /v1/blobs/… 404",
                                        "PUT /v1/blobs/… 201", "POST /v1/applications 201"}));
}

TEST_F(OutboxUploader, RetriesWithGrowingBackOffWhileTheHubAnswers5xx) {
    FakeHub hub;
    hub.fail_next(3, 503);
    auto sealed = seal();
    auto started = std::chrono::steady_clock::now();
    auto uploader = make_uploader(hub.client_options());
    uploader->start();
    ASSERT_TRUE(eventually([&] { return row(sealed.application_id)->state == ApplicationState::Accepted; }));
    // Three failures: waits of 20, 40 and 80 ms (no jitter in this test) before the attempt that works.
    EXPECT_GE(std::chrono::steady_clock::now() - started, 140ms);
    EXPECT_GE(row(sealed.application_id)->attempts, 4);
    auto statuses = events_of<UploaderStatusChanged>();
    int most_failures = 0;
    for (const auto& changed : statuses)
        most_failures = std::max(most_failures, changed.status.consecutive_failures);
    EXPECT_EQ(most_failures, 3);
    ASSERT_TRUE(eventually([&] { return uploader->status().state == UploaderState::Idle; }));
    EXPECT_EQ(uploader->status().consecutive_failures, 0);
    EXPECT_EQ(uploader->status().last_failure, UploaderFailure::None) << "the hub is back: no longer news";
}

TEST_F(OutboxUploader, AnUnreachableHubLeavesTheApplicationQueuedAndSaysWhy) {
    auto options = FakeHub().client_options(); // a hub that is gone again: nothing listens there
    auto sealed = seal();
    auto uploader = make_uploader(options);
    uploader->start();
    ASSERT_TRUE(eventually([&] {
        auto status = uploader->status();
        return status.state == UploaderState::WaitingForHub && status.consecutive_failures >= 2;
    }));
    auto status = uploader->status();
    EXPECT_EQ(status.queued, 1);
    EXPECT_EQ(status.last_failure, UploaderFailure::HubUnavailable);
    EXPECT_NE(status.last_error.find("connection"), std::string::npos) << status.last_error;
    EXPECT_TRUE(status.next_attempt.has_value());
    uploader.reset();
    auto waiting = row(sealed.application_id);
    EXPECT_EQ(waiting->state, ApplicationState::Uploading);
    EXPECT_TRUE(m_outbox->payload(sealed.application_id).ok());
    EXPECT_EQ(blob_files(), 2u);
}

TEST_F(OutboxUploader, BlobsTheHubSaysAreMissingAreUploadedAndTheApplicationSentAgain) {
    FakeHub hub;
    hub.claim_all_blobs_present(true);
    auto sealed = seal();
    auto uploader = make_uploader(hub.client_options());
    uploader->start();
    ASSERT_TRUE(eventually([&] { return row(sealed.application_id)->state == ApplicationState::Accepted; }));
    EXPECT_EQ(hub.requests(), (std::vector<std::string>{"HEAD /v1/blobs/… 200", "HEAD /v1/blobs/… 200",
                                                        "POST /v1/applications 422", "PUT /v1/blobs/… 201",
                                                        "PUT /v1/blobs/… 201", "POST /v1/applications 201"}));
}

TEST_F(OutboxUploader, AnAnswerLostOnTheWayBackIsRetriedAsAReplayNotASecondApplication) {
    FakeHub hub;
    hub.lose_next_answers(1);
    auto sealed = seal();
    auto uploader = make_uploader(hub.client_options());
    uploader->start();
    ASSERT_TRUE(eventually([&] { return !events_of<ApplicationDelivered>().empty(); }));
    EXPECT_EQ(hub.applications(), 1);
    auto delivered = events_of<ApplicationDelivered>();
    ASSERT_EQ(delivered.size(), 1u);
    EXPECT_TRUE(delivered[0].replay);
    EXPECT_EQ(row(sealed.application_id)->application_number, "TEST20261129-0000001");
}

TEST_F(OutboxUploader, AContractRefusalKeepsTheApplicationWholeForStaffAndStaffRetryDeliversIt) {
    FakeHub hub;
    hub.refuse_applications("unknown-matter");
    auto sealed = seal();
    auto uploader = make_uploader(hub.client_options());
    uploader->start();
    ASSERT_TRUE(eventually([&] { return !events_of<ApplicationRefused>().empty(); }));
    auto refused = row(sealed.application_id);
    EXPECT_EQ(refused->state, ApplicationState::Refused);
    EXPECT_EQ(refused->reason, "unknown-matter: refused by the test");
    EXPECT_TRUE(m_outbox->payload(sealed.application_id).ok()) << "a refusal deletes nothing";
    EXPECT_EQ(blob_files(), 2u);
    for (const auto& blob : refused->blobs)
        EXPECT_TRUE(m_outbox->blob(blob.sha256).ok());
    auto events = events_of<ApplicationRefused>();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].application_id, sealed.application_id);
    ASSERT_TRUE(eventually([&] { return uploader->status().state == UploaderState::Idle; }));
    auto status = uploader->status();
    EXPECT_EQ(status.last_failure, UploaderFailure::HubRefused);
    EXPECT_EQ(status.queued, 0);
    EXPECT_EQ(status.refused, 1);
    auto posts = hub.requests().size();
    uploader->kick();
    ASSERT_TRUE(eventually([&] { return uploader->status().state == UploaderState::Idle; }));
    EXPECT_EQ(hub.requests().size(), posts) << "a refused application is not sent again by itself";

    // Staff fix the cause (here: the hub learns the matter) and send it again.
    hub.refuse_applications("");
    ASSERT_TRUE(m_outbox->retry(sealed.application_id).ok());
    uploader->kick();
    // The event comes last: after the commit and after the blobs were dropped.
    ASSERT_TRUE(eventually([&] { return !events_of<ApplicationDelivered>().empty(); }));
    EXPECT_EQ(row(sealed.application_id)->state, ApplicationState::Accepted);
    EXPECT_EQ(hub.applications(), 1);
    EXPECT_EQ(blob_files(), 0u);
    ASSERT_TRUE(eventually([&] { return uploader->status().refused == 0; }));
}

// A proxy's pages, the HTTP layer's own answers and a 400 without the hub's JSON say nothing about the
// application: it stays in the outbox, whole, and goes when the hub takes it.
TEST_F(OutboxUploader, AnswersThatAreNotTheContractsRefusalsLeaveTheApplicationToBeDelivered) {
    FakeHub hub;
    hub.answer_next_application(404, "<html><body><h1>404 Not Found</h1>nginx</body></html>");
    hub.answer_next_application(405, R"({"error": "method-not-allowed", "message": "POST"})",
                                "application/json");
    hub.answer_next_application(413, "<html><body>413 Request Entity Too Large</body></html>");
    hub.answer_next_application(400, "Bad Request", "text/plain");
    hub.answer_next_application(400, "<!DOCTYPE html><title>Portal login</title>");
    auto sealed = seal();
    auto uploader = make_uploader(hub.client_options());
    uploader->start();
    ASSERT_TRUE(eventually([&] { return row(sealed.application_id)->state == ApplicationState::Accepted; }));
    EXPECT_TRUE(events_of<ApplicationRefused>().empty());
    EXPECT_EQ(hub.applications(), 1);
    EXPECT_GE(row(sealed.application_id)->attempts, 6);
}

// H4: one application the hub cannot take does not hold up the others behind it.
TEST_F(OutboxUploader, AnApplicationTheHubAnswers500ForeverDoesNotStopALaterOne) {
    FakeHub hub;
    auto stuck = seal_another("the first citizen");
    auto later = seal_another("the second citizen");
    hub.fail_application(stuck.application_id, 500, "internal");
    auto uploader = make_uploader(hub.client_options());
    uploader->start();
    ASSERT_TRUE(eventually([&] { return row(later.application_id)->state == ApplicationState::Accepted; }));
    ASSERT_TRUE(eventually([&] { return row(stuck.application_id)->same_failures >= 3; }));
    auto waiting = row(stuck.application_id);
    EXPECT_EQ(waiting->state, ApplicationState::Uploading);
    EXPECT_EQ(waiting->failure_kind, "500 internal");
    EXPECT_GT(waiting->next_attempt_ms, 0);
    EXPECT_TRUE(m_outbox->payload(stuck.application_id).ok());
    auto status = uploader->status();
    EXPECT_EQ(status.queued, 1);
    EXPECT_EQ(status.retrying, 1);
    EXPECT_EQ(status.consecutive_failures, 0) << "the hub answers: no global back-off";
    EXPECT_EQ(status.last_failure, UploaderFailure::ApplicationFailed);

    // Once the hub takes it, it goes at its own next attempt.
    hub.fail_application(stuck.application_id, 0);
    ASSERT_TRUE(eventually([&] { return row(stuck.application_id)->state == ApplicationState::Accepted; }));
    ASSERT_TRUE(eventually([&] { return uploader->status().queued == 0; }));
    EXPECT_EQ(uploader->status().last_failure, UploaderFailure::None);
}

TEST_F(OutboxUploader, TheSameFailureAgainAndAgainHoldsTheApplicationWholeForStaff) {
    FakeHub hub;
    auto stuck = seal();
    // Another failure first: the count is of the same failure in a row.
    hub.answer_next_application(500, "<html>Internal Server Error</html>");
    hub.fail_application(stuck.application_id, 404, "not-found");
    auto uploader = make_uploader(hub.client_options(), 3);
    uploader->start();
    ASSERT_TRUE(eventually([&] { return row(stuck.application_id)->state == ApplicationState::Held; }));
    auto held = row(stuck.application_id);
    EXPECT_NE(held->reason.find("404 not-found"), std::string::npos) << held->reason;
    EXPECT_NE(held->reason.find("3 times in a row"), std::string::npos) << held->reason;
    EXPECT_TRUE(m_outbox->payload(stuck.application_id).ok());
    EXPECT_EQ(blob_files(), 2u);
    ASSERT_TRUE(eventually([&] { return uploader->status().held == 1; }));
    EXPECT_EQ(uploader->status().queued, 0);
    EXPECT_EQ(uploader->status().last_failure, UploaderFailure::HeldForStaff);
    auto posts = hub.requests().size();
    uploader->kick();
    ASSERT_TRUE(eventually([&] { return uploader->status().state == UploaderState::Idle; }));
    EXPECT_EQ(hub.requests().size(), posts) << "held: not sent again by itself";

    hub.fail_application(stuck.application_id, 0);
    ASSERT_TRUE(m_outbox->retry(stuck.application_id).ok());
    uploader->kick();
    ASSERT_TRUE(eventually([&] { return row(stuck.application_id)->state == ApplicationState::Accepted; }));
}

// No answer at all: one attempt per pass and the global back-off, not every application in turn, and
// it never counts against an application (a hub away for a day holds nothing for staff).
TEST_F(OutboxUploader, AHubThatDoesNotAnswerPausesTheWholeQueueAndHoldsNothing) {
    auto options = FakeHub().client_options(); // nothing listens there any more
    std::vector<SealedApplication> sealed = {seal_another("a"), seal_another("b"), seal_another("c")};
    auto uploader = make_uploader(options, 2);
    uploader->start();
    ASSERT_TRUE(eventually([&] { return uploader->status().consecutive_failures >= 4; }));
    uploader.reset();
    int attempts = 0;
    for (const auto& application : sealed) {
        auto waiting = row(application.application_id);
        EXPECT_EQ(waiting->same_failures, 0);
        EXPECT_NE(waiting->state, ApplicationState::Held);
        attempts += waiting->attempts;
    }
    EXPECT_LE(attempts, 6) << "one application per pass, not the whole queue";
    EXPECT_GE(attempts, 4);
}

// The kiosk was re-provisioned under another id: what waited under the old one meets 403 kiosk-mismatch
// (retried, never final) until staff reseal it; then it goes, with nothing else changed.
TEST_F(OutboxUploader, ApplicationsSealedUnderAnOldKioskIdAreDeliveredAfterAReseal) {
    FakeHub hub; // the certificate is kiosk:dev-kiosk-01
    auto package = make_package(m_folder.path(), m_clock);
    package.kiosk_id = "old-kiosk-07";
    auto old = m_outbox->seal(package).value();
    auto before = nlohmann::json::parse(m_outbox->payload(old.application_id).value());
    auto uploader = make_uploader(hub.client_options(), 3);
    uploader->start();
    ASSERT_TRUE(eventually([&] { return row(old.application_id)->state == ApplicationState::Held; }));
    EXPECT_NE(row(old.application_id)->reason.find("kiosk-mismatch"), std::string::npos);
    EXPECT_NE(row(old.application_id)->reason.find("outbox reseal"), std::string::npos)
        << "tells staff what to do";
    EXPECT_EQ(hub.applications(), 0);

    ASSERT_EQ(m_outbox->reseal("dev-kiosk-01").value(), 1);
    EXPECT_EQ(m_outbox->reseal("dev-kiosk-01").value(), 0) << "nothing left to rewrite";
    EXPECT_EQ(row(old.application_id)->state, ApplicationState::Sealed);
    uploader->kick();
    ASSERT_TRUE(eventually([&] { return !events_of<ApplicationDelivered>().empty(); }));
    auto sent = nlohmann::json::parse(hub.application_body(old.application_id));
    EXPECT_EQ(sent["kiosk_id"], "dev-kiosk-01");
    sent["kiosk_id"] = before["kiosk_id"];
    EXPECT_EQ(sent, before) << "only the kiosk id changed";
    EXPECT_EQ(hub.blobs(), 2);

    auto database = store::Database::open(m_database).release_value();
    bool audited = false;
    for (const auto& entry : store::AuditLog(*database, m_clock).recent(20).value())
        audited |= entry.kind == "outbox.resealed" &&
                   entry.detail.find("old-kiosk-07 -> dev-kiosk-01") != std::string::npos;
    EXPECT_TRUE(audited);
}

TEST_F(OutboxUploader, WithoutAHubApplicationsStaySealedAndTheStatusSaysSo) {
    auto sealed = seal();
    auto uploader = make_uploader(HubOptions{});
    uploader->start();
    ASSERT_TRUE(eventually([&] { return uploader->status().state == UploaderState::NoHubConfigured; }));
    EXPECT_EQ(uploader->status().queued, 1);
    EXPECT_EQ(row(sealed.application_id)->state, ApplicationState::Sealed);
}

TEST_F(OutboxUploader, AKickSendsWhatWasSealedAfterStart) {
    FakeHub hub;
    auto uploader = make_uploader(hub.client_options());
    uploader->start();
    ASSERT_TRUE(eventually([&] { return uploader->status().state == UploaderState::Idle; }));
    auto sealed = seal();
    uploader->kick();
    ASSERT_TRUE(eventually([&] { return row(sealed.application_id)->state == ApplicationState::Accepted; }));
}

TEST_F(OutboxUploader, AnApplicationMissingABlobIsReportedAndDoesNotHoldUpTheOthers) {
    FakeHub hub;
    auto broken = seal();
    std::filesystem::remove(m_outbox->blob_path(row(broken.application_id)->blobs[0].sha256));
    // A second application with other scans.
    auto package = make_package(m_folder.path(), m_clock);
    std::ofstream(package.materials[0].file) << "%PDF-1.4 another citizen's certificate";
    std::ofstream(package.materials[1].file) << "%PDF-1.4 another household register";
    auto fine = m_outbox->seal(package).value();

    auto uploader = make_uploader(hub.client_options());
    uploader->start();
    ASSERT_TRUE(eventually([&] { return row(fine.application_id)->state == ApplicationState::Accepted; }));
    ASSERT_TRUE(eventually([&] { return uploader->status().state == UploaderState::Idle; }));
    auto status = uploader->status();
    EXPECT_EQ(status.queued, 1);
    EXPECT_EQ(status.blocked, 1);
    EXPECT_EQ(status.last_failure, UploaderFailure::Local);
    EXPECT_NE(status.last_error.find("no such file"), std::string::npos) << status.last_error;
    EXPECT_EQ(row(broken.application_id)->state, ApplicationState::Uploading);
    EXPECT_FALSE(row(broken.application_id)->last_error.empty());
}

} // namespace
} // namespace kiosk::outbox
