// The config tab, the vendor engineer's: which config slot the kiosk serves from, what slots A and B
// hold, the latest results, and "roll back" behind a dialog whose outcome comes by event — and nothing
// of it for duty staff or hall IT. Drawn in both languages and orientations (png/config-*.png).

#include "PanelTest.h"

using namespace std::chrono_literals;

namespace kiosk::ui::test {
namespace {

class ConfigPanelTest : public PanelTest {
protected:
    void SetUp() override {
        PanelTest::SetUp();
        sign_in(domain::StaffRole::Engineer);
        WallTime now = m_clock.wall_now();
        m_desk.config_view.in_use = true;
        m_desk.config_view.current = "b";
        m_desk.config_view.a = {"good", "hall-2026-11", 6, now - 26h, "confirmed", ""};
        m_desk.config_view.b = {"trial", "hall-2026-12", 7, now - 40min, "installed", ""};
        m_desk.config_view.history = {
            {now - 40min, "installed", "b", "hall-2026-12", 7, ""},
            {now - 3h, "refused", "b", "hall-2026-12-rc", 5, "version 5 is not above 6"},
            {now - 26h + 5min, "confirmed", "a", "hall-2026-11", 6, ""},
            {now - 26h, "installed", "a", "hall-2026-11", 6, ""},
        };
    }
    services::StaffConfigSlotsAnswered rollback_answer(std::optional<Error> error, std::string now_current) {
        return {1, "rollback", std::move(error), true, std::nullopt, std::move(now_current)};
    }
};

TEST_F(ConfigPanelTest, ShowsWhichSlotServesWhatEachHoldsAndTheLatestResults) {
    open(make_config_panel);
    EXPECT_EQ(m_desk.config_asks, 1);
    for (const char* text :
         {"当前使用：B 槽", "A 槽", "B 槽  ·  使用中", "状态：正常", "状态：试用中", "配置包：hall-2026-11",
          "配置包：hall-2026-12", "版本：6", "版本：7", "最近结果：已确认", "最近结果：已安装", "最近记录",
          "被拒绝  ·  B 槽  hall-2026-12-rc v5", "version 5 is not above 6", "回退在维护结束后生效"})
        EXPECT_TRUE(shows(text)) << text << ": " << all_text();
    EXPECT_TRUE(button("回退配置").enabled());
    m_tr->set_language(Language::En);
    relayout();
    for (const char* text :
         {"In use: Slot B", "Status: good", "Status: on trial", "Bundle: hall-2026-12", "Version: 7",
          "Last result: installed", "Latest results", "A rollback takes effect when maintenance ends"})
        EXPECT_TRUE(shows(text)) << text << ": " << all_text();
}

TEST_F(ConfigPanelTest, AFailedSlotShowsItsReason) {
    m_desk.config_view.current = "a";
    m_desk.config_view.b = {"failed",      "hall-2026-12",          7, m_clock.wall_now() - 1h,
                            "rolled_back", "out of service: config"};
    open(make_config_panel);
    EXPECT_TRUE(shows("状态：已失败")) << all_text();
    EXPECT_TRUE(shows("最近结果：已回退 — out of service: config")) << all_text();
}

TEST_F(ConfigPanelTest, SaysLoadingUntilTheStoreWorkerAnswers) {
    m_desk.config_answered = false;
    open(make_config_panel);
    EXPECT_TRUE(shows("正在读取配置槽…")) << all_text();
    EXPECT_TRUE(buttons("回退配置").empty());
    m_clock.advance(5s);
    m_panel->on_tick();
    EXPECT_EQ(m_desk.config_asks, 2) << "asked again while the tab shows";
    m_desk.config_answered = true;
    EXPECT_TRUE(m_panel->on_event(services::StaffConfigSlotsAnswered{2, "read", std::nullopt, true, {}, {}}));
    EXPECT_TRUE(shows("当前使用：B 槽")) << all_text();
}

TEST_F(ConfigPanelTest, AKioskWithoutSlotsSaysItRunsOnItsFactoryContent) {
    m_desk.config_view = {};
    open(make_config_panel);
    EXPECT_TRUE(shows("配置槽：未启用（使用出厂内容）")) << all_text();
    EXPECT_TRUE(buttons("回退配置").empty());
    m_tr->set_language(Language::En);
    relayout();
    EXPECT_TRUE(shows("Config slots: not in use (factory content)")) << all_text();
}

TEST_F(ConfigPanelTest, OnTheFactoryContentThereIsNothingToRollBackTo) {
    m_desk.config_view.current = "factory";
    m_desk.config_view.a.status = "failed";
    m_desk.config_view.b.status = "failed";
    open(make_config_panel);
    EXPECT_FALSE(button("回退配置").enabled());
    EXPECT_TRUE(shows("已在使用出厂内容，无可回退")) << all_text();
    press(button("回退配置"));
    EXPECT_EQ(dialog(), nullptr);
    EXPECT_TRUE(m_desk.actions.empty());
}

TEST_F(ConfigPanelTest, TheEngineerRollsBackAfterConfirmingAndSeesTheOutcome) {
    open(make_config_panel);
    press(button("回退配置"));
    ASSERT_NE(dialog(), nullptr);
    EXPECT_EQ(dialog()->message(), "将从B 槽切换到A 槽，当前配置标记为失败。维护结束后生效。");
    draw_panel();
    press(dialog()->secondary());
    EXPECT_TRUE(m_desk.actions.empty()) << "cancelled";
    press(button("回退配置"));
    draw_panel();
    press(dialog()->primary());
    EXPECT_EQ(m_desk.actions, std::vector<std::string>{"rollback"});
    EXPECT_EQ(dialog(), nullptr);
    EXPECT_TRUE(shows("正在处理…")) << all_text();
    EXPECT_FALSE(button("回退配置").enabled()) << "one rollback at a time";
    // The store worker's outcome, and the slots as they are after it.
    m_desk.config_view.current = "a";
    m_desk.config_view.b.status = "failed";
    EXPECT_TRUE(m_panel->on_event(rollback_answer(std::nullopt, "a")));
    EXPECT_TRUE(shows("✓ 已回退到A 槽，维护结束后生效")) << all_text();
    EXPECT_TRUE(shows("当前使用：A 槽")) << all_text();
    EXPECT_FALSE(shows("正在处理…")) << all_text();
}

TEST_F(ConfigPanelTest, WithoutAGoodSlotTheRollbackGoesToTheFactoryContent) {
    m_desk.config_view.a.status = "failed";
    open(make_config_panel);
    press(button("回退配置"));
    ASSERT_NE(dialog(), nullptr);
    EXPECT_EQ(dialog()->message(), "将从B 槽切换到出厂内容，当前配置标记为失败。维护结束后生效。");
}

TEST_F(ConfigPanelTest, ARollbackTheWorkerFailedShowsWhy) {
    open(make_config_panel);
    press(button("回退配置"));
    draw_panel();
    press(dialog()->primary());
    m_panel->on_event(rollback_answer(make_error(ErrorCode::Io, "config/.lock: lock: no space"), ""));
    EXPECT_TRUE(shows("config/.lock: lock: no space")) << all_text();
    EXPECT_FALSE(shows("已回退到")) << all_text();
}

// The tab is not on the others' tab bar (MaintenanceSceneTest); should its panel ever be shown to them,
// it holds nothing of the slots and no way to roll back, whatever the desk was told.
TEST_F(ConfigPanelTest, DutyStaffAndHallItSeeNothingOfTheSlots) {
    for (auto role : {domain::StaffRole::DutyStaff, domain::StaffRole::HallIt}) {
        sign_in(role);
        m_desk.config_asks = 0;
        open(make_config_panel);
        EXPECT_EQ(m_desk.config_asks, 0);
        EXPECT_TRUE(buttons("回退配置").empty()) << all_text();
        for (const char* text : {"hall-2026", "B 槽", "最近记录"})
            EXPECT_FALSE(shows(text)) << text << ": " << all_text();
        EXPECT_TRUE(shows("需要厂商工程师权限")) << all_text();
    }
}

TEST_F(ConfigPanelTest, DrawnInBothLanguagesAndOrientationsWithoutOverlaps) {
    for (Language language : {Language::ZhCN, Language::En}) {
        for (bool portrait : {false, true}) {
            m_tr->set_language(language);
            std::string tail =
                std::string("-") + language_tag(language) + (portrait ? "-portrait" : "-landscape");
            open(make_config_panel, portrait ? kPortraitContent : kLandscapeContent);
            draw_panel();
            save_png("config" + tail);
            for (const auto& problem : layout_problems())
                ADD_FAILURE() << "config" << tail << ": " << problem;
            press(button(language == Language::En ? "Roll back" : "回退配置"));
            ASSERT_NE(dialog(), nullptr);
            draw_panel();
            save_png("config-dialog" + tail);
        }
    }
}

} // namespace
} // namespace kiosk::ui::test
