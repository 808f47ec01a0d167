// The hidden gesture on the attract screen: a finger held still for 3 s on the top-left corner opens
// the staff PIN pad; anything shorter is a tap, and a tap there starts a citizen's visit as a tap
// anywhere does. Time comes from the injected clock.

#include "StaffSceneTest.h"

namespace kiosk::ui::test {
namespace {

using namespace std::chrono_literals;
using StaffGestureTest = StaffSceneTest;

TEST_F(StaffGestureTest, HoldingTheTopLeftCornerThreeSecondsOpensTheStaffPad) {
    m_scenes->start();
    m_scenes->handle_pointer({PointerEvent::Type::Down, kAttractCorner});
    for (int i = 0; i < 5; ++i) {
        advance_and_tick(500ms);
        ASSERT_EQ(m_scenes->current_id(), SceneId::Attract) << "opened after " << (i + 1) * 500 << " ms";
    }
    advance_and_tick(500ms);
    EXPECT_EQ(m_scenes->current_id(), SceneId::StaffSignIn);
    m_scenes->handle_pointer({PointerEvent::Type::Up, kAttractCorner}); // the lift starts nothing
    EXPECT_EQ(m_scenes->current_id(), SceneId::StaffSignIn);
    EXPECT_FALSE(m_citizen->active());
    EXPECT_EQ(count_audit("session.started"), 0);
}

TEST_F(StaffGestureTest, ASecondIsATapThatStartsAVisit) {
    m_scenes->start();
    m_scenes->handle_pointer({PointerEvent::Type::Down, kAttractCorner});
    advance_and_tick(1s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    m_scenes->handle_pointer({PointerEvent::Type::Up, kAttractCorner});
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_TRUE(m_citizen->active());
    advance_and_tick(5s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
}

TEST_F(StaffGestureTest, ATapInTheCornerStartsAVisit) {
    m_scenes->start();
    tap(kAttractCorner);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_TRUE(m_citizen->active());
}

TEST_F(StaffGestureTest, AFingerThatSlidesIsNotAHold) {
    m_scenes->start();
    m_scenes->handle_pointer({PointerEvent::Type::Down, kAttractCorner});
    m_scenes->handle_pointer({PointerEvent::Type::Move, {kAttractCorner.x + 60, kAttractCorner.y}});
    advance_and_tick(4s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
}

TEST_F(StaffGestureTest, HoldingAnywhereElseOpensNothing) {
    m_scenes->start();
    Point middle{960, 600};
    m_scenes->handle_pointer({PointerEvent::Type::Down, middle});
    advance_and_tick(4s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    Point beside_the_corner{200, 152};                          // just right of the 160-px square
    m_scenes->handle_pointer({PointerEvent::Type::Up, middle}); // a tap: a visit
    m_scenes->end_session(services::SessionEndReason::Cancelled);
    ASSERT_EQ(m_scenes->current_id(), SceneId::Attract);
    m_scenes->handle_pointer({PointerEvent::Type::Down, beside_the_corner});
    advance_and_tick(4s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
}

} // namespace
} // namespace kiosk::ui::test
