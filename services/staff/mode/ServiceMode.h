#pragma once
// When the kiosk serves citizens (docs/Maintenance.md "Service state and the maintenance hand-off"):
// one object owning
//   - the service state, CUSS style: in service, or out of service with one reason keyword, a detail
//     for staff and an optional notice for the attract screen;
//   - the maintenance hand-off, after XFS4IoT's vendor mode: staff ask, and while a citizen's session
//     is under way the kiosk is only "pending" (that citizen finishes or times out, nobody new starts);
//     then "active"; leaving runs the self-test, and the kiosk serves again only when the devices every
//     application needs are ready. Only a force (hall IT and up, with a reason) interrupts a citizen;
//   - the staff session's timeout, and the hall's opening hours.
//
// Pure logic on the UI thread with an injected clock: the scene manager tells it when a citizen's
// session starts and ends and calls tick() about once a second; the staff desk calls the staff side.
// Every change is reported to the audit callback as (kind, detail), staff named by id and role only:
// "maintenance.requested", "maintenance.entered", "maintenance.forced", "maintenance.left",
// "maintenance.timeout", "service.out", "service.in", "selftest.passed", "selftest.failed",
// "staff.refused".
//
// ui::ServiceView (ui/scenes/staff/StaffDesk.h) is filled from state() (in_service, reason as to_string,
// detail, notice), maintenance() and opening_hours().describe().

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/base/LocalizedText.h"
#include "core/base/Result.h"
#include "core/domain/StaffRole.h"
#include "core/store/ServiceStateStore.h"
#include "services/staff/mode/OpeningHours.h"
#include "services/staff/mode/SelfTest.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::services {

enum class OutReason {
    Hardware,    // a device every application needs is faulted or absent
    Consumables, // paper or toner out on a needed printer
    Network,     // set by staff: the hall's network is down
    Maintenance, // staff are at the kiosk (maintenance active)
    OutOfHours,  // the hall is closed (hall.opening_hours)
    Internal,    // catalog, templates, keys or store do not load (the detail says which)
    Staff,       // taken out by staff
};
const char* to_string(OutReason reason); // "hardware", …, "out-of-hours", "internal", "staff"
std::optional<OutReason> parse_out_reason(std::string_view text);
// The reasons staff may set by hand (at the kiosk or with kiosk-devctl): hardware, consumables,
// network, maintenance, staff. The others the kiosk decides itself.
bool staff_may_set(OutReason reason);

struct ServiceState {
    bool in_service = true;
    OutReason reason = OutReason::Staff; // meaningful when out of service
    std::string detail;                  // for staff; no personal data
    LocalizedText notice;                // for the attract screen; may be empty
    bool operator==(const ServiceState&) const = default;
};

// Audit kinds of the service state that kiosk-devctl writes too.
namespace audit_kind {
inline constexpr const char* kServiceOut = "service.out";
inline constexpr const char* kServiceIn = "service.in";
inline constexpr const char* kSelfTestPassed = "selftest.passed";
inline constexpr const char* kSelfTestFailed = "selftest.failed";
} // namespace audit_kind

enum class Maintenance { Inactive, Pending, Active };
const char* to_string(Maintenance maintenance); // "inactive", "pending", "active"

// What the attract screen says instead of inviting citizens.
struct AttractMessage {
    // "" : invite as usual; "service.maintenance" (维护中，请到其他自助终端办理); "service.out_of_hours"
    // (with the hours); "service.out_of_service" (with the notice, when staff gave one).
    std::string key;
    LocalizedText hours;  // service.out_of_hours: OpeningHours::describe(), its {hours} placeholder
    LocalizedText notice; // service.out_of_service: staff's notice; may be empty
};

struct ServiceModeOptions {
    // Staff inactivity that ends maintenance as if they left (staff.session_timeout_s once the staff
    // config section exists).
    std::chrono::seconds staff_session_timeout{45};
    OpeningHoursOptions opening_hours; // hall.opening_hours, hall.closed_dates
};

// What the self-test reads: the devices' latest statuses (DeviceHub), the catalog, and whether a
// printer's consumable is out by the kiosk's count. statuses may be empty: then every device counts
// as ready (for tests of the hand-off alone).
struct SelfTestInputs {
    std::function<DeviceStatuses()> statuses;
    const domain::Catalog* catalog = nullptr;
    PrinterWithdrawn withdrawn;
};

class ServiceMode {
public:
    using Audit = std::function<void(std::string_view kind, std::string_view detail)>;
    // Called when staff change the service state at the kiosk, to write it to the store (on the store
    // worker); may be empty.
    using Persist = std::function<void(const store::StoredServiceState& state)>;

