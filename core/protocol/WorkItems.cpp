#include "core/protocol/WorkItems.h"
#include "core/protocol/FieldReader.h"

namespace kiosk::protocol {
namespace {

using json = nlohmann::json;

json optional_json(const std::optional<std::string>& value) {
    return value ? json(*value) : json(nullptr);
}

WorkItem read_work_item(FieldReader& reader) {
    WorkItem item;
    item.work_item_id = reader.text("work_item_id", kMaxIdBytes);
    item.application_number = reader.text("application_number", kMaxIdBytes);
    item.matter_id = reader.text("matter_id", kMaxIdBytes);
    item.department_id = reader.text("department_id", kMaxIdBytes);
    item.state = reader.choice("state", parse_work_item_state, spellings(kWorkItemStates));
    item.promised_date = reader.date("promised_date");
    item.overdue = reader.boolean("overdue");
    item.received_at = reader.time("received_at");
    item.decided_at = reader.nullable_time("decided_at");
    item.reason = reader.nullable_text("reason", kMaxReasonBytes);
    item.officer = reader.nullable_text("officer", kMaxOfficerBytes);
    item.certificate_id = reader.nullable_text("certificate_id", kMaxIdBytes);
    return item;
}

// The part read, unless a problem was met before or in it.
template <typename T>
void keep(Result<T> part, T& out, std::optional<Error>& error) {
    if (error)
        return;
    if (part.ok())
        out = part.release_value();
    else
        error = part.error();
}

ApplicationView read_application_view(const json& node, std::optional<Error>& error) {
    FieldReader reader(node, "application", {}, error, FieldReader::OtherKeys::Ignore);
    ApplicationView view;
    view.application_number = reader.text("application_number", kMaxIdBytes);
    view.submitted_at = reader.time("submitted_at");
    view.kiosk_id = reader.text("kiosk_id", kMaxIdBytes);
    view.package_id = reader.nullable_text("package_id", kMaxIdBytes);
    if (auto* matters = reader.array("matter_ids")) {
        for (const auto& matter : *matters) {
            if (matter.is_string())
                view.matter_ids.push_back(matter.get<std::string>());
            else
                reader.fail("matter_ids", "expected strings");
        }
    }
    if (auto* applicant = reader.object("applicant"))
        keep(parse_applicant(*applicant, "application.applicant"), view.applicant, error);
    if (auto* form = reader.object("form"))
        keep(parse_form(*form, "application.form"), view.form, error);
    if (auto* materials = reader.array("materials"))
        for (size_t i = 0; i < materials->size() && !error; ++i) {
            MaterialRef material;
            keep(parse_material((*materials)[i], element_path("application.materials", i)), material, error);
            view.materials.push_back(std::move(material));
        }
    return view;
}

} // namespace

json to_json(const WorkItem& item) {
    return {{"work_item_id", item.work_item_id},
            {"application_number", item.application_number},
            {"matter_id", item.matter_id},
            {"department_id", item.department_id},
            {"state", to_string(item.state)},
            {"promised_date", item.promised_date},
            {"overdue", item.overdue},
            {"received_at", item.received_at},
            {"decided_at", optional_json(item.decided_at)},
            {"reason", optional_json(item.reason)},
            {"officer", optional_json(item.officer)},
            {"certificate_id", optional_json(item.certificate_id)}};
}

json to_json(const WorkItemList& list) {
    json items = json::array();
    for (const auto& item : list.work_items)
        items.push_back(to_json(item));
    return {{"work_items", items}};
}

json to_json(const WorkItemDetail& detail) {
    const auto& view = detail.application;
    json materials = json::array();
    for (const auto& material : view.materials)
        materials.push_back(to_json(material));
    json body = to_json(detail.item);
    body["application"] = {{"application_number", view.application_number},
                           {"submitted_at", view.submitted_at},
                           {"kiosk_id", view.kiosk_id},
                           {"package_id", optional_json(view.package_id)},
                           {"matter_ids", view.matter_ids},
                           {"applicant", to_json(view.applicant)},
                           {"form", view.form},
                           {"materials", materials}};
    return body;
}

json to_json(const DecisionRequest& request) {
    json body = {{"decision", to_string(request.decision)}, {"officer", request.officer}};
    if (request.reason)
        body["reason"] = *request.reason;
    return body;
}

Result<WorkItem> parse_work_item(const json& json) {
    std::optional<Error> error;
    FieldReader reader(json, "", {}, error, FieldReader::OtherKeys::Ignore);
    WorkItem item = read_work_item(reader);
    return read_result(std::move(item), error);
}

Result<WorkItemList> parse_work_item_list(const json& json) {
    std::optional<Error> error;
    FieldReader top(json, "", {}, error, FieldReader::OtherKeys::Ignore);
    WorkItemList list;
    if (auto* items = top.array("work_items"))
        for (size_t i = 0; i < items->size() && top.ok(); ++i) {
            FieldReader reader((*items)[i], element_path("work_items", i), {}, error,
                               FieldReader::OtherKeys::Ignore);
            list.work_items.push_back(read_work_item(reader));
        }
    return read_result(std::move(list), error);
}

Result<WorkItemDetail> parse_work_item_detail(const json& json) {
    std::optional<Error> error;
    FieldReader reader(json, "", {}, error, FieldReader::OtherKeys::Ignore);
    WorkItemDetail detail;
    detail.item = read_work_item(reader);
    if (auto* application = reader.object("application"))
        detail.application = read_application_view(*application, error);
    return read_result(std::move(detail), error);
}

Result<DecisionRequest> parse_decision_request(const json& json) {
    std::optional<Error> error;
    FieldReader reader(json, "", {"decision", "reason", "officer"}, error);
    DecisionRequest request;
    request.decision = reader.choice("decision", parse_decision_kind, spellings(kDecisionKinds));
    request.reason = reader.optional_text("reason", kMaxReasonBytes);
    request.officer = reader.text("officer", kMaxOfficerBytes);
    return read_result(std::move(request), error);
}

std::optional<Refusal> check_decision(const DecisionRequest& request) {
    if (request.decision != DecisionKind::Approve && !request.reason)
        return Refusal{kReasonRequired, "a rejection or a request for more needs a reason"};
    return std::nullopt;
}

} // namespace kiosk::protocol
