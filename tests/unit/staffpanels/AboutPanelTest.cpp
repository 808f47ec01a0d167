// The about tab: what runs and how long, and "restart the app" for hall IT behind a dialog.

#include "PanelTest.h"

using namespace std::chrono_literals;

namespace kiosk::ui::test {
namespace {

class AboutPanelTest : public PanelTest {
protected:
    void SetUp() override {
        PanelTest::SetUp();
        m_desk.about_view = {
            "K-0007",    "1.4.2",        "2026-11-20.3",      "2026-11-01", "https://hub.hall.example:8443",
            "connected", 13'207'024'435, 3 * 24h + 4h + 12min};
    }
};

TEST_F(AboutPanelTest, ShowsWhatRunsWhereAndForHowLong) {
    open(make_about_panel);
    for (const char* text : {"K-0007", "1.4.2", "2026-11-20.3", "2026-11-01", "https://hub.hall.example:8443",
                             "✓ 已连接", "12.3 GB", "3 天 4 小时"})
        EXPECT_TRUE(shows(text)) << text << ": " << all_text();
    m_desk.about_view.hub_url.clear();
    m_desk.about_view.hub_state = "not-configured";
    m_desk.about_view.disk_free_bytes = -1;
    m_tr->set_language(Language::En);
    relayout();
    EXPECT_TRUE(shows("not configured")) << all_text();
    EXPECT_TRUE(shows("unknown")) << all_text();
}

TEST_F(AboutPanelTest, DutyStaffCannotRestart) {
    open(make_about_panel);
    EXPECT_FALSE(button("重启应用").enabled());
    EXPECT_TRUE(shows("需要大厅信息技术人员权限")) << all_text();
    press(button("重启应用"));
    EXPECT_EQ(dialog(), nullptr);
    EXPECT_TRUE(m_desk.actions.empty());
}

// The audit log's latest entries are hall IT's to read: duty staff are told the role it needs and see
// none of them, whatever the desk holds.
TEST_F(AboutPanelTest, TheAuditLogIsShownToHallItOnly) {
    m_desk.about_view.recent_log = {{std::nullopt, "consumable.replaced", "receipt-paper by 1001 (duty)"}};
    open(make_about_panel); // duty staff (the fixture's default)
    EXPECT_FALSE(shows("consumable.replaced")) << all_text();
    EXPECT_TRUE(shows("需要大厅信息技术人员权限")) << all_text();
    sign_in(domain::StaffRole::HallIt);
    relayout();
    EXPECT_TRUE(shows("consumable.replaced")) << all_text();
    EXPECT_TRUE(shows("最近操作记录")) << all_text();
}

TEST_F(AboutPanelTest, HallItRestartsAfterConfirming) {
    sign_in(domain::StaffRole::HallIt);
    open(make_about_panel);
    press(button("重启应用"));
    ASSERT_NE(dialog(), nullptr);
    draw_panel();
    press(dialog()->secondary());
    EXPECT_TRUE(m_desk.actions.empty()) << "cancelled";
    press(button("重启应用"));
    draw_panel();
    press(dialog()->primary());
    EXPECT_EQ(m_desk.actions, std::vector<std::string>{"restart"});
}

TEST_F(AboutPanelTest, UptimeMovesWhileTheTabShows) {
    open(make_about_panel);
    m_desk.about_view.uptime += 2h;
    EXPECT_FALSE(m_panel->on_tick());
    m_clock.advance(5s);
    EXPECT_TRUE(m_panel->on_tick());
    EXPECT_TRUE(shows("3 天 6 小时")) << all_text();
}

} // namespace
} // namespace kiosk::ui::test
