#include "core/protocol/Status.h"
#include "core/protocol/FieldReader.h"

#include <algorithm>

namespace kiosk::protocol {
namespace {

using json = nlohmann::json;

json optional_json(const std::optional<std::string>& value) {
    return value ? json(*value) : json(nullptr);
}

} // namespace

MatterStatus matter_status_of(const WorkItem& item) {
    return {item.matter_id, item.department_id, item.state,  item.promised_date,
            item.overdue,   item.decided_at,    item.reason, item.certificate_id};
}

OverallStatus overall_status(const std::vector<MatterStatus>& matters) {
    auto any = [&](WorkItemState state) {
        return std::any_of(matters.begin(), matters.end(),
                           [&](const auto& matter) { return matter.state == state; });
    };
    if (any(WorkItemState::MoreRequested))
        return OverallStatus::MoreRequested;
    if (any(WorkItemState::Pending))
        return OverallStatus::InProgress;
    if (any(WorkItemState::Rejected))
        return OverallStatus::Rejected;
    return OverallStatus::Completed;
}

json to_json(const ApplicationStatus& status) {
    json matters = json::array();
    for (const auto& matter : status.matters)
        matters.push_back({{"matter_id", matter.matter_id},
                           {"department_id", matter.department_id},
                           {"state", to_string(matter.state)},
                           {"promised_date", matter.promised_date},
                           {"overdue", matter.overdue},
                           {"decided_at", optional_json(matter.decided_at)},
                           {"reason", optional_json(matter.reason)},
                           {"certificate_id", optional_json(matter.certificate_id)}});
    return {{"application_number", status.application_number},
            {"submitted_at", status.submitted_at},
            {"package_id", optional_json(status.package_id)},
            {"status", to_string(status.status)},
            {"matters", matters}};
}

Result<ApplicationStatus> parse_application_status(const json& json) {
    std::optional<Error> error;
    FieldReader top(json, "", {}, error, FieldReader::OtherKeys::Ignore);
    ApplicationStatus status;
    status.application_number = top.text("application_number", kMaxIdBytes);
    status.submitted_at = top.time("submitted_at");
    status.package_id = top.nullable_text("package_id", kMaxIdBytes);
    status.status = top.choice("status", parse_overall_status, spellings(kOverallStatuses));
    if (auto* matters = top.array("matters"))
        for (size_t i = 0; i < matters->size() && top.ok(); ++i) {
            FieldReader reader((*matters)[i], element_path("matters", i), {}, error,
                               FieldReader::OtherKeys::Ignore);
            MatterStatus matter;
            matter.matter_id = reader.text("matter_id", kMaxIdBytes);
            matter.department_id = reader.text("department_id", kMaxIdBytes);
            matter.state = reader.choice("state", parse_work_item_state, spellings(kWorkItemStates));
            matter.promised_date = reader.date("promised_date");
            matter.overdue = reader.boolean("overdue");
            matter.decided_at = reader.nullable_time("decided_at");
            matter.reason = reader.nullable_text("reason", kMaxReasonBytes);
            matter.certificate_id = reader.nullable_text("certificate_id", kMaxIdBytes);
            status.matters.push_back(std::move(matter));
        }
    return read_result(std::move(status), error);
}

} // namespace kiosk::protocol
