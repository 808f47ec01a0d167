// HubService: registry, blobs, applications and their fan-out, progress (HubDecisions.cpp: the rest).
#include "hub/HubService.h"
#include "core/base/Digest.h"
#include "core/base/Log.h"
#include "core/base/SecretFile.h"
#include "core/protocol/FieldReader.h"
#include "core/protocol/Status.h"
#include "core/store/UtcTimestamp.h"
#include "hub/Digest.h"

#include <algorithm>
#include <filesystem>

namespace kiosk::hub {
namespace {

using json = nlohmann::json;

Reply not_found() {
    return error_reply(protocol::kNotFound, "no such application, or the token does not match");
}

// Any file under blobs/ or certificates/: what a citizen sent or was issued, on disk.
bool holds_files(const std::string& data_dir) {
    std::error_code error;
    for (const char* folder : {"/blobs", "/certificates"}) {
        for (auto entry = std::filesystem::recursive_directory_iterator(data_dir + folder, error);
             !error && entry != std::filesystem::end(entry); entry.increment(error)) {
            if (entry->is_regular_file(error))
                return true;
        }
    }
    return false;
}

// The secret that keys the ID-number hashes: made once per hub, never leaves its data folder. It is
// made only for a hub that holds nothing yet: over existing data a new secret would silently make every
// certificate unfindable by ID number (citizens told "no certificates"), so a missing key there is an
// error for the operator, who restores it from the key's backup (hub/README.md "Keys").
Result<std::string> load_or_make_secret(const std::string& path, HubStore& store,
                                        const std::string& data_dir) {
    if (auto checked = check_secret_file(path); checked.ok()) {
        auto text = TRY(read_file(path));
        if (text.size() < 32)
            return make_error(ErrorCode::Corrupt, path + ": the ID-number key is too short");
        return text;
    } else if (checked.error().code != ErrorCode::NotFound) {
        return checked.error();
    }
    if (TRY(store.holds_citizen_data()) || holds_files(data_dir))
        return make_error(ErrorCode::NotFound,
                          path + " is missing, but this hub holds applications, materials or certificates: "
                                 "without that key no certificate can be found by ID number. Restore "
                                 "id-number.key from its backup (kept apart from the database's) into the "
                                 "data folder, mode 0600, owned by the hub's user; the hub makes a new key "
                                 "only for an empty data folder");
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
    auto secret = TRY(load_or_make_secret(options.data_dir + "/id-number.key", store, options.data_dir));
    return std::unique_ptr<HubService>(new HubService(std::move(options), store, std::move(catalog),
                                                      std::move(templates), std::move(working_days), clock,
                                                      std::move(secret)));
}

HubService::HubService(HubOptions options, HubStore& store, domain::Catalog catalog,
                       print::TemplateSet templates, WorkingDays working_days, const Clock& clock,
                       std::string id_secret)
    : m_options(std::move(options)), m_store(store), m_catalog(std::move(catalog)),
      m_templates(std::move(templates)), m_working_days(std::move(working_days)), m_clock(clock),
      m_id_secret(std::move(id_secret)), m_blobs(m_options.data_dir),
      m_search_limit(m_options.certificate_search_limit, clock) {}

std::string HubService::today() const {
    return shanghai_date(m_clock.wall_now()).iso();
}

std::string HubService::id_number_key(const std::string& id_number) const {
    std::string normalised = id_number;
    std::transform(normalised.begin(), normalised.end(), normalised.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return hmac_sha256_hex(m_id_secret, normalised);
}

std::optional<Reply> HubService::audit_read(const Caller& caller, const std::string& kind,
                                            const std::string& detail) {
    // A read nobody could trace afterwards is not answered (review M1).
    if (auto written = m_store.audit_read(caller.cn, kind, detail); !written.ok())
        return internal_error(written.error());
    return std::nullopt;
}

std::optional<Reply> HubService::read_json(const std::string& body, nlohmann::json& out) const {
    if (body.size() > m_options.max_json_bytes)
        return error_reply(protocol::kTooLarge, "request bodies may be at most " +
                                                    std::to_string(m_options.max_json_bytes) + " bytes");
    auto parsed = protocol::parse_json_object(body);
    if (!parsed.ok())
        return error_reply(protocol::kMalformedJson, parsed.error().message);
    out = parsed.release_value();
    return std::nullopt;
}

std::optional<Reply> HubService::admit(const Caller& caller) {
    auto client = m_store.find_client(caller.cn);
    if (!client.ok())
        return internal_error(client.error());
    if (!client.value())
        return error_reply(protocol::kClientUnknown, "this client certificate is not registered at the hub");
    if (client.value()->status != ClientStatus::Active)
        return error_reply(protocol::kClientRevoked, "this client has been revoked");
    return std::nullopt;
}

// --- blobs ---------------------------------------------------------------------------------------

Reply HubService::put_blob(const Caller& caller, const std::string& sha256, const std::string& bytes) {
    if (auto refused = only_kiosks(caller))
        return *refused;
    if (!is_sha256_hex(sha256))
        return error_reply(protocol::kBadHash, "a blob is named by 64 lowercase hex digits of its SHA-256");
    if (bytes.size() > m_options.max_blob_bytes)
        return error_reply(protocol::kTooLarge,
                           "a blob may be at most " + std::to_string(m_options.max_blob_bytes) + " bytes");
    if (sha256_hex(bytes) != sha256)
        return error_reply(protocol::kHashMismatch, "the body's SHA-256 is not the one in the URL");
    json body = protocol::to_json(protocol::BlobInfo{sha256, static_cast<std::int64_t>(bytes.size())});
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
        return error_reply(protocol::kBadHash, "a blob is named by 64 lowercase hex digits of its SHA-256");
    auto known = m_store.blob_size(sha256);
    if (!known.ok())
        return internal_error(known.error());
    if (!known.value() || !m_blobs.exists(sha256))
        return error_reply(protocol::kNotFound, "no such blob");
    return json_reply(200, protocol::to_json(protocol::BlobInfo{sha256, *known.value()}));
}

// --- applications --------------------------------------------------------------------------------

std::optional<Reply> HubService::check_application(const Caller& caller,
                                                   const protocol::ApplicationRequest& request) {
    if (request.kiosk_id != caller.id)
        return error_reply(protocol::kKioskMismatch, "kiosk_id is not the kiosk of the client certificate");
    if (auto refused = protocol::check_application(request))
        return error_reply(*refused);
    // A kiosk whose catalog is newer than ours (the hall updated the kiosks first): "not yet", before
    // any matter is looked up, so a new matter is never refused for good (hub-contract.md §4.2).
    if (protocol::compare_catalog_versions(request.catalog_version, m_catalog.version()) > 0)
        return error_reply(protocol::kCatalogBehind, "the application's catalog is newer than the hub's (" +
                                                         m_catalog.version() +
                                                         "); it is taken once the hub has that catalog");
    const domain::Package* package = nullptr;
    if (request.package_id) {
        package = m_catalog.find_package(*request.package_id);
        if (!package)
            return error_reply(protocol::kUnknownPackage,
                               "package " + *request.package_id + " is not in the catalog");
    }
    std::vector<std::string> seen;
    for (const auto& matter_id : request.matter_ids) {
        if (!m_catalog.find_matter(matter_id))
            return error_reply(protocol::kUnknownMatter, "matter " + matter_id + " is not in the catalog");
        if (package && std::find(package->matter_ids.begin(), package->matter_ids.end(), matter_id) ==
                           package->matter_ids.end())
            return error_reply(protocol::kMatterNotInPackage,
                               "matter " + matter_id + " is not part of package " + *request.package_id);
        if (std::find(seen.begin(), seen.end(), matter_id) != seen.end())
            return error_reply(protocol::kDuplicateMatter, "matter " + matter_id + " is listed twice");
        seen.push_back(matter_id);
    }
    if (auto refused = protocol::check_applicant_id(request.applicant, shanghai_date(m_clock.wall_now())))
        return error_reply(*refused);
    std::vector<std::string> missing;
    for (const auto& material : request.materials) {
        auto size = m_store.blob_size(material.sha256);
        if (!size.ok())
            return internal_error(size.error());
        if (!size.value() || !m_blobs.exists(material.sha256)) {
            if (std::find(missing.begin(), missing.end(), material.sha256) == missing.end())
                missing.push_back(material.sha256);
        } else if (*size.value() != material.bytes) {
            return error_reply(protocol::kBlobSizeMismatch,
                               "material " + material.material_id + ": bytes differs from the stored blob");
        }
    }
    if (!missing.empty())
        return error_reply(protocol::kMissingBlobs, "upload these blobs first, then submit again", missing);
    return std::nullopt;
}

Reply HubService::submit_application(const Caller& caller, const std::string& body) {
    if (auto refused = only_kiosks(caller))
        return *refused;
    // The request as parsed: dump() sorts keys, so equal requests hash equal.
    json canonical;
    if (auto refused = read_json(body, canonical))
        return *refused;
    auto parsed = protocol::parse_application_request(canonical);
    if (!parsed.ok())
        return bad_body(parsed.error());
    const protocol::ApplicationRequest& request = parsed.value();
    std::string request_sha256 = sha256_hex(canonical.dump());

    // Idempotency by application id (contract): the same content answers the first answer again.
    auto answer_stored = [&]() -> std::optional<Reply> {
        auto existing = m_store.find_application(request.application_id);
        if (!existing.ok())
            return internal_error(existing.error());
        const auto& found = existing.value();
        if (!found)
            return std::nullopt;
        if (found->request_sha256 != request_sha256)
            return error_reply(protocol::kApplicationConflict,
                               "this application_id was submitted before with different content");
        if (found->kiosk_id != caller.id)
            return error_reply(protocol::kKioskMismatch,
                               "kiosk_id is not the kiosk of the client certificate");
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
        return error_reply(protocol::kBadToken, "this query_token belongs to another application");
    }

    // The promise counts from submitted_at, the moment the citizen was told "submitted" (the outbox may
    // have held the application for days). A moment after the hub received it cannot be true — a kiosk
    // clock running ahead — and would push every promise later: that counts from the receipt instead.
    WallTime submitted = protocol::parse_utc_time(request.submitted_at).value();
    if (submitted > m_clock.wall_now()) {
        log::warn("hub: kiosk {} sent submitted_at {} after the hub's now; its clock runs ahead (promise "
                  "counted from the hub's receipt)",
                  request.kiosk_id, request.submitted_at);
        submitted = m_clock.wall_now();
    }
    domain::CivilDate submitted_day = shanghai_date(submitted);
    std::string received_at = store::utc_timestamp(m_clock.wall_now());
    std::string day = today();
    day.erase(std::remove(day.begin(), day.end(), '-'), day.end());

    json stored_request = canonical;
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
        record.package_id = request.package_id.value_or("");
        record.request_json = stored_request.dump();
        protocol::ApplicationAccepted accepted{record.id, number, {}};
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
            accepted.matters.push_back({matter_id, item.department_id, item.id, item.promised_date});
            record.work_items.push_back(std::move(item));
        }
        record.response_json = protocol::to_json(accepted).dump();
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

Result<protocol::WorkItem> HubService::work_item_of(const WorkItemRecord& item) const {
    auto state = protocol::parse_work_item_state(item.state);
    if (!state)
        return make_error(ErrorCode::Corrupt, "work item " + item.id + " has an unknown state");
    auto unless_empty = [](const std::string& text) {
        return text.empty() ? std::nullopt : std::optional(text);
    };
    return protocol::WorkItem{item.id,
                              item.application_number,
                              item.matter_id,
                              item.department_id,
                              *state,
                              item.promised_date,
                              *state == protocol::WorkItemState::Pending && today() > item.promised_date,
                              item.received_at,
                              unless_empty(item.decided_at),
                              unless_empty(item.reason),
                              unless_empty(item.officer),
                              unless_empty(item.certificate_id)};
}

Reply HubService::status_of(const ApplicationRecord& application) {
    protocol::ApplicationStatus status{application.number,
                                       application.submitted_at,
                                       application.package_id.empty() ? std::nullopt
                                                                      : std::optional(application.package_id),
                                       protocol::OverallStatus::InProgress,
                                       {}};
    for (const auto& record : application.work_items) {
        auto item = work_item_of(record);
        if (!item.ok())
            return internal_error(item.error());
        status.matters.push_back(protocol::matter_status_of(item.value()));
    }
    status.status = protocol::overall_status(status.matters);
    return json_reply(200, protocol::to_json(status));
}

Reply HubService::status_by_token(const Caller& caller, const std::string& token) {
    if (auto refused = only_kiosks(caller))
        return *refused;
    if (!protocol::is_query_token(token))
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
    if (!protocol::is_query_token(token))
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
