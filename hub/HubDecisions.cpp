// HubService: department queues and decisions, and the certificates an approval issues.
#include "hub/Digest.h"
#include "hub/HubService.h"
#include "hub/StrictJson.h"
#include "kiosk/base/Log.h"
#include "kiosk/domain/IdNumber.h"
#include "kiosk/services/print/RenderPdf.h"
#include "kiosk/store/UtcTimestamp.h"

#include <filesystem>

namespace kiosk::hub {
namespace {

using json = nlohmann::json;

const char* decision_state(const std::string& decision) {
    if (decision == "approve")
        return "approved";
    if (decision == "reject")
        return "rejected";
    if (decision == "request_more")
        return "more_requested";
    return nullptr;
}

} // namespace

// --- certificates --------------------------------------------------------------------------------

Reply HubService::search_certificates(const Caller& caller, const std::string& body) {
    if (auto refused = only_kiosks(caller))
        return *refused;
    if (auto refused = json_body_too_large(body))
        return *refused;
    json request;
    std::optional<Reply> problem = parse_json_object(body, request);
    StrictReader reader(request, "", {"id_number"}, problem);
    std::string id_number = reader.string("id_number", 32);
    if (problem)
        return *problem;
    auto found = m_store.find_certificates(id_number_key(id_number));
    if (!found.ok())
        return internal_error(found.error());
    json certificates = json::array();
    for (const auto& certificate : found.value())
        certificates.push_back({{"certificate_id", certificate.id},
                                {"application_number", certificate.application_number},
                                {"matter_id", certificate.matter_id},
                                {"title", certificate.title},
                                {"issued_at", certificate.issued_at}});
    return json_reply(200, {{"certificates", certificates}});
}

Reply HubService::download_certificate(const Caller& caller, const std::string& certificate_id,
                                       const std::string& body) {
    if (auto refused = only_kiosks(caller))
        return *refused;
    if (auto refused = json_body_too_large(body))
        return *refused;
    json request;
    std::optional<Reply> problem = parse_json_object(body, request);
    StrictReader reader(request, "", {"id_number"}, problem);
    std::string id_number = reader.string("id_number", 32);
    if (problem)
        return *problem;
    auto found = m_store.find_certificate(certificate_id);
    if (!found.ok())
        return internal_error(found.error());
    if (!found.value() || found.value()->id_number_key != id_number_key(id_number))
        return error_reply(404, "not-found", "no such certificate for this ID number");
    auto pdf = read_file(m_options.data_dir + "/" + found.value()->pdf_path);
    if (!pdf.ok())
        return internal_error(pdf.error());
    Reply reply;
    reply.bytes = pdf.release_value();
    reply.content_type = "application/pdf";
    return reply;
}

Result<CertificateRecord> HubService::issue_certificate(const WorkItemRecord& item,
                                                        const std::string& decided_at) {
    const auto* matter = m_catalog.find_matter(item.matter_id);
    const auto* department = m_catalog.find_department(item.department_id);
    auto application = TRY(m_store.find_application(item.application_id));
    if (!matter || !department || !application)
        return make_error(ErrorCode::Internal, "work item " + item.id + " names what the catalog lacks");
    json request = json::parse(application->request_json);
    const json& applicant = request["applicant"];
    std::string id_number = applicant.value("id_number", "");
    std::string today_iso = today();

    // What data/templates/certificate.json reads; the sex and birth date come from a resident ID number.
    std::string sex = "—", period_from = application->submitted_at.substr(0, 10);
    if (applicant.value("id_type", "") == "resident_id") {
        if (auto number = domain::check_id_number(id_number, shanghai_date(m_clock.wall_now()));
            number.ok()) {
            sex = number.value().sex == 'M' ? "男" : "女";
            period_from = number.value().birth_date.iso();
        }
    }
    CertificateRecord certificate;
    certificate.id = "C-" + item.id;
    certificate.application_number = item.application_number;
    certificate.work_item_id = item.id;
    certificate.matter_id = item.matter_id;
    certificate.title = matter->name.zh;
    certificate.id_number_key = id_number_key(id_number);
    // A name of its own per rendering: two officers racing on one item never touch each other's file.
    certificate.pdf_path = "certificates/" + certificate.id + "-" + random_hex(4) + ".pdf";
    certificate.issued_at = decided_at;
    json data = {
        {"certificate",
         {{"number", certificate.id},
          {"issued_on", today_iso},
          {"valid_until", add_days(shanghai_date(m_clock.wall_now()), 90).iso()},
          {"verify_url", m_options.verify_base_url + "/" + certificate.id}}},
        {"matter", {{"name", matter->name.zh}, {"name_en", matter->name.en}}},
        {"application",
         {{"number", item.application_number},
          {"purpose", request["form"].value("purpose", std::string("—"))}}},
        {"holder", {{"name", applicant.value("name", "")}, {"sex", sex}, {"id_number", id_number}}},
        {"period", {{"from", period_from}, {"to", today_iso}}},
        {"department",
         {{"name", department->name.zh}, {"seal_name", department->name.zh}, {"seal_line", "证明专用章"}}},
    };
    // The catalog names a template per matter; until a hall ships one under that name, the generic
    // certificate template stands in (README: "Certificates").
    const print::Template* document = m_templates.find(matter->certificate_template);
    if (!document)
        document = m_templates.find("certificate");
    if (!document)
        return make_error(ErrorCode::NotFound, "no certificate template " + matter->certificate_template);
    auto pdf = TRY(print::render_pdf(*document, data));
    TRY(write_durably(m_options.data_dir + "/tmp", m_options.data_dir + "/" + certificate.pdf_path,
                      std::string_view(reinterpret_cast<const char*>(pdf.data()), pdf.size())));
    return certificate;
}

// --- departments ---------------------------------------------------------------------------------

std::optional<Reply> HubService::may_decide(const Caller& caller, const std::string& department_id) const {
    if (caller.kind == Caller::Kind::Admin)
        return std::nullopt;
    if (caller.kind == Caller::Kind::Department && caller.id == department_id)
        return std::nullopt;
    return error_reply(403, "forbidden", "only department " + department_id + " or an admin may do this");
}

Reply HubService::list_work_items(const Caller& caller, const std::string& department_id,
                                  const std::string& state) {
    if (auto refused = may_decide(caller, department_id))
        return *refused;
    if (!m_catalog.find_department(department_id))
        return error_reply(404, "not-found", "no department " + department_id);
    if (!state.empty() && state != "pending" && state != "approved" && state != "rejected" &&
        state != "more_requested")
        return error_reply(400, "invalid-field",
                           "state: expected pending, approved, rejected or more_requested");
    auto items = m_store.list_work_items(department_id, state);
    if (!items.ok())
        return internal_error(items.error());
    json list = json::array();
    for (const auto& item : items.value())
        list.push_back(work_item_json(item));
    return json_reply(200, {{"work_items", list}});
}

Reply HubService::get_work_item(const Caller& caller, const std::string& work_item_id) {
    auto found = m_store.find_work_item(work_item_id);
    if (!found.ok())
        return internal_error(found.error());
    if (!found.value())
        return error_reply(404, "not-found", "no work item " + work_item_id);
    if (auto refused = may_decide(caller, found.value()->department_id))
        return *refused;
    auto application = m_store.find_application(found.value()->application_id);
    if (!application.ok() || !application.value())
        return internal_error(application.ok()
                                  ? make_error(ErrorCode::Corrupt, "work item without application")
                                  : application.error());
    json request = json::parse(application.value()->request_json);
    json body = work_item_json(*found.value());
    body["application"] = {{"application_number", application.value()->number},
                           {"submitted_at", application.value()->submitted_at},
                           {"kiosk_id", application.value()->kiosk_id},
                           {"package_id", request.value("package_id", json())},
                           {"matter_ids", request["matter_ids"]},
                           {"applicant", request["applicant"]},
                           {"form", request["form"]},
                           {"materials", request["materials"]}};
    return json_reply(200, body);
}

Reply HubService::decide(const Caller& caller, const std::string& work_item_id, const std::string& body) {
    if (auto refused = json_body_too_large(body))
        return *refused;
    json request;
    std::optional<Reply> problem = parse_json_object(body, request);
    StrictReader reader(request, "", {"decision", "reason", "officer"}, problem);
    std::string decision = reader.string("decision", 32);
    std::string reason = reader.string("reason", 1000, true);
    std::string officer = reader.string("officer", 100);
    const char* state = decision_state(decision);
    if (reader.ok() && !state)
        reader.fail("decision", "expected approve, reject or request_more");
    if (problem)
        return *problem;
    if (decision != "approve" && reason.empty())
        return error_reply(422, "reason-required", "a rejection or a request for more needs a reason");

    auto found = m_store.find_work_item(work_item_id);
    if (!found.ok())
        return internal_error(found.error());
    if (!found.value())
        return error_reply(404, "not-found", "no work item " + work_item_id);
    const WorkItemRecord& item = *found.value();
    if (auto refused = may_decide(caller, item.department_id))
        return *refused;
    if (item.state != "pending")
        return error_reply(409, "already-decided", "work item " + work_item_id + " is " + item.state);

    Decision change{work_item_id, state, reason, officer, store::utc_timestamp(m_clock.wall_now()),
                    std::nullopt};
    const auto* matter = m_catalog.find_matter(item.matter_id);
    if (decision == "approve" && matter && matter->issues_certificate) {
        auto certificate = issue_certificate(item, change.decided_at);
        if (!certificate.ok())
            return internal_error(certificate.error());
        change.certificate = certificate.release_value();
    }
    auto decided = m_store.decide(change, caller.cn);
    if (!decided.ok()) {
        if (change.certificate) // rendered for a decision that lost the race: not a certificate
            std::filesystem::remove(m_options.data_dir + "/" + change.certificate->pdf_path);
        if (decided.error().code == ErrorCode::Denied)
            return error_reply(409, "already-decided",
                               "work item " + work_item_id + " was decided meanwhile");
        return internal_error(decided.error());
    }
    log::info("hub: work item {} {} by {}", work_item_id, state, caller.cn);
    return json_reply(200, work_item_json(decided.value()));
}

} // namespace kiosk::hub
