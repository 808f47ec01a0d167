// The tests tab: each test is asked of the desk, which checks the role (a refusal is shown and
// nothing starts); the result comes as the device's usual event, is shown and recorded with the desk.
// A card read shows the identity masked only; a QR code its kind and length, never its text.

#include "StaffSceneTest.h"
#include "core/domain/Identity.h"

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

} // namespace
} // namespace kiosk::ui::test
