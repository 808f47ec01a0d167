// Hall IT act on the outbox from the kiosk's maintenance screen through Submissions: what waits and
// what the hub refused (ids, states, reasons, never personal data), retry and discard — on the very
// outbox the kiosk seals into, real SQLite and files, no hub.

#include "tests/unit/outbox/OutboxTestSupport.h"

#include "core/base/Log.h"
#include "services/outbox/Outbox.h"
#include "services/submit/Submissions.h"

#include <gtest/gtest.h>

namespace kiosk::services {
namespace {

using outbox::ApplicationState;

class SubmissionsStaffTest : public ::testing::Test {
protected:
    void SetUp() override {
        log::set_level(log::Level::Warn);
        m_options = outbox::test::make_outbox_options(m_folder.path());
        m_submissions = std::make_unique<Submissions>(database(), m_options, HubOptions{}, m_clock, m_queue);
        m_submissions->start();
    }
    std::string database() const { return (m_folder.path() / "kiosk.db").string(); }
    // Seals one application the way the confirm screen does and waits for the answer.
    std::string seal_one() {
        m_submissions->submit(outbox::test::make_package(m_folder.path(), m_clock));
        for (int i = 0; i < 500; ++i) {
            while (auto event = m_queue.try_pop()) {
                if (auto* sealed = std::get_if<ApplicationSealed>(&*event))
                    return sealed->application_id;
                if (auto* failed = std::get_if<SubmissionFailed>(&*event))
                    ADD_FAILURE() << failed->error.describe();
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        ADD_FAILURE() << "no answer to the seal";
        return {};
    }

    // The worker's answer to a staff question, as the app's loop would hand it on.
    StaffOutboxAnswered answer_to(unsigned request) {
        for (int i = 0; i < 500; ++i) {
            while (auto event = m_queue.try_pop()) {
                if (auto* answer = std::get_if<StaffOutboxAnswered>(&*event);
                    answer && answer->request == request)
                    return *answer;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        ADD_FAILURE() << "no answer to staff question " << request;
        return {};
    }

    outbox::test::TempFolder m_folder;
    FakeClock m_clock{std::chrono::sys_days{std::chrono::year{2026} / 12 / 7} + std::chrono::hours(2)};
    AppEventQueue m_queue;
    OutboxOptions m_options;
    std::unique_ptr<Submissions> m_submissions;
};

TEST_F(SubmissionsStaffTest, CountsWhatWaitsAndTheOldestOfIt) {
    auto empty = m_submissions->staff_outbox();
    ASSERT_TRUE(empty.ok()) << empty.error().describe();
    EXPECT_EQ(empty->counts.unfinished(), 0);
    EXPECT_EQ(empty->oldest_waiting_sealed_utc, "");

    seal_one();
    m_clock.advance(std::chrono::minutes(5));
    seal_one();
    auto view = m_submissions->staff_outbox();
    ASSERT_TRUE(view.ok()) << view.error().describe();
    EXPECT_EQ(view->counts.sealed, 2);
    EXPECT_EQ(view->oldest_waiting_sealed_utc, "2026-12-07T02:00:00Z");
    EXPECT_TRUE(view->for_staff.empty());
}

TEST_F(SubmissionsStaffTest, RetriesAndDiscardsWhatTheHubRefused) {
    std::string first = seal_one();
    std::string second = seal_one();
    { // the uploader's verdict, as the hub would give it
        auto box = outbox::Outbox::open(database(), m_options, m_clock);
        ASSERT_TRUE(box.ok()) << box.error().describe();
        ASSERT_TRUE(box.value()->mark_refused(first, "422 invalid-form").ok());
        ASSERT_TRUE(box.value()->mark_refused(second, "422 invalid-form").ok());
    }
    auto view = m_submissions->staff_outbox();
    ASSERT_TRUE(view.ok());
    ASSERT_EQ(view->for_staff.size(), 2u);
    EXPECT_EQ(view->for_staff[0].reason, "422 invalid-form");

    ASSERT_TRUE(m_submissions->retry(first).ok());
    EXPECT_FALSE(m_submissions->discard(second, "  ").ok()) << "a discard needs a reason";
    ASSERT_TRUE(m_submissions->discard(second, "duplicate of an accepted application").ok());

    auto box = outbox::Outbox::open(database(), m_options, m_clock);
    ASSERT_TRUE(box.ok());
    EXPECT_EQ(box.value()->find(first).value()->state, ApplicationState::Sealed);
    EXPECT_EQ(box.value()->find(second).value()->state, ApplicationState::Discarded);
    EXPECT_FALSE(m_submissions->retry("00000000000000000000000000000000").ok()) << "no such application";
}

// The staff desk's way: asking returns at once; the worker answers with an event carrying the action's
// outcome and the outbox as it is afterwards.
TEST_F(SubmissionsStaffTest, StaffQuestionsAndActionsAreAnsweredByEvent) {
    std::string first = seal_one();
    std::string second = seal_one();
    {
        auto box = outbox::Outbox::open(database(), m_options, m_clock);
        ASSERT_TRUE(box.ok()) << box.error().describe();
        ASSERT_TRUE(box.value()->mark_refused(first, "422 invalid-form").ok());
    }
    m_submissions->ask_staff_outbox(7);
    auto read = answer_to(7);
    EXPECT_EQ(read.action, "read");
    EXPECT_FALSE(read.error);
    ASSERT_TRUE(read.read);
    EXPECT_EQ(read.queued, 1);
    EXPECT_EQ(read.oldest_waiting_sealed_utc, "2026-12-07T02:00:00Z");
    ASSERT_EQ(read.for_staff.size(), 1u);
    EXPECT_EQ(read.for_staff[0].application_id, first);
    EXPECT_EQ(read.for_staff[0].reason, "422 invalid-form");

    m_submissions->ask_retry(8, first);
    auto retried = answer_to(8);
    EXPECT_EQ(retried.action, "retry");
    EXPECT_FALSE(retried.error);
    EXPECT_EQ(retried.queued, 2) << "the outbox as it is after the action";
    EXPECT_TRUE(retried.for_staff.empty());

    m_submissions->ask_discard(9, second, "  ");
    auto refused = answer_to(9);
    ASSERT_TRUE(refused.error) << "a discard needs a reason";
    EXPECT_EQ(refused.queued, 2) << "nothing changed";

    m_submissions->ask_send_now(10);
    auto sent = answer_to(10);
    ASSERT_TRUE(sent.error);
    EXPECT_EQ(sent.error->code, ErrorCode::Unsupported) << "no hub configured";
}

TEST_F(SubmissionsStaffTest, SendNowWithoutAHubSaysHow) {
    auto sent = m_submissions->send_now();
    ASSERT_FALSE(sent.ok());
    EXPECT_EQ(sent.error().code, ErrorCode::Unsupported);
}

TEST_F(SubmissionsStaffTest, AnOutboxThatDoesNotOpenIsSaidSo) {
    m_submissions.reset();
    OutboxOptions broken = m_options;
    broken.key_file = (m_folder.path() / "missing.key").string();
    Submissions submissions(database(), broken, HubOptions{}, m_clock, m_queue);
    submissions.start();
    auto view = submissions.staff_outbox();
    ASSERT_FALSE(view.ok());
    EXPECT_EQ(view.error().code, ErrorCode::Unsupported);
}

} // namespace
} // namespace kiosk::services
