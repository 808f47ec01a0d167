// The staff session's timeout on the maintenance screen (docs/Maintenance.md "The staff timeout"): not
// silent — for its last 10 s (or its last third when shorter) a banner counts down by the desk's clock;
// a touch anywhere keeps the session and takes the banner away; a touch on the banner does only that;
// no touch ends the session as before.

#include "StaffSceneTest.h"

namespace kiosk::ui::test {
namespace {

using namespace std::chrono_literals;

class StaffTimeoutTest : public StaffSceneTest {
protected:
    void open_with_timeout(std::chrono::milliseconds timeout) {
        m_desk.clock = &m_clock;
        m_desk.timeout = timeout;
        m_desk.last_activity = m_clock.now();
        open_maintenance(domain::StaffRole::HallIt, StaffTab::Devices);
        m_scenes->tick();
    }
};

TEST_F(StaffTimeoutTest, TheCountdownShowsForTheLastTenSecondsAndCountsDown) {
    open_with_timeout(45s);
    EXPECT_EQ(maintenance().countdown(), 0);
    advance_and_tick(34s + 900ms);
    EXPECT_EQ(maintenance().countdown(), 0) << "10.1 s left: not yet";
    EXPECT_EQ(maintenance().countdown_text(), "");
    advance_and_tick(100ms);
    EXPECT_EQ(maintenance().countdown(), 10);
    EXPECT_EQ(maintenance().countdown_text(), "10 秒后退出维护 — 点触屏幕继续");
    advance_and_tick(3s);
    EXPECT_EQ(maintenance().countdown(), 7);
    advance_and_tick(6s + 500ms);
    EXPECT_EQ(maintenance().countdown(), 1) << "0.5 s left still says 1";
    m_scenes->set_language(Language::En);
    EXPECT_EQ(maintenance().countdown_text(), "Leaving maintenance in 1 s — touch to stay");
    EXPECT_GE(maintenance().countdown_bounds().h, 64) << "a touch target";
    draw();
}

TEST_F(StaffTimeoutTest, AShortTimeoutWarnsForItsLastThird) {
    open_with_timeout(15s);
    advance_and_tick(9s + 900ms);
    EXPECT_EQ(maintenance().countdown(), 0);
    advance_and_tick(100ms);
    EXPECT_EQ(maintenance().countdown(), 5);
    EXPECT_EQ(MaintenanceScene::warning_window(45s), 10s);
    EXPECT_EQ(MaintenanceScene::warning_window(15s), 5s);
}

TEST_F(StaffTimeoutTest, ATouchAnywhereKeepsTheSessionAndHidesTheCountdown) {
    open_with_timeout(45s);
    advance_and_tick(40s);
    ASSERT_EQ(maintenance().countdown(), 5);
    int touches = m_desk.activity;
    Rect panel = maintenance().panel_bounds();
    tap({panel.right() - 10, panel.bottom() - 10}); // an empty corner of the panel
    EXPECT_GT(m_desk.activity, touches) << "the desk heard the touch";
    advance_and_tick(100ms);
    EXPECT_EQ(maintenance().countdown(), 0);
    advance_and_tick(10s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Maintenance) << "the session was kept";
    EXPECT_TRUE(m_desk.member.has_value());
}

TEST_F(StaffTimeoutTest, ATouchOnTheBannerOnlyKeepsTheSession) {
    open_with_timeout(45s);
    advance_and_tick(38s);
    ASSERT_EQ(maintenance().countdown(), 7);
    ASSERT_TRUE(maintenance().countdown_bounds().contains(maintenance().leave_bounds().centre()))
        << "the banner lies over \"leave maintenance\"";
    tap(maintenance().leave_bounds().centre());
    EXPECT_EQ(m_desk.left, 0) << "leave was not pressed through the banner";
    EXPECT_EQ(maintenance().countdown(), 0) << "gone at once";
    EXPECT_EQ(m_desk.idle_left()->left, std::chrono::milliseconds(45s));
    tap(maintenance().leave_bounds().centre());
    EXPECT_EQ(m_desk.left, 1) << "without the banner, leave works again";
}

TEST_F(StaffTimeoutTest, NoTouchEndsTheSession) {
    open_with_timeout(45s);
    for (int i = 0; i < 45; ++i)
        advance_and_tick(1s);
    EXPECT_EQ(m_desk.actions, std::vector<std::string>{"timeout"});
    EXPECT_FALSE(m_desk.member.has_value());
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract) << "the staff screens went with the member";
}

} // namespace
} // namespace kiosk::ui::test
