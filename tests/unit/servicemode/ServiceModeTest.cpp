// The maintenance hand-off and the service state: staff never cut a citizen off (pending while a
// session runs, active when it ends or times out), nobody new starts while pending, active, out of
// service or out of hours; only hall IT and up may force, with a reason; the staff timeout ends
// maintenance; leaving runs the self-test and serves again only when the needed devices are ready.
// Every step is in the audit trail with the staff id and role. FakeClock: no test depends on today.

#include "services/staff/mode/ServiceMode.h"
#include "ui/scenes/staff/StaffDesk.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kiosk::services {
namespace {

using domain::DeviceKind;
using domain::DeviceState;
using domain::StaffMember;
using domain::StaffRole;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Pair;

const StaffMember kDuty{"S1001", "值班员甲", StaffRole::DutyStaff};
const StaffMember kHallIt{"S1024", "信息员乙", StaffRole::HallIt};

// 2026-12-04 is a Friday.
WallTime at(int day, int hour, int minute) {
    return from_local_civil(CivilTime{2026, 12, day, hour, minute, 0, 0});
}

class ServiceModeTest : public ::testing::Test {
protected:
    ServiceModeTest() {
        for (size_t i = 0; i < statuses.size(); ++i)
            statuses[i] = {static_cast<DeviceKind>(i), DeviceState::Ready};
    }

    std::unique_ptr<ServiceMode> make(ServiceModeOptions options = {}) {
        SelfTestInputs inputs{[this] { return statuses; }, nullptr, {}};
        return std::make_unique<ServiceMode>(
            std::move(options), clock, inputs,
            [this](std::string_view kind, std::string_view detail) { audit.emplace_back(kind, detail); },
            [this](const store::StoredServiceState& state) { persisted.push_back(state); });
    }

    std::vector<std::string> kinds() const {
        std::vector<std::string> out;
        for (const auto& [kind, detail] : audit)
            out.push_back(kind);
        return out;
    }
    std::string detail_of(const std::string& kind) const {
        for (const auto& [k, detail] : audit)
            if (k == kind)
                return detail;
        return "(no " + kind + ")";
    }
    void fault(DeviceKind kind, std::string reason) {
        auto& status = statuses[static_cast<size_t>(kind)];
        status.state = DeviceState::Fault;
        status.reason = std::move(reason);
    }

