// The maintenance screen: who is signed in, six tabs (seven for the engineer: config) that switch the
// panel below, "leave maintenance"
// asks the desk, every touch keeps the staff session alive; with nobody signed in it shows no staff
// data, only "not signed in" and the way back.

#include "StaffSceneTest.h"

namespace kiosk::ui::test {
namespace {

using namespace std::chrono_literals;
using MaintenanceSceneTest = StaffSceneTest;

TEST_F(MaintenanceSceneTest, TheHeaderSaysWhoIsSignedInWithTheirRole) {
    open_maintenance(domain::StaffRole::HallIt, StaffTab::Devices);
    EXPECT_EQ(maintenance().who(),
              m_tr->format("staff.who",
                           {{"name", "李工"}, {"id", "S1024"}, {"role", m_tr->tr("staff.role.hall_it")}}));
    EXPECT_TRUE(maintenance().signed_in());
}

TEST_F(MaintenanceSceneTest, TappingATabShowsItsPanel) {
    open_maintenance(domain::StaffRole::HallIt, StaffTab::Devices);
    EXPECT_TRUE(shows(m_tr->tr("staff.device.receipt_printer")));
    tap(maintenance().tab_bounds(StaffTab::Tests).centre());
    EXPECT_EQ(maintenance().tab(), StaffTab::Tests);
    EXPECT_TRUE(shows(m_tr->tr("staff.test.card")));
    EXPECT_FALSE(shows(m_tr->tr("staff.device.receipt_printer")));
    tap(maintenance().tab_bounds(StaffTab::About).centre());
    EXPECT_EQ(maintenance().tab(), StaffTab::About);
    tap(maintenance().tab_bounds(StaffTab::Devices).centre());
    EXPECT_TRUE(shows(m_tr->tr("staff.device.receipt_printer")));
    EXPECT_EQ(m_scenes->current_id(), SceneId::Maintenance);
}

TEST_F(MaintenanceSceneTest, TheTabsAreBigEnoughToTouch) {
    for (Rect screen : {kScreen, kPortraitScreenSize}) {
        use_screen(screen);
        open_maintenance(domain::StaffRole::Engineer, StaffTab::Devices);
        for (int i = 0; i < kStaffTabCount; ++i) {
            Rect tab = maintenance().tab_bounds(static_cast<StaffTab>(i));
            EXPECT_GE(tab.h, 64);
            EXPECT_GE(tab.w, 64);
            EXPECT_LE(tab.right(), screen.w);
        }
        EXPECT_GE(maintenance().leave_bounds().h, 64);
    }
}

// The config slots and their rollback are the vendor engineer's (StaffAction::ChangeSettings): duty staff
// and hall IT have no config tab, and asking for it by name shows the devices tab instead.
TEST_F(MaintenanceSceneTest, TheConfigTabIsTheEngineersOnly) {
    m_desk.config_view.in_use = true;
    m_desk.config_view.current = "a";
    m_desk.config_view.a = {"good", "hall-2026-12", 7, std::nullopt, "confirmed", ""};
    for (Rect screen : {kScreen, kPortraitScreenSize}) {
        use_screen(screen);
        for (auto role : {domain::StaffRole::DutyStaff, domain::StaffRole::HallIt}) {
            SCOPED_TRACE(domain::to_string(role));
            open_maintenance(role, StaffTab::Config);
            EXPECT_EQ(maintenance().tab(), StaffTab::Devices);
            EXPECT_FALSE(maintenance().tab_shown(StaffTab::Config));
            EXPECT_EQ(maintenance().tab_bounds(StaffTab::Config).w, 0);
            EXPECT_FALSE(shows(m_tr->tr("staff.config.rollback")));
            EXPECT_FALSE(shows_part("hall-2026-12"));
            EXPECT_GT(maintenance().tab_bounds(StaffTab::About).w, 0);
        }
        open_maintenance(domain::StaffRole::Engineer, StaffTab::Devices);
        ASSERT_TRUE(maintenance().tab_shown(StaffTab::Config));
        tap(maintenance().tab_bounds(StaffTab::Config).centre());
        EXPECT_EQ(maintenance().tab(), StaffTab::Config);
        EXPECT_TRUE(shows(m_tr->tr("staff.config.rollback")));
        EXPECT_TRUE(shows_part("hall-2026-12"));
    }
}

// Hall IT sign in over the engineer (a hand-over) while the config tab shows: it goes with the engineer.
TEST_F(MaintenanceSceneTest, AHandOverTakesTheConfigTabAwayFromWhoMayNotSeeIt) {
    m_desk.config_view.in_use = true;
    m_desk.config_view.current = "a";
    m_desk.config_view.a = {"good", "hall-2026-12", 7, std::nullopt, "confirmed", ""};
    open_maintenance(domain::StaffRole::Engineer, StaffTab::Config);
    ASSERT_TRUE(shows_part("hall-2026-12"));
    m_desk.member = member(domain::StaffRole::HallIt);
    advance_and_tick(1s);
    EXPECT_EQ(maintenance().tab(), StaffTab::Devices);
    EXPECT_FALSE(shows_part("hall-2026-12"));
    EXPECT_FALSE(shows(m_tr->tr("staff.config.rollback")));
}

TEST_F(MaintenanceSceneTest, LeaveAsksTheDesk) {
    open_maintenance(domain::StaffRole::DutyStaff, StaffTab::Devices);
    tap(maintenance().leave_bounds().centre());
    EXPECT_EQ(m_desk.left, 1);
    EXPECT_EQ(m_desk.actions, std::vector<std::string>{"leave"});
}

TEST_F(MaintenanceSceneTest, EveryTouchKeepsTheStaffSessionAlive) {
    open_maintenance(domain::StaffRole::DutyStaff, StaffTab::Devices);
    int before = m_desk.activity;
    tap(maintenance().tab_bounds(StaffTab::Tests).centre());
    tap({960, 900});                        // on no button
    EXPECT_EQ(m_desk.activity, before + 4); // down and up, twice
}

TEST_F(MaintenanceSceneTest, NobodySignedInShowsNoStaffDataAndTheWayBack) {
    m_scenes->start();
    m_scenes->go<SceneId::Maintenance>(StaffTab::Tests);
    EXPECT_FALSE(maintenance().signed_in());
    EXPECT_EQ(maintenance().panel(), nullptr);
    EXPECT_EQ(maintenance().who(), "");
    int before = m_desk.activity;
    tap(maintenance().back_bounds().centre());
    EXPECT_EQ(m_desk.activity, before) << "no staff session to keep alive";
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
}

TEST_F(MaintenanceSceneTest, WithoutADeskTheScreenSaysNotSignedIn) {
    m_context->staff = nullptr;
    m_scenes->start();
    m_scenes->go<SceneId::Maintenance>(StaffTab::Devices);
    EXPECT_FALSE(maintenance().signed_in());
    EXPECT_EQ(maintenance().panel(), nullptr);
    draw();
}

// The desk's staff timeout (or a leave) signs the member out: the scene manager shows the staff out
// at its next tick, to the first scene — no staff screen stays up without its member.
TEST_F(MaintenanceSceneTest, ASessionThatEndsUnderTheScreenTakesTheStaffScreensAway) {
    open_maintenance(domain::StaffRole::HallIt, StaffTab::Devices);
    ASSERT_NE(maintenance().panel(), nullptr);
    m_desk.member.reset();
    advance_and_tick(1s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
}

TEST_F(MaintenanceSceneTest, MaintenanceIsNotACitizensVisit) {
    open_maintenance(domain::StaffRole::DutyStaff, StaffTab::Devices);
    EXPECT_FALSE(m_scenes->current().in_session());
    advance_and_tick(warning_after() + countdown() + 10s);
    EXPECT_EQ(m_scenes->current_id(), SceneId::Maintenance) << "the citizen's inactivity ended it";
}

TEST_F(MaintenanceSceneTest, ScreenshotsOpenEachTabByName) {
    m_desk.member = member(domain::StaffRole::Engineer);
    for (int i = 0; i < kStaffTabCount; ++i) {
        auto tab = static_cast<StaffTab>(i);
        ASSERT_TRUE(m_scenes->start_at("maintenance", to_string(tab)));
        EXPECT_EQ(maintenance().tab(), tab);
    }
    EXPECT_FALSE(m_scenes->start_at("maintenance", "settings"));
}

} // namespace
} // namespace kiosk::ui::test
