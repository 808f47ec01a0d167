// The device panel: each device's status in the one vocabulary with its reason in plain words, the
// guided fix for what hall staff clear themselves, and the desk's history of the device.

#include "StaffSceneTest.h"

namespace kiosk::ui::test {
namespace {

using DevicesPanelTest = StaffSceneTest;

services::DeviceStatusChanged status(domain::DeviceKind kind, domain::DeviceState state, domain::FixedBy by,
                                     std::string reason) {
    domain::DeviceStatus changed;
    changed.kind = kind;
    changed.state = state;
    changed.fixed_by = by;
    changed.reason = std::move(reason);
    return {changed};
}

TEST_F(DevicesPanelTest, AJammedReceiptPrinterNeedsStaffAndSaysHowToClearIt) {
    open_maintenance(domain::StaffRole::DutyStaff, StaffTab::Devices);
    EXPECT_FALSE(shows(m_tr->tr("staff.fix.media_jam")));
    m_scenes->handle_event(status(domain::DeviceKind::ReceiptPrinter, domain::DeviceState::Fault,
                                  domain::FixedBy::HallStaff, "media-jam"));
    EXPECT_TRUE(shows(m_tr->tr("staff.status.needs_staff")));
    EXPECT_TRUE(shows(m_tr->tr("device.reason.media_jam")));
    EXPECT_TRUE(shows(m_tr->tr("staff.fix.media_jam")));
    draw();
    EXPECT_GT(count_pixels(m_theme.warning), 0) << "needs staff has its colour";
}

TEST_F(DevicesPanelTest, AnUnpluggedReaderIsAbsent) {
    open_maintenance(domain::StaffRole::DutyStaff, StaffTab::Devices);
    m_scenes->handle_event(status(domain::DeviceKind::IdCardReader, domain::DeviceState::Absent,
                                  domain::FixedBy::HallStaff, "unplugged"));
    EXPECT_TRUE(shows(m_tr->tr("staff.status.absent")));
    EXPECT_TRUE(shows(m_tr->tr("device.reason.unplugged")));
}

TEST_F(DevicesPanelTest, AnEngineersFaultHasNoStaffFix) {
    open_maintenance(domain::StaffRole::DutyStaff, StaffTab::Devices);
    m_scenes->handle_event(status(domain::DeviceKind::A4Printer, domain::DeviceState::Fault,
                                  domain::FixedBy::Engineer, "queue-stopped"));
    EXPECT_TRUE(shows(m_tr->tr("staff.status.needs_engineer")));
    EXPECT_TRUE(shows(m_tr->tr("device.reason.queue_stopped")));
}

TEST_F(DevicesPanelTest, AnUnknownReasonIsShownAsItsKeyword) {
    open_maintenance(domain::StaffRole::DutyStaff, StaffTab::Devices);
    m_scenes->handle_event(status(domain::DeviceKind::Scanner, domain::DeviceState::Fault,
                                  domain::FixedBy::Engineer, "lamp-failure"));
    EXPECT_TRUE(shows(m_tr->format("staff.reason_unknown", {{"keyword", "lamp-failure"}})));
}

TEST_F(DevicesPanelTest, EveryReasonTheDriversReportHasPlainWords) {
    open_maintenance(domain::StaffRole::DutyStaff, StaffTab::Devices);
    for (const char* reason : {"media-jam",
                               "media-empty",
                               "cover-open",
                               "toner-empty",
                               "tray-missing",
                               "media-low",
                               "toner-low",
                               "cups-unreachable",
                               "queue-missing",
                               "printer-unreachable",
                               "queue-stopped",
                               "queue-rejecting",
                               "jammed",
                               "no-document",
                               "device-busy",
                               "access-denied",
                               "io-error",
                               "unplugged",
                               "no-response",
                               "link-error",
                               "sam-not-ready",
                               "sam-not-authorised",
                               "sam-error",
                               "not-started",
                               "not configured",
                               "restarting",
                               "scanner-host-missing",
                               "sane-init"}) {
        SCOPED_TRACE(reason);
        m_scenes->handle_event(status(domain::DeviceKind::Scanner, domain::DeviceState::Fault,
                                      domain::FixedBy::Engineer, reason));
        EXPECT_FALSE(shows_part(reason)) << "shown as its keyword";
    }
}

TEST_F(DevicesPanelTest, TheHistoryComesFromTheDesk) {
    m_desk.device_history.last_fault_at = from_local_civil({2026, 11, 24, 16, 5});
    m_desk.device_history.last_fault_reason = "media-empty";
    m_desk.device_history.last_success_at = from_local_civil({2026, 11, 25, 9, 12});
    m_desk.device_history.counters = {{"prints", 1234}, {"scans", 88}};
    open_maintenance(domain::StaffRole::DutyStaff, StaffTab::Devices);
    EXPECT_TRUE(shows(m_tr->format(
        "staff.last_fault", {{"time", "11-24 16:05"}, {"reason", m_tr->tr("device.reason.media_empty")}})));
    EXPECT_TRUE(shows(m_tr->format("staff.last_success", {{"time", "11-25 09:12"}})));
    EXPECT_TRUE(
        shows(m_tr->tr("staff.counter.prints") + " 1234 · " + m_tr->tr("staff.counter.scans") + " 88"));
}

} // namespace
} // namespace kiosk::ui::test
