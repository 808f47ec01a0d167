#pragma once
// A department's side: its queue (GET /v1/departments/{id}/work-items), one work item with the
// application behind it (GET /v1/work-items/{id}) and its decision (POST …/decision), answered with
// the updated work item. A rejection or a request for more needs a reason (422 reason-required).

#include "core/base/Result.h"
#include "core/protocol/Applications.h"
#include "core/protocol/Errors.h"
#include "core/protocol/Values.h"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::protocol {

inline constexpr size_t kMaxReasonBytes = 1000; // shown to the citizen
inline constexpr size_t kMaxOfficerBytes = 100;

struct WorkItem {
    std::string work_item_id; // "<application number>-<n>"
    std::string application_number;
    std::string matter_id, department_id;
    WorkItemState state = WorkItemState::Pending;
    std::string promised_date; // YYYY-MM-DD
    bool overdue = false;      // still pending after promised_date (Asia/Shanghai)
    std::string received_at;   // UTC time
    std::optional<std::string> decided_at, reason, officer, certificate_id;
};

struct WorkItemList {
    std::vector<WorkItem> work_items; // by promised date
};

// What a department sees of the application behind a work item.
struct ApplicationView {
    std::string application_number, submitted_at, kiosk_id;
    std::optional<std::string> package_id;
    std::vector<std::string> matter_ids;
    Applicant applicant;
    std::map<std::string, std::string> form;
    std::vector<MaterialRef> materials;
};

// The work item's fields and "application".
struct WorkItemDetail {
    WorkItem item;
    ApplicationView application;
};

struct DecisionRequest {
    DecisionKind decision = DecisionKind::Approve;
    std::optional<std::string> reason; // written only when there is one
    std::string officer;
};

nlohmann::json to_json(const WorkItem& item);
nlohmann::json to_json(const WorkItemList& list);
nlohmann::json to_json(const WorkItemDetail& detail);
nlohmann::json to_json(const DecisionRequest& request);

// Answers (other keys ignored) and the decision request (strictly): InvalidData naming the field.
Result<WorkItem> parse_work_item(const nlohmann::json& json);
Result<WorkItemList> parse_work_item_list(const nlohmann::json& json);
Result<WorkItemDetail> parse_work_item_detail(const nlohmann::json& json);
Result<DecisionRequest> parse_decision_request(const nlohmann::json& json);

// 422 reason-required for a rejection or a request for more without a reason.
std::optional<Refusal> check_decision(const DecisionRequest& request);

} // namespace kiosk::protocol