    FakeClock clock{at(4, 10, 0)};
    DeviceStatuses statuses;
    std::vector<std::pair<std::string, std::string>> audit;
    std::vector<store::StoredServiceState> persisted;
};

TEST_F(ServiceModeTest, InServiceTakesSessions) {
    auto mode = make();
    EXPECT_TRUE(mode->state().in_service);
    EXPECT_TRUE(mode->can_start_session());
    EXPECT_EQ(mode->attract_message().key, "");
    EXPECT_TRUE(audit.empty());
}

TEST_F(ServiceModeTest, RequestWithoutASessionIsActiveAtOnce) {
    auto mode = make();
    EXPECT_EQ(mode->request_maintenance(kDuty), Maintenance::Active);
    EXPECT_EQ(mode->maintenance_since(), at(4, 10, 0));
    EXPECT_EQ(mode->staff(), kDuty);
    EXPECT_FALSE(mode->can_start_session());
    EXPECT_FALSE(mode->state().in_service);
    EXPECT_EQ(mode->state().reason, OutReason::Maintenance);
    EXPECT_EQ(mode->attract_message().key, "service.maintenance");
    EXPECT_EQ(kinds(),
              (std::vector<std::string>{"maintenance.requested", "maintenance.entered", "service.out"}));
    EXPECT_EQ(detail_of("maintenance.entered"), "staff=S1001 role=duty");
    for (const auto& [kind, detail] : audit)
        EXPECT_THAT(detail, ::testing::Not(HasSubstr("值班员"))) << kind; // staff by id and role only
}

TEST_F(ServiceModeTest, RequestDuringASessionIsPendingUntilTheCitizenFinishes) {
    auto mode = make();
    mode->session_started();
    EXPECT_EQ(mode->request_maintenance(kDuty), Maintenance::Pending);
    EXPECT_TRUE(mode->session_under_way());  // never cut off
    EXPECT_TRUE(mode->state().in_service);   // the citizen is still served
    EXPECT_FALSE(mode->can_start_session()); // nobody new
    EXPECT_EQ(mode->attract_message().key, "service.maintenance");
    EXPECT_THAT(kinds(), ::testing::Not(Contains("maintenance.entered")));
    clock.advance(std::chrono::minutes(5)); // a long application: pending does not time out
    mode->tick();
    EXPECT_EQ(mode->maintenance(), Maintenance::Pending);

    mode->session_ended(); // finished, or timed out: the scene manager says so alike
    EXPECT_EQ(mode->maintenance(), Maintenance::Active);
    EXPECT_EQ(mode->maintenance_since(), at(4, 10, 5));
    EXPECT_THAT(kinds(), Contains("maintenance.entered"));
    EXPECT_FALSE(mode->can_start_session());
}

TEST_F(ServiceModeTest, DutyStaffMayNotForce) {
    auto mode = make();
    mode->session_started();
    mode->request_maintenance(kDuty);
    audit.clear();
    auto forced = mode->force(kDuty, "printer smoking");
    ASSERT_FALSE(forced.ok());
    EXPECT_EQ(forced.error().code, ErrorCode::Denied);
    EXPECT_EQ(mode->maintenance(), Maintenance::Pending); // nothing changed
    EXPECT_TRUE(mode->session_under_way());
    ASSERT_EQ(kinds(), (std::vector<std::string>{"staff.refused"}));
    EXPECT_EQ(detail_of("staff.refused"), "staff=S1001 role=duty action=force-maintenance");
}

TEST_F(ServiceModeTest, HallItForcesWithAReasonAndTheSessionIsInterrupted) {
    auto mode = make();
    mode->session_started();
    auto without = mode->force(kHallIt, "  ");
    ASSERT_FALSE(without.ok());
    EXPECT_EQ(without.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(mode->maintenance(), Maintenance::Inactive);
    EXPECT_TRUE(mode->session_under_way());
    EXPECT_THAT(detail_of("staff.refused"), HasSubstr("why=no-reason"));

    auto forced = mode->force(kHallIt, "smoke from the A4 printer");
    ASSERT_TRUE(forced.ok());
    EXPECT_TRUE(forced->interrupt_session);
    EXPECT_EQ(mode->maintenance(), Maintenance::Active);
    EXPECT_FALSE(mode->session_under_way());
    EXPECT_EQ(detail_of("maintenance.forced"),
              "staff=S1024 role=hall-it reason=smoke from the A4 printer session=interrupted");
    // A long reason is cut to one line of at most 200 bytes, at a character's start: byte 200 falls
    // inside "机" (2 + 100 + 9 × 10 + 3 + 3 = 198 bytes before it).
    auto again = make();
    std::string long_reason = "xx" + std::string(100, ' ');
    for (int i = 0; i < 40; ++i)
        long_reason += "打印机\n";
    audit.clear();
    ASSERT_TRUE(again->force(kHallIt, long_reason).ok());
    std::string logged = detail_of("maintenance.forced");
    auto start = logged.find("reason=") + 7, end = logged.find(" session=");
    std::string cut = logged.substr(start, end - start);
    EXPECT_EQ(cut.size(), 198U);
    EXPECT_EQ(cut.find('\n'), std::string::npos);
    EXPECT_EQ(cut.substr(cut.size() - 3), "印");
    mode->session_ended(); // the scene manager's wipe: harmless
    EXPECT_EQ(mode->maintenance(), Maintenance::Active);
    // Forcing with nobody at the kiosk interrupts nothing.
    auto idle = make();
    auto answer = idle->force(kHallIt, "urgent");
    ASSERT_TRUE(answer.ok());
    EXPECT_FALSE(answer->interrupt_session);
}

TEST_F(ServiceModeTest, LeavingWithAllReadyServesAgain) {
    auto mode = make();
    mode->request_maintenance(kDuty);
    auto result = mode->leave();
    ASSERT_TRUE(result);
    EXPECT_TRUE(result->passed);
    EXPECT_EQ(mode->maintenance(), Maintenance::Inactive);
    EXPECT_TRUE(mode->state().in_service);
    EXPECT_TRUE(mode->can_start_session());
    EXPECT_EQ(kinds(),
              (std::vector<std::string>{"maintenance.requested", "maintenance.entered", "service.out",
                                        "maintenance.left", "selftest.passed", "service.in"}));
    EXPECT_EQ(detail_of("maintenance.left"), "staff=S1001 role=duty");
    EXPECT_FALSE(mode->leave()); // not in maintenance: nothing
}

TEST_F(ServiceModeTest, LeavingWithANeededDeviceFaultedStaysOutWithTheReason) {
    auto mode = make();
    mode->request_maintenance(kDuty);
    fault(DeviceKind::ReceiptPrinter, "media-empty");
    auto result = mode->leave();
    ASSERT_TRUE(result);
    EXPECT_FALSE(result->can_serve);
    EXPECT_EQ(mode->maintenance(), Maintenance::Inactive);
    EXPECT_FALSE(mode->state().in_service);
    EXPECT_EQ(mode->state().reason, OutReason::Consumables);
    EXPECT_THAT(mode->state().detail, HasSubstr("receipt_printer fault media-empty"));
    EXPECT_FALSE(mode->can_start_session());
    EXPECT_EQ(mode->attract_message().key, "service.out_of_service");
    EXPECT_THAT(kinds(), Contains("selftest.failed"));
    EXPECT_THAT(audit.back().second, HasSubstr("reason=consumables"));

    // The roll replaced: the printer reports ready and the kiosk serves without another visit.
    statuses[static_cast<size_t>(DeviceKind::ReceiptPrinter)] = {DeviceKind::ReceiptPrinter,
                                                                 DeviceState::Ready};
    mode->devices_changed();
    EXPECT_TRUE(mode->state().in_service);
    EXPECT_EQ(audit.back().first, "service.in");
}

TEST_F(ServiceModeTest, LeavingWithTheA4PrinterFaultedServesWithWithdrawals) {
    auto mode = make();
    mode->request_maintenance(kDuty);
    fault(DeviceKind::A4Printer, "media-jam");
    auto result = mode->leave();
    ASSERT_TRUE(result);
    EXPECT_FALSE(result->passed);
    EXPECT_TRUE(result->can_serve);
    EXPECT_TRUE(mode->state().in_service);
    EXPECT_THAT(detail_of("selftest.passed"), HasSubstr("serving with withdrawals"));
}

TEST_F(ServiceModeTest, StaffTimeoutEndsMaintenanceAsIfTheyLeft) {
    ServiceModeOptions options;
    options.staff_session_timeout = std::chrono::seconds(30);
    auto mode = make(options);
    mode->request_maintenance(kDuty);
    clock.advance(std::chrono::seconds(20));
    mode->note_activity(); // a touch on a staff screen
    clock.advance(std::chrono::seconds(29));
    mode->tick();
    EXPECT_EQ(mode->maintenance(), Maintenance::Active);
    clock.advance(std::chrono::seconds(1));
    mode->tick();
    EXPECT_EQ(mode->maintenance(), Maintenance::Inactive);
    EXPECT_TRUE(mode->state().in_service);
    EXPECT_EQ(detail_of("maintenance.timeout"), "staff=S1001 role=duty");
    EXPECT_THAT(kinds(), Contains("selftest.passed"));
    EXPECT_THAT(kinds(), ::testing::Not(Contains("maintenance.left")));
}

TEST_F(ServiceModeTest, TheDefaultStaffTimeoutIs45Seconds) {
    auto mode = make();
    mode->request_maintenance(kDuty);
    clock.advance(std::chrono::seconds(44));
    mode->tick();
    EXPECT_EQ(mode->maintenance(), Maintenance::Active);
    clock.advance(std::chrono::seconds(1));
    mode->tick();
    EXPECT_EQ(mode->maintenance(), Maintenance::Inactive);
}

TEST_F(ServiceModeTest, OutOfHoursTakesNoSessionAndShowsTheHours) {
    ServiceModeOptions options;
    options.opening_hours.weekly.push_back({0b0111110U, 9 * 60, 17 * 60});
    clock.advance(std::chrono::minutes(6 * 60 + 59)); // Friday 16:59
    auto mode = make(options);
    EXPECT_TRUE(mode->can_start_session());
    clock.advance(std::chrono::minutes(1));
    mode->tick();
    EXPECT_FALSE(mode->can_start_session());
    EXPECT_EQ(mode->state().reason, OutReason::OutOfHours);
    auto message = mode->attract_message();
    EXPECT_EQ(message.key, "service.out_of_hours");
    EXPECT_EQ(message.hours.en, "Mon–Fri 9:00–17:00");
    EXPECT_THAT(audit.back(), Pair("service.out", "reason=out-of-hours by hours"));
    clock.advance(std::chrono::hours(64)); // Monday 9:00
    mode->tick();
    EXPECT_TRUE(mode->can_start_session());
    EXPECT_EQ(audit.back().first, "service.in");
}

TEST_F(ServiceModeTest, StaffOutOfServiceWithANoticeIsPersistedAndTakesNoSession) {
    auto mode = make();
    ASSERT_TRUE(mode->set_out_of_service(kDuty, "network", {"网络故障，请到窗口办理", "Network down"}).ok());
    EXPECT_FALSE(mode->can_start_session());
    EXPECT_EQ(mode->state().reason, OutReason::Network);
    auto message = mode->attract_message();
    EXPECT_EQ(message.key, "service.out_of_service");
    EXPECT_EQ(message.notice.en, "Network down");
    ASSERT_EQ(persisted.size(), 1U);
    EXPECT_FALSE(persisted[0].in_service);
    EXPECT_EQ(persisted[0].reason, "network");
    EXPECT_EQ(persisted[0].staff_id, "S1001");
    EXPECT_EQ(persisted[0].staff_role, "duty");
    EXPECT_THAT(detail_of("service.out"), HasSubstr("reason=network by staff=S1001 role=duty"));

    for (const char* bad : {"out-of-hours", "internal", "broken", ""})
        EXPECT_EQ(mode->set_out_of_service(kDuty, bad, {}).error().code, ErrorCode::InvalidArgument) << bad;
    EXPECT_EQ(persisted.size(), 1U);

    auto back = mode->set_in_service(kDuty);
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(mode->can_start_session());
    ASSERT_EQ(persisted.size(), 2U);
    EXPECT_TRUE(persisted[1].in_service);
}

TEST_F(ServiceModeTest, InternalFaultOutranksEverything) {
    auto mode = make();
    mode->set_internal_fault("catalog");
    EXPECT_FALSE(mode->can_start_session());
    EXPECT_EQ(mode->state().reason, OutReason::Internal);
    EXPECT_EQ(mode->state().detail, "catalog");
    EXPECT_EQ(detail_of("service.out"), "reason=internal detail=catalog by internal");
    mode->set_internal_fault("");
    EXPECT_TRUE(mode->can_start_session());
}

TEST_F(ServiceModeTest, AStoredChangeByAToolIsAppliedOnceAndAudited) {
    auto mode = make();
    store::StoredServiceState row{false, "staff", "", {"暂停服务", "Closed for now"}, "S2001", "", "", 3};
    mode->apply_stored(row);
    EXPECT_FALSE(mode->can_start_session());
    EXPECT_EQ(mode->attract_message().notice.zh, "暂停服务");
    EXPECT_EQ(detail_of("service.out"), "reason=staff by store staff=S2001");
    auto count = audit.size();
    mode->apply_stored(row); // read again: nothing new
    row.revision = 4;        // the kiosk's own write read back: same content
    mode->apply_stored(row);
    EXPECT_EQ(audit.size(), count);
    row.notice.en = "Closed\nfor now";
    row.revision = 5;
    mode->apply_stored(row); // a row another program wrote: one line
    EXPECT_EQ(mode->attract_message().notice.en, "Closed for now");
    row = {};
    row.revision = 6;
    row.staff_id = "S2001";
    mode->apply_stored(row);
    EXPECT_TRUE(mode->can_start_session());
    EXPECT_EQ(audit.back().first, "service.in");
    EXPECT_TRUE(persisted.empty()); // what came from the store is not written back
}

// The staff desk's service view, filled from the service mode as the kiosk's StaffDesk does.
TEST_F(ServiceModeTest, FillsTheStaffDesksServiceView) {
    ServiceModeOptions options;
    options.opening_hours.weekly.push_back({0b0111110U, 9 * 60, 17 * 60});
    auto mode = make(options);
    ASSERT_TRUE(
        mode->set_out_of_service(kDuty, "consumables", {"缺纸", "Out of paper"}, "A4 tray empty").ok());
    mode->session_started();
    mode->request_maintenance(kDuty);
    auto state = mode->state();
    ui::ServiceView view{state.in_service,
                         to_string(state.reason),
                         state.detail,
                         state.notice,
                         static_cast<ui::ServiceView::Maintenance>(mode->maintenance()),
                         mode->opening_hours().describe()};
    EXPECT_FALSE(view.in_service);
    EXPECT_EQ(view.reason, "consumables");
    EXPECT_EQ(view.detail, "A4 tray empty");
    EXPECT_EQ(view.notice.en, "Out of paper");
    EXPECT_EQ(view.maintenance, ui::ServiceView::Maintenance::Pending);
    EXPECT_EQ(view.opening_hours.zh, "周一至周五 9:00–17:00");
    static_assert(static_cast<int>(Maintenance::Active) ==
                  static_cast<int>(ui::ServiceView::Maintenance::Active));
}

} // namespace
} // namespace kiosk::services
