#include "services/staff/mode/ServiceMode.h"

#include "core/base/Log.h"

#include <algorithm>
#include <array>
#include <utility>

namespace kiosk::services {
namespace {

constexpr std::array<std::pair<OutReason, const char*>, 7> kReasons{{
    {OutReason::Hardware, "hardware"},
    {OutReason::Consumables, "consumables"},
    {OutReason::Network, "network"},
    {OutReason::Maintenance, "maintenance"},
    {OutReason::OutOfHours, "out-of-hours"},
    {OutReason::Internal, "internal"},
    {OutReason::Staff, "staff"},
}};

// Staff are named by id and role, never by name.
std::string who(const domain::StaffMember& staff) {
    return "staff=" + staff.id + " role=" + domain::to_string(staff.role);
}

// Text typed by staff or read from the store, kept to one short line: cut at a character's start,
// never inside a UTF-8 sequence; control characters become spaces.
std::string one_line(std::string_view text, size_t limit = 200) {
    if (text.size() > limit) {
        while (limit > 0 && (static_cast<unsigned char>(text[limit]) & 0xC0) == 0x80)
            --limit;
        text = text.substr(0, limit);
    }
    std::string line;
    for (char c : text)
        line += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? ' ' : c;
    return line;
}

} // namespace

const char* to_string(OutReason reason) {
    for (const auto& [value, name] : kReasons)
        if (value == reason)
            return name;
    return "?";
}

std::optional<OutReason> parse_out_reason(std::string_view text) {
    for (const auto& [value, name] : kReasons)
        if (text == name)
            return value;
    return std::nullopt;
}

bool staff_may_set(OutReason reason) {
    return reason != OutReason::OutOfHours && reason != OutReason::Internal;
}

const char* to_string(Maintenance maintenance) {
    switch (maintenance) {
    case Maintenance::Inactive:
        return "inactive";
    case Maintenance::Pending:
        return "pending";
    case Maintenance::Active:
        return "active";
    }
    return "?";
}

ServiceMode::ServiceMode(ServiceModeOptions options, const Clock& clock, SelfTestInputs self_test,
                         Audit audit, Persist persist)
    : m_options(std::move(options)), m_clock(clock), m_inputs(std::move(self_test)),
      m_audit(std::move(audit)), m_persist(std::move(persist)), m_hours(m_options.opening_hours) {
    m_reported = state(); // what the kiosk starts with is not a change
}

void ServiceMode::audit(std::string_view kind, std::string_view detail) const {
    if (m_audit)
        m_audit(kind, detail);
}

// --- the citizen's session ---

void ServiceMode::session_started() {
    if (!can_start_session())
        log::warn("service mode: a session started while the kiosk does not take new ones");
    m_session = true;
}

void ServiceMode::session_ended() {
    m_session = false;
    if (m_maintenance == Maintenance::Pending)
        enter_active();
}

bool ServiceMode::can_start_session() const {
    return m_maintenance == Maintenance::Inactive && state().in_service;
}

// --- maintenance ---

void ServiceMode::enter_active() {
    m_maintenance = Maintenance::Active;
    m_since = m_clock.wall_now();
    m_last_activity = m_clock.now();
    audit("maintenance.entered", m_staff ? who(*m_staff) : "");
    refresh(m_staff ? who(*m_staff) : "maintenance");
}

Maintenance ServiceMode::request_maintenance(const domain::StaffMember& staff) {
    m_staff = staff;
    m_last_activity = m_clock.now();
    if (m_maintenance != Maintenance::Inactive) {
        audit("maintenance.requested", who(staff) + " already=" + to_string(m_maintenance));
        return m_maintenance;
    }
    audit("maintenance.requested", who(staff) + (m_session ? " session=under-way" : " session=none"));
    if (m_session) {
        m_maintenance = Maintenance::Pending;
        return m_maintenance;
    }
    enter_active();
    return m_maintenance;
}

Result<ServiceMode::ForceAnswer> ServiceMode::force(const domain::StaffMember& staff,
                                                    std::string_view reason) {
    if (!domain::allows(staff.role, domain::StaffAction::ForceMaintenance)) {
        audit("staff.refused", who(staff) + " action=force-maintenance");
        return make_error(ErrorCode::Denied, std::string("a ") + domain::to_string(staff.role) +
                                                 " may not force maintenance (hall IT and up)");
    }
    std::string line = one_line(reason);
    if (line.find_first_not_of(' ') == std::string::npos) {
        audit("staff.refused", who(staff) + " action=force-maintenance why=no-reason");
        return make_error(ErrorCode::InvalidArgument, "forcing maintenance needs a reason");
    }
    ForceAnswer answer{m_session};
    m_staff = staff;
    audit("maintenance.forced", who(staff) + " reason=" + line +
                                    (answer.interrupt_session ? " session=interrupted" : " session=none"));
    m_session = false; // the scene manager wipes it now
    if (m_maintenance != Maintenance::Active)
        enter_active();
    else
        m_last_activity = m_clock.now();
    return answer;
}

std::optional<SelfTestResult> ServiceMode::leave() {
    if (m_maintenance == Maintenance::Inactive)
        return std::nullopt;
    end_maintenance("maintenance.left");
    return m_last_test;
}

void ServiceMode::end_maintenance(std::string_view kind) {
    audit(kind, m_staff ? who(*m_staff) : "");
    std::string cause = m_staff ? who(*m_staff) : "maintenance";
    m_maintenance = Maintenance::Inactive;
    m_staff.reset();
    m_since.reset();
    apply_test(run_test(), cause);
}

void ServiceMode::note_activity() {
    m_last_activity = m_clock.now();
}

std::optional<std::chrono::milliseconds> ServiceMode::idle_left() const {
    if (m_maintenance != Maintenance::Active)
        return std::nullopt;
    auto left = m_options.staff_session_timeout - (m_clock.now() - m_last_activity);
    return std::max(std::chrono::milliseconds(0),
                    std::chrono::duration_cast<std::chrono::milliseconds>(left));
}

void ServiceMode::tick() {
    if (m_maintenance == Maintenance::Active &&
        m_clock.now() - m_last_activity >= m_options.staff_session_timeout)
        end_maintenance("maintenance.timeout");
    refresh("hours");
}

// --- the self-test ---

SelfTestResult ServiceMode::run_test() {
    DeviceStatuses statuses;
    if (m_inputs.statuses) {
        statuses = m_inputs.statuses();
    } else {
        for (size_t i = 0; i < statuses.size(); ++i)
            statuses[i] = {static_cast<domain::DeviceKind>(i), domain::DeviceState::Ready};
    }
    return run_self_test(statuses, m_inputs.catalog, m_inputs.withdrawn);
}

void ServiceMode::apply_test(const SelfTestResult& result, std::string_view cause) {
    m_last_test = result;
    audit(result.can_serve ? audit_kind::kSelfTestPassed : audit_kind::kSelfTestFailed,
          std::string(result.passed      ? "all ready"
                      : result.can_serve ? "serving with withdrawals"
                                         : "cannot serve") +
              ": " + result.detail());
    if (result.can_serve)
        m_test_out.reset();
    else
        m_test_out = Out{*parse_out_reason(result.out_reason()), result.detail(), {}};
    refresh(cause);
}

void ServiceMode::devices_changed() {
    if (!m_test_out || m_maintenance != Maintenance::Inactive)
        return;
    auto result = run_test();
    if (result.can_serve || result.detail() != m_test_out->detail)
        apply_test(result, "devices");
}

// --- the state staff set ---

Result<void> ServiceMode::set_out_of_service(const domain::StaffMember& staff, std::string_view reason,
                                             const LocalizedText& notice, std::string_view detail) {
    if (!domain::allows(staff.role, domain::StaffAction::SetServiceState)) {
        audit("staff.refused", who(staff) + " action=set-service-state");
        return make_error(ErrorCode::Denied, "this role may not take the kiosk out of service");
    }
    auto parsed = parse_out_reason(reason);
    if (!parsed || !staff_may_set(*parsed)) {
        audit("staff.refused", who(staff) + " action=set-service-state why=bad-reason");
        std::string why = "'"; // appended, not "'" + std::string&&: GCC 12 -O3 sees a false memcpy overlap
        why += one_line(reason, 40);
        why += "' is not a reason staff may set (hardware, consumables, network, maintenance, staff)";
        return make_error(ErrorCode::InvalidArgument, why);
    }
    m_staff_out = Out{*parsed, one_line(detail), notice};
    if (m_persist) {
        store::StoredServiceState stored{false,  to_string(*parsed), m_staff_out->detail,
                                         notice, staff.id,           domain::to_string(staff.role)};
        m_persist(stored);
    }
    refresh(who(staff));
    return {};
}

Result<SelfTestResult> ServiceMode::set_in_service(const domain::StaffMember& staff) {
    if (!domain::allows(staff.role, domain::StaffAction::SetServiceState)) {
        audit("staff.refused", who(staff) + " action=set-service-state");
        return make_error(ErrorCode::Denied, "this role may not put the kiosk back in service");
    }
    m_staff_out.reset();
    if (m_persist) {
        store::StoredServiceState stored;
        stored.staff_id = staff.id;
        stored.staff_role = domain::to_string(staff.role);
        m_persist(stored);
    }
    apply_test(run_test(), who(staff));
    return *m_last_test;
}

void ServiceMode::apply_stored(const store::StoredServiceState& stored) {
    if (stored.revision == m_seen_revision)
        return;
    m_seen_revision = stored.revision;
    std::string cause =
        "store staff=" + stored.staff_id + (stored.staff_role.empty() ? "" : " role=" + stored.staff_role);
    if (stored.in_service) {
        if (!m_staff_out)
            return; // the kiosk's own write, or nothing ever set
        m_staff_out.reset();
        apply_test(run_test(), cause);
        return;
    }
    auto reason = parse_out_reason(stored.reason);
    if (!reason || !staff_may_set(*reason)) {
        // The table's CHECK allows only staff's reasons; a row that still has another is not ours to trust.
        log::warn("service mode: stored service state has an unknown reason; taken as 'staff'");
        reason = OutReason::Staff;
    }
    // The kiosk's own write read back changes nothing, so refresh() audits nothing.
    // Another program wrote the row: detail and notice as one bounded line each.
    m_staff_out =
        Out{*reason, one_line(stored.detail), {one_line(stored.notice.zh), one_line(stored.notice.en)}};
    refresh(cause);
}

// --- what the kiosk decides itself ---

void ServiceMode::set_internal_fault(std::string detail) {
    if (detail.empty())
        m_internal.reset();
    else
        m_internal = std::move(detail);
    refresh("internal");
}

// --- the effective state ---

ServiceState ServiceMode::state() const {
    if (m_internal)
        return {false, OutReason::Internal, *m_internal, {}};
    if (m_maintenance == Maintenance::Active)
        return {false, OutReason::Maintenance, m_staff ? "staff " + m_staff->id : "", {}};
    if (m_staff_out)
        return {false, m_staff_out->reason, m_staff_out->detail, m_staff_out->notice};
    if (m_test_out)
        return {false, m_test_out->reason, m_test_out->detail, {}};
    if (!m_hours.is_open(m_clock.wall_now()))
        return {false, OutReason::OutOfHours, "", {}};
    return {};
}

AttractMessage ServiceMode::attract_message() const {
    if (m_maintenance != Maintenance::Inactive)
        return {"service.maintenance", {}, {}};
    ServiceState current = state();
    if (current.in_service)
        return {};
    if (current.reason == OutReason::OutOfHours)
        return {"service.out_of_hours", m_hours.describe(), {}};
    return {"service.out_of_service", {}, current.notice};
}

void ServiceMode::refresh(std::string_view cause) {
    ServiceState current = state();
    if (current == m_reported)
        return;
    m_reported = current;
    if (current.in_service)
        audit(audit_kind::kServiceIn, cause);
    else
        audit(audit_kind::kServiceOut, std::string("reason=") + to_string(current.reason) +
                                           (current.detail.empty() ? "" : " detail=" + current.detail) +
                                           " by " + std::string(cause));
}

} // namespace kiosk::services
