// Each panel drawn full, in zh-CN and en, landscape and portrait, with the real fonts: nothing reaches
// outside the panel, overlaps, or is cut with "…", every button is a 64-px touch target; and the
// pictures are written to this build folder (png/) to be looked at.

#include "PanelTest.h"

using namespace std::chrono_literals;

namespace kiosk::ui::test {
namespace {

struct Case {
    const char* name;
    PanelFactory factory;
};
// GoogleTest's name for how a parameter prints (test names in ctest).
// NOLINTNEXTLINE(readability-identifier-naming)
void PrintTo(const Case& c, std::ostream* out) {
    *out << c.name;
}

class PanelDrawingTest : public PanelTest, public ::testing::WithParamInterface<Case> {
protected:
    void SetUp() override {
        PanelTest::SetUp();
        sign_in(domain::StaffRole::DutyStaff); // some buttons greyed with the role they need
        WallTime now = m_clock.wall_now();
        ConsumableView receipt{"receipt-paper",
                               domain::DeviceKind::ReceiptPrinter,
                               ConsumableView::Level::Low,
                               15,
                               68'000,
                               80'000,
                               "mm",
                               "media-low-warning",
                               now - 30h,
                               now + 6h + 10min,
                               true,
                               true};
        ConsumableView a4{"a4-paper",
                          domain::DeviceKind::A4Printer,
                          ConsumableView::Level::Out,
                          0,
                          250,
                          250,
                          "sheets",
                          "media-empty-error",
                          now - 50h,
                          std::nullopt,
                          true,
                          true};
        ConsumableView toner{"toner",
                             domain::DeviceKind::A4Printer,
                             ConsumableView::Level::Unknown,
                             -1,
                             0,
                             0,
                             "",
                             "",
                             std::nullopt,
                             std::nullopt,
                             false,
                             false};
        m_desk.consumable_views = {receipt, a4, toner};
        m_desk.outbox_view = {12, 26h + 5min, {}, "waiting-for-hub"};
        for (int i = 0; i < 5; ++i)
            m_desk.outbox_view.refused.push_back({std::string(32, "0123456789abcdef"[i]),
                                                  i % 2 ? "application-conflict" : "unknown-field",
                                                  now - std::chrono::hours(3 * i)});
        for (int i = 0; i < 8; ++i)
            m_desk.prints.push_back({100 + i, i % 3 ? "receipt" : "certificate",
                                     i % 3 ? "completed" : "unknown", i % 3 ? "" : "printer-unreachable",
                                     now - std::chrono::minutes(7 * i), i % 3 == 0});
        m_desk.service_view = {
            false,
            "consumables",
            "a4 printer: media-empty",
            {"打印机缺纸，请到人工窗口领取", "Out of paper, please collect it at a staffed counter"},
            ServiceView::Maintenance::Active,
            {"周一至周五 9:00–17:00，周六 9:00–12:00", "Mon–Fri 9:00–17:00, Sat 9:00–12:00"}};
        m_desk.about_view = {
            "K-0007",      "1.4.2",        "2026-11-20.3",      "2026-11-01", "https://hub.hall.example:8443",
            "unreachable", 13'207'024'435, 3 * 24h + 4h + 12min};
    }

    void draw_and_check(const std::string& name) {
        draw_panel();
        std::string path = save_png(name);
        for (const auto& problem : layout_problems())
            ADD_FAILURE() << name << ": " << problem;
        (void)path;
    }
};

TEST_P(PanelDrawingTest, InBothLanguagesAndOrientations) {
    for (Language language : {Language::ZhCN, Language::En}) {
        for (bool portrait : {false, true}) {
            m_tr->set_language(language);
            open(GetParam().factory, portrait ? kPortraitContent : kLandscapeContent);
            draw_and_check(std::string(GetParam().name) + "-" + language_tag(language) +
                           (portrait ? "-portrait" : "-landscape"));
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Panels, PanelDrawingTest,
                         ::testing::Values(Case{"consumables", make_consumables_panel},
                                           Case{"outbox", make_outbox_panel},
                                           Case{"service", make_service_panel},
                                           Case{"about", make_about_panel}),
                         [](const auto& info) { return std::string(info.param.name); });

// The service chooser and the dialogs, drawn over their panels.
class OpenPanelDrawingTest : public PanelDrawingTest {};

TEST_F(OpenPanelDrawingTest, TheChooserAndTheDialogs) {
    sign_in(domain::StaffRole::HallIt);
    for (Language language : {Language::ZhCN, Language::En}) {
        for (bool portrait : {false, true}) {
            m_tr->set_language(language);
            std::string tail =
                std::string("-") + language_tag(language) + (portrait ? "-portrait" : "-landscape");
            Rect content = portrait ? kPortraitContent : kLandscapeContent;
            bool en = language == Language::En;

            open(make_service_panel, content);
            press(button(en ? "Change reason or notice" : "更改原因或提示"));
            press(button(en ? "Network" : "网络故障"));
            draw_and_check("service-chooser" + tail);

            open(make_consumables_panel, content);
            press(button(en ? "Replaced" : "已更换"));
            ASSERT_NE(dialog(), nullptr);
            draw_panel();
            save_png("consumables-dialog" + tail);

            open(make_outbox_panel, content);
            press(button(en ? "Discard" : "放弃"));
            ASSERT_NE(dialog(), nullptr);
            draw_panel();
            save_png("outbox-dialog" + tail);
        }
    }
}

} // namespace
} // namespace kiosk::ui::test