    ServiceMode(ServiceModeOptions options, const Clock& clock, SelfTestInputs self_test, Audit audit,
                Persist persist = {});

    // --- the citizen's session (the scene manager) ---
    // A session began (a citizen identified or started an application); an ended one, however it
    // ended (finished, timed out, wiped). While maintenance is pending, its end makes it active.
    void session_started();
    void session_ended();
    bool session_under_way() const { return m_session; }
    // False while out of service (any reason, out of hours included) or maintenance is pending/active.
    bool can_start_session() const;

    // --- maintenance (the staff desk) ---
    // Any signed-in staff member: Active at once when no session runs, else Pending.
    Maintenance request_maintenance(const domain::StaffMember& staff);
    struct ForceAnswer {
        bool interrupt_session = false; // a citizen's session must be wiped now, as at any end
    };
    // Enters maintenance at once. Hall IT and up (StaffAction::ForceMaintenance) with a non-empty
    // reason; otherwise Denied / InvalidArgument, audited as "staff.refused", nothing changed.
    Result<ForceAnswer> force(const domain::StaffMember& staff, std::string_view reason);
    // Staff leave (or give up waiting while pending): runs the self-test; in service again only when it
    // says the kiosk can serve, else out of service with its reason and the failing devices in the
    // detail. Nothing when maintenance is not pending or active.
    std::optional<SelfTestResult> leave();
    // A touch on a staff screen.
    void note_activity();
    // While maintenance is active: how long until the staff session times out without a touch (0 once
    // it is due; the next tick ends it). Nothing while inactive or pending.
    std::optional<std::chrono::milliseconds> idle_left() const;
    std::chrono::milliseconds staff_session_timeout() const { return m_options.staff_session_timeout; }
    // About once a second: the staff session timeout (while active: ends as leave(), audited as
    // "maintenance.timeout") and the opening hours (a change is audited as service.out / service.in).
    void tick();

    Maintenance maintenance() const { return m_maintenance; }
    const std::optional<domain::StaffMember>& staff() const { return m_staff; }
    std::optional<WallTime> maintenance_since() const { return m_since; }

    // --- the service state staff set (StaffAction::SetServiceState) ---
    // Out of service with a reason staff may set (staff_may_set) and an optional notice; persisted.
    Result<void> set_out_of_service(const domain::StaffMember& staff, std::string_view reason,
                                    const LocalizedText& notice, std::string_view detail = {});
    // Back in service as far as staff are concerned; runs the self-test, whose verdict still applies.
    Result<SelfTestResult> set_in_service(const domain::StaffMember& staff);
    // The row of the store (at start, then each time the kiosk re-reads it): a change another program
    // made (kiosk-devctl service out/in) is applied and audited; the same content is ignored.
    void apply_stored(const store::StoredServiceState& stored);

    // --- what the kiosk decides itself ---
    // Catalog, templates, keys or store did not load: out of service, "internal", with the word as
    // detail ("catalog"). Empty clears it.
    void set_internal_fault(std::string detail);
    // A device's status changed: when the last self-test keeps the kiosk out of service, test again
    // (so a refilled printer brings it back without another visit of staff).
    void devices_changed();

    ServiceState state() const;
    AttractMessage attract_message() const;
    const OpeningHours& opening_hours() const { return m_hours; }
    const std::optional<SelfTestResult>& last_self_test() const { return m_last_test; }

private:
    struct Out {
        OutReason reason = OutReason::Staff;
        std::string detail;
        LocalizedText notice;
        bool operator==(const Out&) const = default;
    };

    SelfTestResult run_test();
    void apply_test(const SelfTestResult& result, std::string_view cause);
    void end_maintenance(std::string_view kind);
    void enter_active();
    // Audits service.out / service.in when the effective state changed.
    void refresh(std::string_view cause);
    void audit(std::string_view kind, std::string_view detail) const;

    ServiceModeOptions m_options;
    const Clock& m_clock;
    SelfTestInputs m_inputs;
    Audit m_audit;
    Persist m_persist;
    OpeningHours m_hours;

    bool m_session = false;
    Maintenance m_maintenance = Maintenance::Inactive;
    std::optional<domain::StaffMember> m_staff;
    std::optional<WallTime> m_since;
    SteadyTime m_last_activity{};

    std::optional<std::string> m_internal;
    std::optional<Out> m_staff_out; // set by staff (persisted)
    std::optional<Out> m_test_out;  // the last self-test's verdict
    std::optional<SelfTestResult> m_last_test;
    std::int64_t m_seen_revision = -1;
    ServiceState m_reported; // the state last audited
};

} // namespace kiosk::services
