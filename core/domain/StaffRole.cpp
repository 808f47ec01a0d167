#include "core/domain/StaffRole.h"

namespace kiosk::domain {

const char* to_string(StaffRole role) {
    switch (role) {
    case StaffRole::DutyStaff:
        return "duty";
    case StaffRole::HallIt:
        return "hall-it";
    case StaffRole::Engineer:
        return "engineer";
    }
    return "?";
}

std::optional<StaffRole> parse_staff_role(std::string_view text) {
    for (StaffRole role : {StaffRole::DutyStaff, StaffRole::HallIt, StaffRole::Engineer}) {
        if (text == to_string(role))
            return role;
    }
    return std::nullopt;
}

const char* to_string(StaffAction action) {
    switch (action) {
    case StaffAction::ViewPanel:
        return "view-panel";
    case StaffAction::ReplaceConsumable:
        return "replace-consumable";
    case StaffAction::TestPrint:
        return "test-print";
    case StaffAction::SetServiceState:
        return "set-service-state";
    case StaffAction::AuthoriseReprint:
        return "authorise-reprint";
    case StaffAction::TestDevices:
        return "test-devices";
    case StaffAction::RestartApp:
        return "restart-app";
    case StaffAction::ViewLogs:
        return "view-logs";
    case StaffAction::OutboxActions:
        return "outbox-actions";
    case StaffAction::ForceMaintenance:
        return "force-maintenance";
    case StaffAction::ChangeSettings:
        return "change-settings";
    case StaffAction::InstallUpdates:
        return "install-updates";
    }
    return "?";
}

StaffRole minimum_role(StaffAction action) {
    switch (action) {
    case StaffAction::ViewPanel:
    case StaffAction::ReplaceConsumable:
    case StaffAction::TestPrint:
    case StaffAction::SetServiceState:
    case StaffAction::AuthoriseReprint:
        return StaffRole::DutyStaff;
    case StaffAction::TestDevices:
    case StaffAction::RestartApp:
    case StaffAction::ViewLogs:
    case StaffAction::OutboxActions:
    case StaffAction::ForceMaintenance:
        return StaffRole::HallIt;
    case StaffAction::ChangeSettings:
    case StaffAction::InstallUpdates:
        return StaffRole::Engineer;
    }
    return StaffRole::Engineer; // an action this switch does not know is the engineer's
}

} // namespace kiosk::domain
