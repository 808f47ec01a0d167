// HubService: department queues and decisions, and the certificates an approval issues.
#include "core/base/Log.h"
#include "core/documents/RenderPdf.h"
#include "core/domain/IdNumber.h"
#include "core/protocol/Certificates.h"
#include "core/protocol/PrintGrants.h"
#include "core/store/UtcTimestamp.h"
#include "hub/Digest.h"
#include "hub/HubService.h"

#include <filesystem>

namespace kiosk::hub {
namespace {

using json = nlohmann::json;

std::optional<std::string> unless_empty(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional(text);
}

} // namespace

// --- certificates --------------------------------------------------------------------------------

Reply HubService::search_certificates(const Caller& caller, const std::string& body) {
    if (auto refused = only_kiosks(caller))
        return *refused;
    // Review M1: a kiosk key in a public hall must not become a bulk lookup of people's certificates.
    if (auto wait = m_search_limit.take(caller.cn); wait.count() > 0) {
        log::warn("hub: {} is over the certificate search limit", caller.cn);
        if (auto written = m_store.audit_read(caller.cn, "certificate.search_limited", ""); !written.ok())
            return internal_error(written.error());
        Reply refused = error_reply(protocol::kRateLimited, "too many certificate searches from this kiosk");
        refused.retry_after = static_cast<int>(wait.count());
        return refused;
    }
    json request;
    if (auto refused = read_json(body, request))
        return *refused;
    auto query = protocol::parse_certificate_query(request);
    if (!query.ok())
        return bad_body(query.error());
    std::string holder = id_number_key(query.value().id_number);
    auto found = m_store.find_certificates(holder);
    if (!found.ok())
        return internal_error(found.error());
    // The holder by a prefix of the keyed hash (never the number): enough to see one person searched
    // from many kiosks.
    if (auto refused = audit_read(caller, "certificate.searched",
                                  "holder " + holder.substr(0, 16) + ", " +
                                      std::to_string(found.value().size()) + " found"))
        return *refused;
    protocol::CertificateList list;
    for (const auto& certificate : found.value())
        list.certificates.push_back({certificate.id, certificate.application_number, certificate.matter_id,
                                     certificate.title, certificate.issued_at});
    return json_reply(200, protocol::to_json(list));
}

Reply HubService::download_certificate(const Caller& caller, const std::string& certificate_id,
                                       const std::string& body) {
    if (auto refused = only_kiosks(caller))
        return *refused;
    json request;
    if (auto refused = read_json(body, request))
        return *refused;
    auto query = protocol::parse_certificate_download(request);
    if (!query.ok())
        return bad_body(query.error());
    auto found = m_store.find_certificate(certificate_id);
    if (!found.ok())
        return internal_error(found.error());
    if (!found.value() || found.value()->id_number_key != id_number_key(query.value().id_number))
        return error_reply(protocol::kNotFound, "no such certificate for this ID number");
    // The PDF goes out only under this kiosk's open grant for it (docs/specs/hub-contract.md §6.1).
    auto grant = m_store.find_print_grant(query.value().grant_id);
    if (!grant.ok())
        return internal_error(grant.error());
    if (!grant.value() || grant.value()->certificate_id != certificate_id ||
        grant.value()->kiosk_id != caller.id || grant.value()->state != "open" ||
        store::utc_timestamp(m_clock.wall_now()) >= grant.value()->expires_at)
        return error_reply(protocol::kNoPrintGrant,
                           "this kiosk holds no open print grant for this certificate");
    if (auto refused =
            audit_read(caller, "certificate.downloaded", certificate_id + " grant " + grant.value()->id))
        return *refused;
    auto pdf = read_file(m_options.data_dir + "/" + found.value()->pdf_path);
    if (!pdf.ok())
        return internal_error(pdf.error());
    Reply reply;
    reply.bytes = pdf.release_value();
    reply.content_type = protocol::kPdfContentType;
    return reply;
}

Result<CertificateRecord> HubService::issue_certificate(const WorkItemRecord& item,
                                                        const std::string& decided_at) {
    const auto* matter = m_catalog.find_matter(item.matter_id);
    const auto* department = m_catalog.find_department(item.department_id);
    auto application = TRY(m_store.find_application(item.application_id));
    if (!matter || !department || !application)
        return make_error(ErrorCode::Internal, "work item " + item.id + " names what the catalog lacks");
    // What the kiosk sent, as stored (without its query token).
    json request = json::parse(application->request_json);
    auto applicant = TRY(protocol::parse_applicant(request["applicant"]));
    auto form = TRY(protocol::parse_form(request["form"]));
    const std::string& id_number = applicant.id_number;
    std::string today_iso = today();

    // What data/templates/certificate.json reads; the sex and birth date come from a resident ID number.
    std::string sex = "—", period_from = application->submitted_at.substr(0, 10);
    if (applicant.id_type == protocol::IdType::ResidentId) {
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
          {"purpose", form.count("purpose") ? form["purpose"] : std::string("—")}}},
        {"holder", {{"name", applicant.name}, {"sex", sex}, {"id_number", id_number}}},
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
    return error_reply(protocol::kForbidden, "only department " + department_id + " or an admin may do this");
}

