// The outbox and prints tab: what hall IT may do (send now, retry, discard behind a dialog), what duty
// staff may not, reprint authorisation, and no application id beyond its first 8 hex digits.

#include "PanelTest.h"

using namespace std::chrono_literals;

namespace kiosk::ui::test {
namespace {

const std::string kRefusedA = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const std::string kRefusedB = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

class OutboxPanelTest : public PanelTest {
protected:
    void SetUp() override {
        PanelTest::SetUp();
        m_desk.outbox_view.queued = 3;
        m_desk.outbox_view.oldest_queued_age = 2h + 5min;
        m_desk.outbox_view.delivery_state = "waiting-for-hub";
        m_desk.outbox_view.refused = {{kRefusedA, "unknown-matter", from_local_civil({2026, 11, 24, 8, 12})},
                                      {kRefusedB, "no-such-code", m_clock.wall_now() - 30min}};
        m_desk.prints = {
            {41, "receipt", "completed", "", m_clock.wall_now() - 10min, false},
            {42, "certificate", "unknown", "printer-unreachable", m_clock.wall_now() - 5min, true},
        };
    }
};

TEST_F(OutboxPanelTest, DutyStaffCannotSendRetryOrDiscard) {
    open(make_outbox_panel);
    for (const char* text : {"立即发送", "重新发送", "放弃"}) {
        SCOPED_TRACE(text);
        for (Button* shown : buttons(text)) {
            EXPECT_FALSE(shown->enabled());
            press(*shown);
        }
        EXPECT_FALSE(buttons(text).empty());
    }
    EXPECT_EQ(dialog(), nullptr);
    EXPECT_TRUE(m_desk.actions.empty()) << "a greyed button does nothing";
    EXPECT_TRUE(shows("需要大厅信息技术人员权限")) << all_text();
}

TEST_F(OutboxPanelTest, HallItSendsNowRetriesAndDiscardsAfterConfirming) {
    sign_in(domain::StaffRole::HallIt);
    open(make_outbox_panel);
    press(button("立即发送"));
    press(button("重新发送", 0));
    press(button("放弃", 1));
    EXPECT_EQ(m_desk.actions, (std::vector<std::string>{"send", "retry " + kRefusedA}))
        << "discarding asks first";
    ASSERT_NE(dialog(), nullptr);
    draw_panel();
    press(dialog()->primary());
    EXPECT_EQ(m_desk.actions.back(), "discard " + kRefusedB);
    EXPECT_EQ(dialog(), nullptr);
    // Queued on the worker: its outcome comes as an event.
    EXPECT_TRUE(shows("正在处理…")) << all_text();
    EXPECT_FALSE(shows("✓ 已完成")) << all_text();
    EXPECT_TRUE(
        m_panel->on_event(services::StaffOutboxAnswered{0, "discard", std::nullopt, true, 3, {}, {}}));
    EXPECT_TRUE(shows("✓ 已完成")) << all_text();
    EXPECT_FALSE(shows("正在处理…")) << all_text();
}

TEST_F(OutboxPanelTest, AnActionTheWorkerFailedShowsWhy) {
    sign_in(domain::StaffRole::HallIt);
    open(make_outbox_panel);
    press(button("重新发送", 0));
    m_panel->on_event(services::StaffOutboxAnswered{
        0, "retry", make_error(ErrorCode::NotFound, "no such application"), true, 3, {}, {}});
    EXPECT_TRUE(shows("no such application")) << all_text();
}

TEST_F(OutboxPanelTest, CancelledDiscardKeepsTheApplication) {
    sign_in(domain::StaffRole::HallIt);
    open(make_outbox_panel);
    press(button("放弃", 0));
    draw_panel();
    ASSERT_NE(dialog(), nullptr);
    press(dialog()->secondary());
    EXPECT_TRUE(m_desk.actions.empty());
}

TEST_F(OutboxPanelTest, DutyStaffAllowAReprintWhereTheLedgerNeedsIt) {
    open(make_outbox_panel);
    ASSERT_EQ(buttons("授权补打").size(), 1u) << "only the uncertain certificate: " << all_text();
    EXPECT_TRUE(button("授权补打").enabled());
    press(button("授权补打"));
    EXPECT_EQ(m_desk.actions, std::vector<std::string>{"reprint 42"});
}

TEST_F(OutboxPanelTest, ARefusalByTheDeskIsShown) {
    // The screen was laid out for hall IT; the desk answers for whoever is signed in when tapped.
    sign_in(domain::StaffRole::HallIt);
    open(make_outbox_panel);
    Button& send = button("立即发送");
    sign_in(domain::StaffRole::DutyStaff);
    press(send);
    EXPECT_EQ(m_desk.actions, std::vector<std::string>{"refused outbox-actions"});
    EXPECT_TRUE(shows("× 您的角色不能执行此操作，未作任何更改")) << all_text();
    EXPECT_FALSE(button("立即发送").enabled()) << "laid out again for the role now signed in";
}

TEST_F(OutboxPanelTest, NoTextHoldsMoreOfAnApplicationIdThanItsFirst8Hex) {
    sign_in(domain::StaffRole::HallIt);
    for (Language language : {Language::ZhCN, Language::En}) {
        m_tr->set_language(language);
        open(make_outbox_panel);
        press(button(language == Language::En ? "Discard" : "放弃", 0)); // the dialog names it too
        ASSERT_NE(dialog(), nullptr);
        EXPECT_TRUE(shows(kRefusedA.substr(0, 8) + "…")) << all_text();
        EXPECT_TRUE(shows(kRefusedB.substr(0, 8) + "…")) << all_text();
        for (const auto& text : texts()) {
            for (const auto& id : {kRefusedA, kRefusedB})
                EXPECT_EQ(text.find(id.substr(0, 9)), std::string::npos) << text;
        }
    }
}

TEST_F(OutboxPanelTest, QueueAgeStateAndReasonsInWords) {
    open(make_outbox_panel);
    EXPECT_TRUE(shows("待发送 3 份")) << all_text();
    EXPECT_TRUE(shows("最早一份已等待 2 小时 5 分")) << all_text();
    EXPECT_TRUE(shows("发送状态：连不上中心服务器，稍后重试")) << all_text();
    EXPECT_TRUE(shows("事项已下线")) << all_text();                // unknown-matter, translated
    EXPECT_TRUE(shows("no-such-code")) << all_text();              // a code the kiosk does not know
    EXPECT_TRUE(shows("封存于 11月24日 08:12")) << all_text();     // another day: with the date
    EXPECT_TRUE(shows("? 证照  ·  不确定，需核实")) << all_text(); // the print's kind and state
    EXPECT_TRUE(shows("09:25  ·  打印机无响应")) << all_text();
    m_tr->set_language(Language::En);
    relayout();
    EXPECT_TRUE(shows("The oldest has waited 2 h 5 min")) << all_text();
    EXPECT_TRUE(shows("Delivery: hub unreachable, will retry")) << all_text();
}

TEST_F(OutboxPanelTest, TheQueueIsAskedForAgainWhileTheTabShows) {
    open(make_outbox_panel);
    EXPECT_EQ(m_desk.outbox_asks, 1) << "asked when the tab opens";
    m_desk.outbox_view.queued = 0;
    EXPECT_FALSE(m_panel->on_tick());
    EXPECT_EQ(m_desk.outbox_asks, 1) << "not at once";
    m_clock.advance(6s);
    EXPECT_FALSE(m_panel->on_tick()) << "asking changes nothing on screen";
    EXPECT_EQ(m_desk.outbox_asks, 2);
    EXPECT_TRUE(shows("待发送 3 份")) << "until the answer comes: " << all_text();
    EXPECT_TRUE(m_panel->on_event(services::StaffOutboxAnswered{}));
    EXPECT_TRUE(shows("没有待发送的申请")) << all_text();
}

// The worker answers by event: until then the tab says it is loading, and then shows the answer.
TEST_F(OutboxPanelTest, LoadingUntilTheWorkerAnswers) {
    m_desk.outbox_answered = false;
    open(make_outbox_panel);
    EXPECT_TRUE(shows("正在读取待发送箱…")) << all_text();
    EXPECT_FALSE(shows("待发送 3 份")) << all_text();
    EXPECT_FALSE(shows("没有被退回的申请")) << "nothing is known yet: " << all_text();
    EXPECT_FALSE(m_panel->on_event(services::DeliveryChanged{})) << "another event";
    m_desk.outbox_answered = true;
    EXPECT_TRUE(m_panel->on_event(services::StaffOutboxAnswered{}));
    EXPECT_FALSE(shows("正在读取待发送箱…")) << all_text();
    EXPECT_TRUE(shows("待发送 3 份")) << all_text();
    EXPECT_TRUE(shows("最早一份已等待 2 小时 5 分")) << all_text();
    m_tr->set_language(Language::En);
    m_desk.outbox_answered = false;
    relayout();
    EXPECT_TRUE(shows("Loading the outbox…")) << all_text();
}

// A worker that never answers (a seal stuck on a slow disk) leaves the tab working: it keeps asking
// without waiting, its buttons still answer, and the prints list shows.
TEST_F(OutboxPanelTest, AWorkerThatNeverAnswersLeavesTheTabResponsive) {
    m_desk.outbox_answered = false;
    sign_in(domain::StaffRole::HallIt);
    open(make_outbox_panel);
    auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 5; ++i) {
        m_clock.advance(6s);
        EXPECT_FALSE(m_panel->on_tick());
    }
    EXPECT_EQ(m_desk.outbox_asks, 6);
    press(button("立即发送"));
    EXPECT_EQ(m_desk.actions, std::vector<std::string>{"send"});
    EXPECT_TRUE(shows("正在处理…")) << all_text();
    press(button("授权补打"));
    EXPECT_EQ(m_desk.actions.back(), "reprint 42");
    EXPECT_TRUE(shows("? 证照  ·  不确定，需核实")) << all_text();
    EXPECT_TRUE(shows("正在读取待发送箱…")) << all_text();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s) << "nothing waited for the worker";
}

TEST_F(OutboxPanelTest, HubCodesThatAreNotKeywordsAreCutToOne) {
    m_desk.outbox_view.refused = {
        {kRefusedA, "<b>weird</b> text from a proxy: " + std::string(200, 'x'), {}}};
    open(make_outbox_panel);
    for (const auto& text : texts())
        EXPECT_EQ(text.find("<b>"), std::string::npos) << text;
    EXPECT_TRUE(shows("bweirdb")) << all_text();
}

} // namespace
} // namespace kiosk::ui::test
