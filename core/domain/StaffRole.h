#pragma once
// Hall staff at the kiosk (docs/Maintenance.md): who may do what in maintenance mode. Three roles, each
// allowed all the one below may do, after the access levels of the kiosk standards (XFS4IoT basic /
// intermediate / full): duty staff keep paper in and the kiosk serving; hall IT test devices, restart,
// read logs and act on the outbox; the vendor's engineer changes settings and installs updates.

#include <optional>
#include <string>
#include <string_view>

namespace kiosk::domain {

enum class StaffRole {
    DutyStaff, // 值班员
    HallIt,    // 大厅信息技术人员
    Engineer,  // 厂商工程师
};
// "duty", "hall-it", "engineer": the words of badges, config and the audit log.
const char* to_string(StaffRole role);
std::optional<StaffRole> parse_staff_role(std::string_view text);

enum class StaffAction {
    ViewPanel,         // device panel, consumables, service state, about
    ReplaceConsumable, // "replaced / refilled": resets a consumable's counter
    TestPrint,         // receipt and A4 test pages
    SetServiceState,   // out of service / back in service, with a reason and a notice
    AuthoriseReprint,  // a second copy of an accountable print
    TestDevices,       // scan a page, read a card (masked), scan a QR code
    RestartApp,
    ViewLogs,         // the audit log
    OutboxActions,    // send now, retry or discard a refused application
    ForceMaintenance, // interrupt a citizen's session (with a reason)
    ChangeSettings,
    InstallUpdates,
};
const char* to_string(StaffAction action); // "view-panel", "replace-consumable", ...

// The least role that may take the action.
StaffRole minimum_role(StaffAction action);
inline bool allows(StaffRole role, StaffAction action) {
    return static_cast<int>(role) >= static_cast<int>(minimum_role(action));
}

// Who is at the kiosk in maintenance mode: the id names them in the audit log (never a citizen's data).
struct StaffMember {
    std::string id;   // "S1024": the hall's staff number
    std::string name; // shown on the staff screens only; not written to logs
    StaffRole role = StaffRole::DutyStaff;
    bool operator==(const StaffMember&) const = default;
};

} // namespace kiosk::domain