Reply HubService::list_work_items(const Caller& caller, const std::string& department_id,
                                  const std::string& state) {
    if (auto refused = may_decide(caller, department_id))
        return *refused;
    if (!m_catalog.find_department(department_id))
        return error_reply(protocol::kNotFound, "no department " + department_id);
    if (!state.empty() && !protocol::parse_work_item_state(state))
        return error_reply(protocol::kInvalidField,
                           "state: expected " + protocol::spellings(protocol::kWorkItemStates));
    auto items = m_store.list_work_items(department_id, state);
    if (!items.ok())
        return internal_error(items.error());
    protocol::WorkItemList list;
    for (const auto& record : items.value()) {
        auto item = work_item_of(record);
        if (!item.ok())
            return internal_error(item.error());
        list.work_items.push_back(item.release_value());
    }
    return json_reply(200, protocol::to_json(list));
}

// Another department's work item answers like one that does not exist: ids are application numbers
// (sequential), so 403-versus-404 would tell a department which other applications exist (review L2).
// Kiosks and unknown callers get the 403 before any lookup.
std::optional<Reply> HubService::find_own_work_item(const Caller& caller, const std::string& work_item_id,
                                                    WorkItemRecord& item) {
    if (caller.kind != Caller::Kind::Admin && caller.kind != Caller::Kind::Department)
        return error_reply(protocol::kForbidden, "only a department or an admin may read work items");
    auto found = m_store.find_work_item(work_item_id);
    if (!found.ok())
        return internal_error(found.error());
    if (!found.value() || may_decide(caller, found.value()->department_id))
        return error_reply(protocol::kNotFound, "no work item " + work_item_id + " for " + caller.cn);
    item = std::move(*found.value());
    return std::nullopt;
}

Reply HubService::get_work_item(const Caller& caller, const std::string& work_item_id) {
    WorkItemRecord item;
    if (auto refused = find_own_work_item(caller, work_item_id, item))
        return *refused;
    if (auto refused = audit_read(caller, "work_item.viewed", work_item_id))
        return *refused;
    auto application = m_store.find_application(item.application_id);
    if (!application.ok() || !application.value())
        return internal_error(application.ok()
                                  ? make_error(ErrorCode::Corrupt, "work item without application")
                                  : application.error());
    auto detail = [&]() -> Result<protocol::WorkItemDetail> {
        const ApplicationRecord& record = *application.value();
        protocol::WorkItemDetail detail;
        detail.item = TRY(work_item_of(item));
        auto& view = detail.application;
        view.application_number = record.number;
        view.submitted_at = record.submitted_at;
        view.kiosk_id = record.kiosk_id;
        view.package_id = unless_empty(record.package_id);
        json request = json::parse(record.request_json); // as the kiosk sent it, without the token
        for (const auto& matter : request.value("matter_ids", json::array()))
            view.matter_ids.push_back(matter.is_string() ? matter.get<std::string>() : std::string());
        view.applicant = TRY(protocol::parse_applicant(request["applicant"]));
        view.form = TRY(protocol::parse_form(request["form"]));
        for (const auto& material : request.value("materials", json::array()))
            view.materials.push_back(TRY(protocol::parse_material(material)));
        return detail;
    }();
    if (!detail.ok())
        return internal_error(detail.error());
    return json_reply(200, protocol::to_json(detail.value()));
}

Reply HubService::decide(const Caller& caller, const std::string& work_item_id, const std::string& body) {
    json request;
    if (auto refused = read_json(body, request))
        return *refused;
    auto parsed = protocol::parse_decision_request(request);
    if (!parsed.ok())
        return bad_body(parsed.error());
    const protocol::DecisionRequest& decision = parsed.value();
    if (auto refused = protocol::check_decision(decision))
        return error_reply(*refused);

    WorkItemRecord item;
    if (auto refused = find_own_work_item(caller, work_item_id, item))
        return *refused;
    if (item.state != protocol::to_string(protocol::WorkItemState::Pending))
        return error_reply(protocol::kAlreadyDecided, "work item " + work_item_id + " is " + item.state);

    const char* state = protocol::to_string(protocol::state_after(decision.decision));
    Decision change{work_item_id,
                    state,
                    decision.reason.value_or(""),
                    decision.officer,
                    store::utc_timestamp(m_clock.wall_now()),
                    std::nullopt};
    const auto* matter = m_catalog.find_matter(item.matter_id);
    if (decision.decision == protocol::DecisionKind::Approve && matter && matter->issues_certificate) {
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
            return error_reply(protocol::kAlreadyDecided,
                               "work item " + work_item_id + " was decided meanwhile");
        return internal_error(decided.error());
    }
    log::info("hub: work item {} {} by {}", work_item_id, state, caller.cn);
    auto answer = work_item_of(decided.value());
    if (!answer.ok())
        return internal_error(answer.error());
    return json_reply(200, protocol::to_json(answer.value()));
}

} // namespace kiosk::hub
