#pragma once
// A citizen's progress: GET /v1/status/{query_token}, or GET /v1/applications/{number}/status?token=
// (both must match; a wrong token answers exactly as an unknown number, 404 not-found). The citizen's
// view of each work item leaves out staff names and internal ids.

#include "core/base/Result.h"
#include "core/protocol/Values.h"
#include "core/protocol/WorkItems.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::protocol {

struct MatterStatus {
    std::string matter_id, department_id;
    WorkItemState state = WorkItemState::Pending;
    std::string promised_date; // YYYY-MM-DD
    bool overdue = false;
    std::optional<std::string> decided_at, reason, certificate_id;
};

struct ApplicationStatus {
    std::string application_number;
    std::string submitted_at; // UTC time
    std::optional<std::string> package_id;
    OverallStatus status = OverallStatus::InProgress;
    std::vector<MatterStatus> matters;
};

// The citizen's view of a work item: no officer, no work item id, number or reception time.
MatterStatus matter_status_of(const WorkItem& item);
// See OverallStatus (Values.h).
OverallStatus overall_status(const std::vector<MatterStatus>& matters);

nlohmann::json to_json(const ApplicationStatus& status);
// An answer (other keys ignored): InvalidData naming the field.
Result<ApplicationStatus> parse_application_status(const nlohmann::json& json);

} // namespace kiosk::protocol
