// The kiosk applies newly installed content only between citizens (kiosk/ContentApply.cpp): the scene
// manager says when nobody is at it — the first scene alone, no citizen, no card on the reader, no
// notice or dialog, and the screen untouched for a while.

#include "SceneHarness.h"

namespace kiosk::ui::test {
namespace {

using namespace std::chrono_literals;

using AtRestTest = SceneTest;

TEST_F(AtRestTest, TheAttractScreenLeftAloneIsAtRest) {
    m_scenes->start(); // counts as activity, like any scene entered
    advance_and_tick(3s);
    EXPECT_TRUE(m_scenes->at_rest(3s));
}

TEST_F(AtRestTest, ACitizenIsNotAtRestUntilTheirVisitEndedAndTheirCardWasTaken) {
    start_identified_session_at_home();
    EXPECT_FALSE(m_scenes->at_rest(3s));
    advance_and_tick(10s);
    EXPECT_FALSE(m_scenes->at_rest(3s)) << "a citizen reading the home screen";

    m_scenes->end_session(services::SessionEndReason::Cancelled);
    ASSERT_EQ(m_scenes->current_id(), SceneId::Attract);
    ASSERT_TRUE(m_scenes->card_on_reader());
    advance_and_tick(10s);
    EXPECT_FALSE(m_scenes->at_rest(3s)) << "the card still lies on the reader: its citizen is there";

    m_scenes->handle_event(services::CardRemoved{});
    advance_and_tick(SceneManager::kNoticeDuration + 1s);
    EXPECT_TRUE(m_scenes->at_rest(3s));
}

TEST_F(AtRestTest, ATouchKeepsTheKioskBusyForTheQuietTime) {
    m_scenes->start();
    tap(kAttractTouchAnywhere); // someone walks up: the home screen
    ASSERT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_FALSE(m_scenes->at_rest(3s));
    advance_and_tick(10s);
    EXPECT_FALSE(m_scenes->at_rest(3s)) << "not the first scene";

    tap(kNavBack); // … and changes their mind: the attract screen again
    ASSERT_EQ(m_scenes->current_id(), SceneId::Attract);
    EXPECT_FALSE(m_scenes->at_rest(3s));
    advance_and_tick(2s);
    EXPECT_FALSE(m_scenes->at_rest(3s));
    advance_and_tick(1s);
    EXPECT_TRUE(m_scenes->at_rest(3s));
}

} // namespace
} // namespace kiosk::ui::test
