// The tests tab: each test is asked of the desk, which checks the role (a refusal is shown and
// nothing starts); the result comes as the device's usual event, is shown and recorded with the desk.
// A card read shows the identity masked only; a QR code its kind and length, never its text.

#include "StaffSceneTest.h"
#include "core/domain/Identity.h"

#include <cstdio>
#include <filesystem>

namespace kiosk::ui::test {
namespace {

// The tests in the order the tab lists them (TestsPanel.cpp): buttons 104 px high, 18 px apart.
enum Row { ReceiptRow, A4Row, ScanRow, CardRow, QrRow };

class TestsTab : public StaffSceneTest {
protected:
    void open(domain::StaffRole role) { open_maintenance(role, StaffTab::Tests); }
    void tap_test(Row row) {
        Rect panel = maintenance().panel_bounds();
        tap({panel.x + 240, panel.y + row * (104 + 18) + 52});
    }
};

TEST_F(TestsTab, DutyStaffAreRefusedACardReadByTheDeskAndNothingStarts) {
    open(domain::StaffRole::DutyStaff);
    std::string needs = m_tr->format("staff.needs_role", {{"role", m_tr->tr("staff.role.hall_it")}});
    EXPECT_TRUE(shows(needs)) << "the greyed test says which role it needs";
    tap_test(CardRow);
    EXPECT_EQ(m_desk.actions, std::vector<std::string>{"refused test-devices"});
    EXPECT_TRUE(shows(
        m_tr->format("staff.test.refused", {{"test", m_tr->tr("staff.test.card")}, {"reason", needs}})));
    m_scenes->handle_event(services::CardRead{drivers::SimIdCardReader::sample_identity(0)});
    EXPECT_EQ(m_desk.actions.size(), 1u) << "a result was recorded for a test that never started";
    EXPECT_EQ(m_citizen->identity(), nullptr);
}

TEST_F(TestsTab, DutyStaffMayPrintATestPage) {
    open(domain::StaffRole::DutyStaff);
    tap_test(ReceiptRow);
    EXPECT_EQ(m_desk.actions, std::vector<std::string>{"test receipt-page"});
    m_scenes->handle_event(services::PrintCompleted{domain::DeviceKind::A4Printer, 7}); // another printer's
    EXPECT_EQ(m_desk.actions.size(), 1u);
    m_scenes->handle_event(services::PrintFailed{domain::DeviceKind::ReceiptPrinter, 8,
                                                 make_error(ErrorCode::Device, "jam"), "media-jam"});
    EXPECT_EQ(m_desk.actions.back(), "result receipt-page media-jam");
    EXPECT_TRUE(shows(m_tr->format("staff.test.failed", {{"test", m_tr->tr("staff.test.receipt_page")},
                                                         {"reason", m_tr->tr("device.reason.media_jam")}})));
}

TEST_F(TestsTab, AHallItCardReadShowsOnlyTheMaskedIdentity) {
    open(domain::StaffRole::HallIt);
    tap_test(CardRow);
    ASSERT_EQ(m_desk.actions, std::vector<std::string>{"test card"});
    auto identity = drivers::SimIdCardReader::sample_identity(0);
    m_scenes->handle_event(services::CardRead{identity});
    EXPECT_EQ(m_desk.actions.back(), "result card ok");
    EXPECT_TRUE(shows(
        m_tr->format("staff.test.card_identity", {{"name", domain::mask_name(identity.name)},
                                                  {"number", domain::mask_id_number(identity.id_number)}})));
    EXPECT_FALSE(shows_part(identity.name)) << "the full name is on screen";
    EXPECT_FALSE(shows_part(identity.id_number)) << "the full ID number is on screen";
    EXPECT_FALSE(shows_part(identity.id_number.substr(4, 8)));
    EXPECT_EQ(m_citizen->identity(), nullptr) << "the staff's test card went into a citizen's case";
    EXPECT_FALSE(m_citizen->active());
    tap_test(QrRow); // the next test forgets what the card showed
    EXPECT_FALSE(shows_part(domain::mask_id_number(identity.id_number)));
}

TEST_F(TestsTab, AQrCodeShowsItsKindAndLengthNotItsText) {
    open(domain::StaffRole::HallIt);
    tap_test(QrRow);
    std::string payload = "hello staff 1234";
    m_scenes->handle_event(services::QrScanned{payload});
    EXPECT_EQ(m_desk.actions.back(), "result qr ok");
    EXPECT_TRUE(shows(m_tr->format("staff.test.qr_payload", {{"kind", m_tr->tr("staff.qr_kind.text")},
                                                             {"bytes", std::to_string(payload.size())}})));
    EXPECT_FALSE(shows_part(payload));
}

TEST_F(TestsTab, AFailedScanIsRecordedWithTheScannersReason) {
    open(domain::StaffRole::Engineer);
    tap_test(ScanRow);
    ASSERT_EQ(m_desk.actions, std::vector<std::string>{"test scan"});
    domain::DeviceStatus jammed;
    jammed.kind = domain::DeviceKind::Scanner;
    jammed.state = domain::DeviceState::Fault;
    jammed.fixed_by = domain::FixedBy::HallStaff;
    jammed.reason = "jammed";
    m_scenes->handle_event(services::DeviceStatusChanged{jammed});
    m_scenes->handle_event(services::ScanFailed{make_error(ErrorCode::Device, "scan stopped")});
    EXPECT_EQ(m_desk.actions.back(), "result scan jammed");
}

// The scan test's page as a desk holds it: a file on disk and a small grey-on-white preview.
TestScanView scan_page(const std::string& file) {
    std::FILE* out = std::fopen(file.c_str(), "wb");
    EXPECT_NE(out, nullptr);
    if (out) {
        std::fputs("page", out);
        std::fclose(out);
    }
    TestScanView page{file, 1240, 1754, 150, std::vector<uint8_t>(static_cast<size_t>(62) * 88 * 3, 0xF0),
                      62,   88};
    return page;
}

TEST_F(TestsTab, AScanShowsThePageWithItsSizeAndResolution) {
    open(domain::StaffRole::HallIt);
    tap_test(ScanRow);
    ASSERT_EQ(m_desk.actions, std::vector<std::string>{"test scan"});
    std::string file = testing::TempDir() + "staff-scan-shown.png";
    m_desk.scan_page = scan_page(file); // the desk kept the page before ScanCompleted was posted
    m_scenes->handle_event(services::ScanCompleted{});
    EXPECT_EQ(m_desk.actions.back(), "result scan ok");
    EXPECT_TRUE(
        shows(m_tr->format("staff.test.scan_page", {{"width", "1240"}, {"height", "1754"}, {"dpi", "150"}})));
    EXPECT_TRUE(shows(m_tr->format("staff.test.passed", {{"test", m_tr->tr("staff.test.scan")}})));
    draw(); // the preview becomes a texture as it is drawn
    EXPECT_TRUE(std::filesystem::exists(file)) << "kept while it shows";
    EXPECT_EQ(m_desk.scans_discarded, 0);

    tap(maintenance().tab_bounds(StaffTab::Devices).centre()); // the tab is left
    EXPECT_EQ(m_desk.scans_discarded, 1);
    EXPECT_FALSE(std::filesystem::exists(file)) << "the test page is gone with the tab";
    EXPECT_FALSE(m_desk.test_scan());
}

TEST_F(TestsTab, AScanPageGoesWhenMaintenanceEnds) {
    open(domain::StaffRole::HallIt);
    tap_test(ScanRow);
    std::string file = testing::TempDir() + "staff-scan-left.png";
    m_desk.scan_page = scan_page(file);
    m_scenes->handle_event(services::ScanCompleted{});
    draw();
    tap(maintenance().leave_bounds().centre());
    ASSERT_EQ(m_desk.left, 1);
    m_desk.member.reset(); // the desk signed the member out (the self-test ran)
    advance_and_tick(std::chrono::seconds(1));
    EXPECT_NE(m_scenes->current_id(), SceneId::Maintenance);
    EXPECT_FALSE(std::filesystem::exists(file));
}

TEST_F(TestsTab, AScanWithoutAPageSaysOnlyThatOneWasScanned) {
    open(domain::StaffRole::HallIt);
    tap_test(ScanRow);
    m_scenes->handle_event(services::ScanCompleted{}); // the desk could not keep it (disk full)
    EXPECT_TRUE(shows(m_tr->tr("staff.test.scan_done")));
    EXPECT_EQ(m_desk.actions.back(), "result scan ok");
}

} // namespace
} // namespace kiosk::ui::test
