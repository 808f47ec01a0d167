// The consumables tab: levels in words, used of a full load, the forecast's wording, and "replaced /
// refilled" going to the desk only through the dialog that says what staff loaded.

#include "PanelTest.h"

using namespace std::chrono_literals;

namespace kiosk::ui::test {
namespace {

ConsumableView receipt_paper() {
    ConsumableView view;
    view.id = "receipt-paper";
    view.level = ConsumableView::Level::Low;
    view.percent = 15;
    view.used = 12'300;
    view.capacity = 80'000;
    view.unit = "mm";
    view.printer_report = "media-low-warning";
    return view;
}

ConsumableView a4_paper() {
    ConsumableView view;
    view.id = "a4-paper";
    view.device = domain::DeviceKind::A4Printer;
    view.level = ConsumableView::Level::Ok;
    view.percent = 52;
    view.used = 120;
    view.capacity = 250;
    view.unit = "sheets";
    view.forecast_ready = true;
    return view;
}

ConsumableView toner() {
    ConsumableView view;
    view.id = "toner";
    view.device = domain::DeviceKind::A4Printer;
    view.level = ConsumableView::Level::Ok;
    view.percent = 64;
    view.printer_report = "toner-low";
    view.replaceable = false; // CUPS reports it; the kiosk counts nothing
    return view;
}

class ConsumablesPanelTest : public PanelTest {
protected:
    void SetUp() override {
        PanelTest::SetUp();
        m_desk.consumable_views = {receipt_paper(), a4_paper(), toner()};
    }
    WallTime at(int day, int hour, int minute) { return from_local_civil({2026, 11, day, hour, minute}); }
    std::string forecast_for(std::optional<WallTime> runs_out_at, bool ready = true) {
        auto view = receipt_paper();
        view.runs_out_at = runs_out_at;
        view.forecast_ready = ready;
        m_desk.consumable_views = {view};
        open(make_consumables_panel);
        for (const auto& text : texts()) {
            if (text.starts_with("★"))
                return text;
        }
        return "no forecast on the panel: " + all_text();
    }
};

TEST_F(ConsumablesPanelTest, ReplacedGoesThroughTheDialogThatSaysWhatWasLoaded) {
    open(make_consumables_panel);
    press(button("已更换"));
    ASSERT_NE(dialog(), nullptr) << "replacing asks first";
    EXPECT_NE(dialog()->message().find("装入一卷新纸（80 米）"), std::string::npos) << dialog()->message();
    EXPECT_TRUE(m_desk.actions.empty()) << "nothing happens before staff confirm";
    draw_panel(); // places the dialog's buttons
    press(dialog()->primary());
    EXPECT_EQ(m_desk.actions, std::vector<std::string>{"replace receipt-paper 0"});
    EXPECT_EQ(dialog(), nullptr);
    EXPECT_TRUE(shows("✓ 已完成")) << all_text();
}

TEST_F(ConsumablesPanelTest, CancelInTheDialogReplacesNothing) {
    open(make_consumables_panel);
    press(button("已更换"));
    draw_panel();
    ASSERT_NE(dialog(), nullptr);
    press(dialog()->secondary());
    EXPECT_EQ(dialog(), nullptr);
    EXPECT_TRUE(m_desk.actions.empty());
    EXPECT_FALSE(shows("已完成"));
}

TEST_F(ConsumablesPanelTest, TheTrayIsRefilledWithAFullTray) {
    open(make_consumables_panel);
    press(button("已补纸"));
    ASSERT_NE(dialog(), nullptr);
    EXPECT_NE(dialog()->message().find("纸盒已装满（250 张）"), std::string::npos) << dialog()->message();
    draw_panel();
    press(dialog()->primary());
    EXPECT_EQ(m_desk.actions, std::vector<std::string>{"replace a4-paper 0"});
}

TEST_F(ConsumablesPanelTest, TonerTheKioskDoesNotCountHasNoReplacedButton) {
    open(make_consumables_panel);
    EXPECT_EQ(buttons("已更换").size() + buttons("已补纸").size(), 2u) << all_text();
    EXPECT_TRUE(shows("本机不计数，以打印机报告为准")) << all_text();
    EXPECT_TRUE(shows("打印机报告：墨粉将用完")) << all_text();
}

TEST_F(ConsumablesPanelTest, ShowsUsedOfAFullLoadAndTheLevelInWords) {
    open(make_consumables_panel);
    EXPECT_TRUE(shows("已用 12.3 米 / 共 80 米")) << all_text();
    EXPECT_TRUE(shows("已用 120 张 / 共 250 张")) << all_text();
    EXPECT_TRUE(shows("▲ 偏低  剩余 15%")) << all_text();
    EXPECT_TRUE(shows("● 充足")) << all_text();
    EXPECT_TRUE(shows("打印机报告：纸将用完")) << all_text(); // "media-low-warning" from CUPS
    m_tr->set_language(Language::En);
    relayout();
    EXPECT_TRUE(shows("12.3 m used of 80 m")) << all_text();
    EXPECT_TRUE(shows("120 of 250 sheets used")) << all_text();
    EXPECT_TRUE(button("Refilled").enabled());
}

TEST_F(ConsumablesPanelTest, ForecastSaysTodayTomorrowAWeekdayOrMoreThanAWeek) {
    // The clock stands at Wednesday 25 November 2026, 09:30.
    EXPECT_EQ(forecast_for(at(25, 15, 40)), "★ 预计今天约 15:40 用完");
    EXPECT_EQ(forecast_for(at(26, 8, 5)), "★ 预计明天约 08:05 用完");
    EXPECT_EQ(forecast_for(at(28, 11, 0)), "★ 预计星期六约 11:00 用完");
    EXPECT_EQ(forecast_for(at(25, 9, 0)), "★ 预计随时会用完");
    EXPECT_EQ(forecast_for(m_clock.wall_now() + 10 * 24h), "★ 预计可用一周以上");
    EXPECT_EQ(forecast_for(std::nullopt, true), "★ 预计可用一周以上");
    EXPECT_EQ(forecast_for(std::nullopt, false), "★ 用量记录不足，暂无法预计");
    m_tr->set_language(Language::En);
    EXPECT_EQ(forecast_for(at(25, 15, 40)), "★ Runs out today at about 15:40");
    EXPECT_EQ(forecast_for(at(26, 8, 5)), "★ Runs out tomorrow at about 08:05");
    EXPECT_EQ(forecast_for(at(28, 11, 0)), "★ Runs out on Sat at about 11:00");
    EXPECT_EQ(forecast_for(std::nullopt, false), "★ Not enough history yet");
}

TEST_F(ConsumablesPanelTest, ForecastFollowsTheInjectedClock) {
    auto runs_out = at(26, 8, 5);
    EXPECT_EQ(forecast_for(runs_out), "★ 预计明天约 08:05 用完");
    m_clock.advance(15h); // Thursday 00:30
    EXPECT_EQ(forecast_for(runs_out), "★ 预计今天约 08:05 用完");
}

TEST_F(ConsumablesPanelTest, WithNobodySignedInReplacingIsGreyedAndSaysTheRoleItNeeds) {
    sign_out();
    open(make_consumables_panel);
    EXPECT_FALSE(button("已更换").enabled());
    EXPECT_TRUE(shows("需要值班员权限")) << all_text();
    press(button("已更换"));
    EXPECT_EQ(dialog(), nullptr);
    EXPECT_TRUE(m_desk.actions.empty());
}

} // namespace
} // namespace kiosk::ui::test
