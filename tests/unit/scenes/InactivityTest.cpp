// A citizen who walks away mid-session is asked "are you still there?" after the warning time, with a
// countdown; any touch keeps the session; when the countdown runs out their identity is wiped from
// memory, staff see "session.wiped", and the kiosk shows the attract screen for the next person.
// The attract and out-of-service screens belong to nobody and never time out.

#include "SceneHarness.h"

#include <gmock/gmock.h>

namespace kiosk::ui::test {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

using InactivityTest = SceneTest;

TEST_F(InactivityTest, WarnsAfterTheWarningTimeThenWipesTheSessionWhenTheCountdownEnds) {
    start_identified_session_at_home();
    m_trace.clear();

    advance_and_tick(warning_after() - 1s);
    EXPECT_FALSE(m_scenes->inactivity_warning_shown());
    EXPECT_TRUE(advance_and_tick(1s)) << "the warning must be drawn";
    EXPECT_TRUE(m_scenes->inactivity_warning_shown());
    draw();

    advance_and_tick(countdown() - 1s);
    EXPECT_TRUE(m_scenes->inactivity_warning_shown());
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    ASSERT_NE(m_citizen->identity(), nullptr) << "wiped before the countdown ended";
    EXPECT_EQ(count_audit("session.wiped"), 0);

    advance_and_tick(1s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    EXPECT_FALSE(m_scenes->inactivity_warning_shown());
    EXPECT_EQ(m_citizen->identity(), nullptr);
    EXPECT_FALSE(m_citizen->active());
    ASSERT_EQ(count_audit("session.wiped"), 1);
    EXPECT_THAT(last_audit("session.wiped")->detail, HasSubstr("reason=timeout"));
    EXPECT_THAT(m_trace, ::testing::ElementsAre("scene attract"));
    draw();
}

TEST_F(InactivityTest, ATouchDuringTheWarningDismissesItAndRestartsTheWait) {
    start_identified_session_at_home();
    advance_and_tick(warning_after() + 5s);
    ASSERT_TRUE(m_scenes->inactivity_warning_shown());
    draw(); // lays the dialog out, as the first frame after the warning would

    tap(kHomeGreetingCard); // on the dimmed screen, beside the dialog's buttons
    m_scenes->tick();
    EXPECT_FALSE(m_scenes->inactivity_warning_shown()) << "a stale countdown would stay on screen";
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);

    // The whole wait starts again from the touch.
    advance_and_tick(warning_after() - 1s);
    EXPECT_FALSE(m_scenes->inactivity_warning_shown());
    advance_and_tick(1s);
    EXPECT_TRUE(m_scenes->inactivity_warning_shown());
    advance_and_tick(countdown() - 1s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_NE(m_citizen->identity(), nullptr);
    EXPECT_EQ(count_audit("session.wiped"), 0);
}

TEST_F(InactivityTest, ACitizenWhoKeepsTouchingIsNeverInterrupted) {
    start_identified_session_at_home();
    for (int i = 0; i < 20; ++i) {
        advance_and_tick(warning_after() - 1s);
        ASSERT_FALSE(m_scenes->inactivity_warning_shown()) << "after " << i << " touches";
        tap(kHomeGreetingCard);
    }
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_NE(m_citizen->identity(), nullptr);
}

TEST_F(InactivityTest, EveryInSessionSceneTimesOutBackToAttract) {
    for (const SceneEntry& entry : citizen_flow()) {
        if (entry.id == SceneId::Attract || entry.id == SceneId::OutOfService ||
            entry.id == SceneId::StaffSignIn || entry.id == SceneId::Maintenance) // staff: not a visit
            continue;
        SCOPED_TRACE(entry.name);
        start_identified_session_at_home();
        go_with_default(entry.id);
        ASSERT_TRUE(m_scenes->current().in_session());
        advance_and_tick(warning_after());
        EXPECT_TRUE(m_scenes->inactivity_warning_shown());
        advance_and_tick(countdown());
        EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
        EXPECT_EQ(m_citizen->identity(), nullptr);
    }
}

TEST_F(InactivityTest, TheAttractScreenNeverTimesOut) {
    m_scenes->start();
    ASSERT_FALSE(m_scenes->current().in_session());
    for (int minute = 0; minute < 24 * 60; ++minute) {
        advance_and_tick(1min);
        ASSERT_FALSE(m_scenes->inactivity_warning_shown()) << "after " << minute << " min";
    }
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    EXPECT_EQ(count_trace("scene attract"), 1) << "re-entered by a timeout";
    EXPECT_EQ(count_audit("session.wiped"), 0);
}

TEST_F(InactivityTest, TheOutOfServiceScreenNeverTimesOut) {
    m_scenes->start();
    m_scenes->set_out_of_service("staff");
    ASSERT_EQ(m_scenes->current_id(), SceneId::OutOfService);
    ASSERT_FALSE(m_scenes->current().in_session());
    for (int minute = 0; minute < 24 * 60; ++minute) {
        advance_and_tick(1min);
        ASSERT_FALSE(m_scenes->inactivity_warning_shown()) << "after " << minute << " min";
    }
    EXPECT_EQ(m_scenes->current_id(), SceneId::OutOfService);
    EXPECT_EQ(count_trace("scene out-of-service"), 1) << "re-entered by a timeout";
}

} // namespace
} // namespace kiosk::ui::test
