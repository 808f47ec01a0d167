// The service state tab: out of service with a reason and a notice chosen on large buttons, back in
// service, and what the screen says about each.

#include "PanelTest.h"

namespace kiosk::ui::test {
namespace {

class ServicePanelTest : public PanelTest {
protected:
    void SetUp() override {
        PanelTest::SetUp();
        m_desk.service_view.opening_hours = {"周一至周五 9:00–17:00", "Mon–Fri 9:00–17:00"};
    }
};

TEST_F(ServicePanelTest, OutOfServiceWithAReasonAndANotice) {
    open(make_service_panel);
    EXPECT_TRUE(shows("✓ 正在服务")) << all_text();
    EXPECT_TRUE(shows("开放时间：周一至周五 9:00–17:00")) << all_text();
    press(button("暂停服务"));
    EXPECT_TRUE(m_desk.actions.empty()) << "the chooser first";
    EXPECT_FALSE(button("确认暂停服务").enabled()) << "a reason first";
    EXPECT_TRUE(shows("请先选择暂停原因")) << all_text();
    for (const char* reason : {"设备故障", "耗材用完", "网络故障", "设备维护", "工作人员暂停"})
        EXPECT_GE(button(reason).bounds().h, 64) << reason;
    press(button("耗材用完"));
    EXPECT_EQ(button("耗材用完").text(), "✓ 耗材用完") << "the choice says so in a mark, not colour alone";
    press(button("打印机缺纸，请到人工窗口领取"));
    ASSERT_TRUE(button("确认暂停服务").enabled());
    press(button("确认暂停服务"));
    EXPECT_EQ(m_desk.actions, std::vector<std::string>{"out consumables"});
    EXPECT_EQ(m_desk.service_view.notice.zh, "打印机缺纸，请到人工窗口领取");
    EXPECT_EQ(m_desk.service_view.notice.en, "Out of paper, please collect it at a staffed counter")
        << "the attract screen shows it in either language";
    EXPECT_TRUE(shows("■ 暂停服务")) << all_text();
    EXPECT_TRUE(shows("原因：耗材用完")) << all_text();
    EXPECT_TRUE(shows("屏幕提示：打印机缺纸，请到人工窗口领取")) << all_text();
    EXPECT_TRUE(shows("✓ 已完成")) << all_text();
}

TEST_F(ServicePanelTest, NoNoticeIsTheDefault) {
    open(make_service_panel);
    press(button("暂停服务"));
    EXPECT_EQ(button("不显示提示").text(), "✓ 不显示提示");
    press(button("设备维护"));
    press(button("确认暂停服务"));
    EXPECT_EQ(m_desk.actions, std::vector<std::string>{"out maintenance"});
    EXPECT_EQ(m_desk.service_view.notice, LocalizedText{});
    EXPECT_TRUE(shows("屏幕提示：无")) << all_text();
}

TEST_F(ServicePanelTest, BackInService) {
    m_desk.service_view.in_service = false;
    m_desk.service_view.reason = "hardware";
    m_desk.service_view.detail = "receipt printer: media-jam";
    m_desk.service_view.notice = {"设备维护中，请到其他自助终端办理",
                                  "Under maintenance, please use another kiosk"};
    open(make_service_panel);
    EXPECT_TRUE(shows("原因：设备故障")) << all_text();
    EXPECT_TRUE(shows("详情：receipt printer: media-jam")) << all_text();
    EXPECT_TRUE(shows("屏幕提示：设备维护中，请到其他自助终端办理")) << all_text();
    press(button("恢复服务"));
    EXPECT_EQ(m_desk.actions, std::vector<std::string>{"in"});
    EXPECT_TRUE(shows("✓ 正在服务")) << all_text();
}

TEST_F(ServicePanelTest, CancellingTheChooserChangesNothing) {
    open(make_service_panel);
    press(button("暂停服务"));
    press(button("网络故障"));
    press(button("取消"));
    EXPECT_TRUE(m_desk.actions.empty());
    EXPECT_TRUE(shows("✓ 正在服务")) << all_text();
}

TEST_F(ServicePanelTest, WhatTheKioskSetItselfIsNamedToo) {
    m_desk.service_view.in_service = false;
    m_desk.service_view.reason = "out-of-hours";
    m_desk.service_view.maintenance = ServiceView::Maintenance::Pending;
    m_tr->set_language(Language::En);
    open(make_service_panel);
    EXPECT_TRUE(shows("Reason: Out of hours")) << all_text();
    EXPECT_TRUE(shows("Maintenance: waiting for the citizen to finish")) << all_text();
    EXPECT_TRUE(shows("Opening hours: Mon–Fri 9:00–17:00")) << all_text();
}

TEST_F(ServicePanelTest, WithNobodySignedInTheStateCannotChange) {
    sign_out();
    open(make_service_panel);
    EXPECT_FALSE(button("暂停服务").enabled());
    press(button("暂停服务"));
    EXPECT_TRUE(shows("需要值班员权限")) << all_text();
    EXPECT_TRUE(buttons("确认暂停服务").empty()) << "no chooser";
    EXPECT_TRUE(m_desk.actions.empty());
}

} // namespace
} // namespace kiosk::ui::test
