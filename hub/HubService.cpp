// HubService: registry, blobs, applications and their fan-out, progress (HubDecisions.cpp: the rest).
#include "hub/HubService.h"
#include "hub/ApplicationRequest.h"
#include "hub/Digest.h"
#include "hub/StrictJson.h"
#include "kiosk/base/Log.h"
#include "kiosk/domain/IdNumber.h"
#include "kiosk/domain/QrPayload.h"
#include "kiosk/store/UtcTimestamp.h"

#include <algorithm>
#include <filesystem>

namespace kiosk::hub {
namespace {

using json = nlohmann::json;

Reply not_found() {
    return error_reply(404, "not-found", "no such application, or the token does not match");
}

// The secret that keys the ID-number hashes: made once per hub, never leaves its data folder.
Result<std::string> load_or_make_secret(const std::string& path) {
    if (std::filesystem::exists(path)) {
        auto text = TRY(read_file(path));
        if (text.size() < 32)
            return make_error(ErrorCode::Corrupt, path + ": the ID-number key is too short");
        return text;
    }
    std::string secret = random_hex(32);
    TRY(write_durably(std::filesystem::path(path).parent_path().string() + "/tmp", path, secret, 0600));
    return secret;
}

} // namespace

Result<std::unique_ptr<HubService>> HubService::create(HubOptions options, HubStore& store,
                                                       domain::Catalog catalog, print::TemplateSet templates,
                                                       WorkingDays working_days, const Clock& clock) {
    BlobFiles blobs(options.data_dir);
    TRY(blobs.prepare());
    auto secret = TRY(load_or_make_secret(options.data_dir + "/id-number.key"));
    return std::unique_ptr<HubService>(new HubService(std::move(options), store, std::move(catalog),
                                                      std::move(templates), std::move(working_days), clock,
                                                      std::move(secret)));
}

HubService::HubService(HubOptions options, HubStore& store, domain::Catalog catalog,
                       print::TemplateSet templates, WorkingDays working_days, const Clock& clock,
                       std::string id_secret)
    : m_options(std::move(options)), m_store(store), m_catalog(std::move(catalog)),
      m_templates(std::move(templates)), m_working_days(std::move(working_days)), m_clock(clock),
      m_id_secret(std::move(id_secret)), m_blobs(m_options.data_dir) {}

std::string HubService::today() const {
    return shanghai_date(m_clock.wall_now()).iso();
}

std::string HubService::id_number_key(const std::string& id_number) const {
    std::string normalised = id_number;
    std::transform(normalised.begin(), normalised.end(), normalised.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return hmac_sha256_hex(m_id_secret, normalised);
}

std::optional<Reply> HubService::json_body_too_large(const std::string& body) const {
    if (body.size() > m_options.max_json_bytes)
        return error_reply(413, "too-large",
                           "request bodies may be at most " + std::to_string(m_options.max_json_bytes) +
                               " bytes");
    return std::nullopt;
}

std::optional<Reply> HubService::admit(const Caller& caller) {
    auto client = m_store.find_client(caller.cn);
    if (!client.ok())
        return internal_error(client.error());
    if (!client.value())
        return error_reply(403, "client-unknown", "this client certificate is not registered at the hub");
    if (client.value()->status != ClientStatus::Active)
        return error_reply(403, "client-revoked", "this client has been revoked");
    return std::nullopt;
}

// --- blobs ---------------------------------------------------------------------------------------

Reply HubService::put_blob(const Caller& caller, const std::string& sha256, const std::string& bytes) {
    if (auto refused = only_kiosks(caller))
        return *refused;
    if (!is_sha256_hex(sha256))
        return error_reply(400, "bad-hash", "a blob is named by 64 lowercase hex digits of its SHA-256");
    if (bytes.size() > m_options.max_blob_bytes)
        return error_reply(413, "too-large",
                           "a blob may be at most " + std::to_string(m_options.max_blob_bytes) + " bytes");
    if (sha256_hex(bytes) != sha256)
        return error_reply(422, "hash-mismatch", "the body's SHA-256 is not the one in the URL");
    json body = {{"sha256", sha256}, {"bytes", bytes.size()}};
    auto known = m_store.blob_size(sha256);
    if (!known.ok())
        return internal_error(known.error());
    if (known.value() && m_blobs.exists(sha256))
        return json_reply(200, body);
    // File first, then its row: a row never names a file that is not whole on disk.
    if (auto written = m_blobs.write(sha256, bytes); !written.ok())
        return internal_error(written.error());
    if (auto recorded = m_store.record_blob(sha256, static_cast<std::int64_t>(bytes.size()), caller.cn);
        !recorded.ok())
        return internal_error(recorded.error());
    return json_reply(201, body);
}

Reply HubService::head_blob(const Caller& caller, const std::string& sha256) {
    if (auto refused = only_kiosks(caller))
        return *refused;
    if (!is_sha256_hex(sha256))
        return error_reply(400, "bad-hash", "a blob is named by 64 lowercase hex digits of its SHA-256");
    auto known = m_store.blob_size(sha256);
    if (!known.ok())
        return internal_error(known.error());
    if (!known.value() || !m_blobs.exists(sha256))
        return error_reply(404, "not-found", "no such blob");
    return json_reply(200, {{"sha256", sha256}, {"bytes", *known.value()}});
}

// --- applications --------------------------------------------------------------------------------

std::optional<Reply> HubService::check_application(const Caller& caller, const ApplicationRequest& request) {
    if (request.kiosk_id != caller.id)
        return error_reply(403, "kiosk-mismatch", "kiosk_id is not the kiosk of the client certificate");
    if (!domain::is_receipt_token(request.query_token))
        return error_reply(422, "bad-token", "query_token is not a receipt token (OW1-XXXX-XXXX-XXXX-XXXX)");
    if (!parse_utc_timestamp(request.submitted_at).ok())
        return error_reply(422, "bad-time", "submitted_at must be a UTC time YYYY-MM-DDTHH:MM:SSZ");
    if (!parse_utc_timestamp(request.consent_accepted_at).ok())
        return error_reply(422, "bad-time", "consent.accepted_at must be a UTC time YYYY-MM-DDTHH:MM:SSZ");
    const domain::Package* package = nullptr;
    if (!request.package_id.empty()) {
        package = m_catalog.find_package(request.package_id);
        if (!package)
            return error_reply(422, "unknown-package",
                               "package " + request.package_id + " is not in the catalog");
    }
    std::vector<std::string> seen;
    for (const auto& matter_id : request.matter_ids) {
        if (!m_catalog.find_matter(matter_id))
            return error_reply(422, "unknown-matter", "matter " + matter_id + " is not in the catalog");
        if (package && std::find(package->matter_ids.begin(), package->matter_ids.end(), matter_id) ==
                           package->matter_ids.end())
            return error_reply(422, "matter-not-in-package",
                               "matter " + matter_id + " is not part of package " + request.package_id);
        if (std::find(seen.begin(), seen.end(), matter_id) != seen.end())
            return error_reply(422, "duplicate-matter", "matter " + matter_id + " is listed twice");
        seen.push_back(matter_id);
    }
    if (request.id_type == "resident_id") {
        auto checked = domain::check_id_number(request.id_number, shanghai_date(m_clock.wall_now()));
        if (!checked.ok())
            return error_reply(422, "bad-id-number", "applicant.id_number: " + checked.error().message);
    }
    std::vector<std::string> missing;
    for (const auto& material : request.materials) {
        auto size = m_store.blob_size(material.sha256);
        if (!size.ok())
            return internal_error(size.error());
        if (!size.value() || !m_blobs.exists(material.sha256)) {
            if (std::find(missing.begin(), missing.end(), material.sha256) == missing.end())
                missing.push_back(material.sha256);
        } else if (*size.value() != material.bytes) {
            return error_reply(422, "blob-size-mismatch",
                               "material " + material.material_id + ": bytes differs from the stored blob");
        }
    }
    if (!missing.empty())
        return error_reply(422, "missing-blobs", "upload these blobs first, then submit again",
                           {{"missing", missing}});
    return std::nullopt;
}

Reply HubService::submit_application(const Caller& caller, const std::string& body) {
    if (auto refused = only_kiosks(caller))
        return *refused;
    if (auto refused = json_body_too_large(body))
        return *refused;
    ApplicationRequest request;
    if (auto refused = parse_application_request(body, request))
        return *refused;
    std::string request_sha256 = sha256_hex(request.canonical.dump());

    // Idempotency by application id (contract): the same content answers the first answer again.
    auto answer_stored = [&]() -> std::optional<Reply> {
        auto existing = m_store.find_application(request.application_id);
        if (!existing.ok())
            return internal_error(existing.error());
        const auto& found = existing.value();
        if (!found)
            return std::nullopt;
        if (found->request_sha256 != request_sha256)
            return error_reply(409, "application-conflict",
                               "this application_id was submitted before with different content");
        if (found->kiosk_id != caller.id)
            return error_reply(403, "kiosk-mismatch", "kiosk_id is not the kiosk of the client certificate");
        return json_reply(200, json::parse(found->response_json));
    };
    if (auto stored = answer_stored())
        return *stored;
    if (auto refused = check_application(caller, request))
        return *refused;
    std::string token_sha256 = sha256_hex(request.query_token);
    auto token_used = m_store.find_application_by_token(token_sha256);
    if (!token_used.ok())
        return internal_error(token_used.error());
    if (const auto& holder = token_used.value()) {
        // The same application, stored by a concurrent request since answer_stored() looked.
        if (holder->id == request.application_id)
            if (auto stored = answer_stored())
                return *stored;
        return error_reply(422, "bad-token", "this query_token belongs to another application");
    }

    WallTime submitted = parse_utc_timestamp(request.submitted_at).value();
    domain::CivilDate submitted_day = shanghai_date(submitted);
    std::string received_at = store::utc_timestamp(m_clock.wall_now());
    std::string day = today();
    day.erase(std::remove(day.begin(), day.end(), '-'), day.end());

    json stored_request = request.canonical;
    stored_request.erase("query_token");
    auto make_record = [&](const std::string& number) -> Result<ApplicationRecord> {
        ApplicationRecord record;
        record.id = request.application_id;
        record.number = number;
        record.token_sha256 = token_sha256;
        record.request_sha256 = request_sha256;
        record.kiosk_id = request.kiosk_id;
        record.submitted_at = request.submitted_at;
        record.received_at = received_at;
        record.package_id = request.package_id;
        record.request_json = stored_request.dump();
        json matters = json::array();
        int index = 0;
        for (const auto& matter_id : request.matter_ids) {
            const auto* matter = m_catalog.find_matter(matter_id);
            WorkItemRecord item;
            item.id = number + "-" + std::to_string(++index);
            item.application_id = record.id;
            item.application_number = number;
            item.matter_id = matter_id;
            item.department_id = matter->department_id;
            item.promised_date = m_working_days.add(submitted_day, matter->promised_working_days).iso();
            item.received_at = received_at;
            matters.push_back({{"matter_id", matter_id},
                               {"department_id", item.department_id},
                               {"work_item_id", item.id},
                               {"promised_date", item.promised_date}});
            record.work_items.push_back(std::move(item));
        }
        record.response_json = json{
            {"application_id", record.id},
            {"application_number", number},
            {"status", "accepted"},
            {"matters", matters}}.dump();
        return record;
    };
    auto inserted = m_store.insert_application(request.application_id, m_options.number_prefix, day,
                                               make_record, caller.cn);
    if (!inserted.ok()) {
        // Another connection stored it first: answer as a replay of that one.
        if (inserted.error().code == ErrorCode::Denied)
            if (auto stored = answer_stored())
                return *stored;
        return internal_error(inserted.error());
    }
    log::info("hub: application {} accepted from {} ({} matters)", inserted.value().number, caller.cn,
              request.matter_ids.size());
    return json_reply(201, json::parse(inserted.value().response_json));
}

// --- status --------------------------------------------------------------------------------------

json HubService::work_item_json(const WorkItemRecord& item) const {
    bool overdue = item.state == "pending" && today() > item.promised_date;
    return {{"work_item_id", item.id},
            {"application_number", item.application_number},
            {"matter_id", item.matter_id},
            {"department_id", item.department_id},
            {"state", item.state},
            {"promised_date", item.promised_date},
            {"overdue", overdue},
            {"received_at", item.received_at},
            {"decided_at", item.decided_at.empty() ? json() : json(item.decided_at)},
            {"reason", item.reason.empty() ? json() : json(item.reason)},
            {"officer", item.officer.empty() ? json() : json(item.officer)},
            {"certificate_id", item.certificate_id.empty() ? json() : json(item.certificate_id)}};
}

Reply HubService::status_of(const ApplicationRecord& application) {
    json matters = json::array();
    bool any_pending = false, any_more = false, any_rejected = false;
    for (const auto& item : application.work_items) {
        any_pending |= item.state == "pending";
        any_more |= item.state == "more_requested";
        any_rejected |= item.state == "rejected";
        json entry = work_item_json(item);
        // The citizen's view: no staff names, no internal ids.
        entry.erase("officer");
        entry.erase("work_item_id");
        entry.erase("application_number");
        entry.erase("received_at");
        matters.push_back(std::move(entry));
    }
    const char* status = any_more       ? "more_requested"
                         : any_pending  ? "in_progress"
                         : any_rejected ? "rejected"
                                        : "completed";
    return json_reply(200,
                      {{"application_number", application.number},
                       {"submitted_at", application.submitted_at},
                       {"package_id", application.package_id.empty() ? json() : json(application.package_id)},
                       {"status", status},
                       {"matters", matters}});
}

Reply HubService::status_by_token(const Caller& caller, const std::string& token) {
    if (auto refused = only_kiosks(caller))
        return *refused;
    if (!domain::is_receipt_token(token))
        return not_found();
    auto found = m_store.find_application_by_token(sha256_hex(token));
    if (!found.ok())
        return internal_error(found.error());
    if (!found.value())
        return not_found();
    return status_of(*found.value());
}

Reply HubService::status_by_number(const Caller& caller, const std::string& number,
                                   const std::string& token) {
    if (auto refused = only_kiosks(caller))
        return *refused;
    if (!domain::is_receipt_token(token))
        return not_found();
    auto found = m_store.find_application_by_token(sha256_hex(token));
    if (!found.ok())
        return internal_error(found.error());
    // A right number with a wrong token answers exactly as an unknown number: no oracle.
    if (!found.value() || found.value()->number != number)
        return not_found();
    return status_of(*found.value());
}

} // namespace kiosk::hub
