#include "services/outbox/Outbox.h"
#include "core/base/Log.h"
#include "core/protocol/Applications.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/UtcTimestamp.h"
#include "services/outbox/DurableFile.h"

#include <nlohmann/json.hpp>
#include <set>
#include <sodium.h>

namespace kiosk::outbox {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kKeyCheckText = "onewindow outbox key check v1";

// The plaintext of a material, wiped from memory when it goes.
struct Material {
    const PackageMaterial* source = nullptr;
    std::string bytes;
    std::string sha256;
    ~Material() { sodium_memzero(bytes.data(), bytes.size()); }
};

// The contract's POST /v1/applications (core/protocol); its bytes are fixed at seal time so that every
// retry sends the same bytes and the hub sees a replay, not a conflict.
protocol::ApplicationRequest request_of(const ApplicationPackage& package, const SealedApplication& sealed,
                                        const std::vector<std::unique_ptr<Material>>& materials) {
    protocol::ApplicationRequest request;
    request.application_id = sealed.application_id;
    request.query_token = sealed.query_token;
    request.kiosk_id = package.kiosk_id;
    request.catalog_version = package.catalog_version;
    request.submitted_at = store::utc_timestamp(package.submitted_at);
    request.package_id = package.package_id;
    request.matter_ids = package.matter_ids;
    request.applicant = {protocol::id_type_of(package.applicant.document_type), package.applicant.id_number,
                         package.applicant.name, package.phone};
    request.form = package.form;
    request.consent = {package.consent_version, store::utc_timestamp(package.consent_accepted_at)};
    for (const auto& material : materials)
        request.materials.push_back({material->source->material_id, material->sha256,
                                     static_cast<std::int64_t>(material->bytes.size()),
                                     material->source->content_type, material->source->pages});
    return request;
}

} // namespace

Outbox::Outbox(std::unique_ptr<store::Database> database, const OutboxOptions& options, const SecretKey& key,
               const Clock& clock)
    : m_database(std::move(database)), m_folder(options.dir), m_blobs(fs::path(options.dir) / "blobs"),
      m_key(key), m_clock(clock) {}

Outbox::~Outbox() = default;

Result<std::unique_ptr<Outbox>> Outbox::open(const std::string& database_path, const OutboxOptions& options,
                                             const Clock& clock) {
    auto key = TRY(SecretKey::load(options.key_file));
    return open(database_path, options, key, clock);
}

Result<std::unique_ptr<Outbox>> Outbox::open(const std::string& database_path, const OutboxOptions& options,
                                             const SecretKey& key, const Clock& clock) {
    if (options.dir.empty())
        return make_error(ErrorCode::InvalidArgument, "outbox: no folder configured (outbox.dir)");
    std::error_code error;
    fs::create_directories(fs::path(options.dir) / "blobs", error);
    if (error)
        return make_error(ErrorCode::Io,
                          options.dir + ": cannot create the outbox folder: " + error.message());
    // Only the kiosk's own user may list or read what waits for the hub.
    fs::permissions(options.dir, fs::perms::owner_all, fs::perm_options::replace, error);

    auto database = TRY(store::Database::open(database_path));
    // Purged ciphertext must not linger in free pages: the key that opens it is still on the kiosk.
    TRY(database->execute("PRAGMA secure_delete=ON"));
    std::unique_ptr<Outbox> outbox(new Outbox(std::move(database), options, key, clock));
    TRY(outbox->check_key());
    TRY(outbox->clean_up());
    return outbox;
}

Result<void> Outbox::check_key() {
    auto transaction = TRY(m_database->begin());
    auto select = TRY(m_database->prepare("SELECT sealed FROM outbox_key_check WHERE id = 1"));
    if (TRY(select.step())) {
        auto box = TRY(from_base64(select.column_text(0)));
        if (m_key.open(box).ok())
            return transaction.rollback();
        auto waiting = TRY(counts());
        if (waiting.kept() > 0)
            return make_error(ErrorCode::InvalidData,
                              m_database->path() + ": the outbox key is not the one its " +
                                  std::to_string(waiting.kept()) +
                                  " waiting application(s) were sealed with (check outbox.key_file)");
        // Nothing sealed under the old key is left: a re-provisioned kiosk simply starts using the new one.
        log::warn("outbox: key changed; no application was waiting under the old key");
    }
    auto save =
        TRY(m_database->prepare("INSERT OR REPLACE INTO outbox_key_check (id, sealed) VALUES (1, ?)"));
    TRY(save.bind_text(1, to_base64(m_key.seal(kKeyCheckText))));
    TRY(save.run());
    return transaction.commit();
}

Result<void> Outbox::clean_up() {
    auto lock = TRY(FolderLock::take(m_folder / "blobs.lock", FolderLock::Mode::Exclusive));
    std::set<std::string> referenced;
    auto select = TRY(m_database->prepare("SELECT DISTINCT sha256 FROM outbox_blobs"));
    while (TRY(select.step()))
        referenced.insert(select.column_text(0));

    std::error_code error;
    for (const auto& entry : fs::directory_iterator(m_blobs, error)) {
        auto name = entry.path().filename().string();
        bool temp = name.find(kTempMarker) != std::string::npos;
        bool blob = name.size() > 64 && referenced.count(name.substr(0, 64)) > 0 &&
                    entry.path() == blob_path(name.substr(0, 64));
        if (blob)
            continue;
        std::error_code ignored;
        if (!fs::remove(entry.path(), ignored))
            continue;
        ++(temp ? m_report.temp_files_deleted : m_report.orphan_blobs_deleted);
    }
    if (error)
        return make_error(ErrorCode::Io,
                          m_blobs.string() + ": cannot list the outbox blobs: " + error.message());
    if (m_report.orphan_blobs_deleted + m_report.temp_files_deleted > 0) {
        log::info("outbox: removed {} blob(s) of unfinished seals and {} temporary file(s)",
                  m_report.orphan_blobs_deleted, m_report.temp_files_deleted);
        TRY(sync_folder(m_blobs));
    }

    auto kept = TRY(unfinished());
    for (auto& application : TRY(for_staff()))
        kept.push_back(std::move(application));
    for (const auto& application : kept) {
        for (const auto& blob : application.blobs) {
            if (has_blob_file(blob.sha256))
                continue;
            log::error("outbox: application {} is missing material blob {} (staff: see the audit log)",
                       application.application_id, blob.sha256);
            TRY(store::AuditLog(*m_database, m_clock)
                    .append("outbox.blob_missing",
                            "application " + application.application_id + " blob " + blob.sha256));
            m_report.missing_blobs.push_back(application.application_id);
            break;
        }
    }
    return {};
}

Result<SealedApplication> Outbox::seal(const ApplicationPackage& package) {
    TRY(validate(package));
    SealedApplication sealed{make_application_id(), make_query_token(), package.matter_ids,
                             store::utc_timestamp(m_clock.wall_now())};

    std::vector<std::unique_ptr<Material>> materials;
    for (const auto& source : package.materials) {
        auto material = std::make_unique<Material>();
        material->source = &source;
        auto bytes = read_whole_file(source.file);
        if (!bytes)
            return make_error(bytes.error().code,
                              "material " + source.material_id + ": " + bytes.error().message);
        material->bytes = bytes.release_value();
        material->sha256 = sha256_hex(material->bytes);
        materials.push_back(std::move(material));
    }
    // Everything the hub would refuse for good is refused here, before anything is written.
    auto request = request_of(package, sealed, materials);
    TRY(protocol::validate(request));
    std::string body = protocol::to_json(request).dump();
    std::string payload_box = m_key.seal(body);
    sodium_memzero(body.data(), body.size());

    // Shared: other seals may run beside this one; clean-up and purges wait until our commit.
    auto lock = TRY(FolderLock::take(m_folder / "blobs.lock", FolderLock::Mode::Shared));
    for (const auto& material : materials) {
        auto path = blob_path(material->sha256);
        if (fs::exists(path)) // the same scan in another waiting application: content-addressed, shared
            continue;
        TRY(write_file_durably(path, m_key.seal(material->bytes)));
    }

    auto transaction = TRY(m_database->begin());
    auto insert =
        TRY(m_database->prepare("INSERT INTO outbox_applications (application_id, query_token_sha256, state, "
                                "package_id, matter_ids, payload,"
                                " sealed_utc, updated_utc) VALUES (?, ?, 'sealed', ?, ?, ?, ?, ?)"));
    TRY(insert.bind_text(1, sealed.application_id));
    TRY(insert.bind_text(2, sha256_hex(sealed.query_token))); // the token itself only in the payload
    TRY(insert.bind_text(3, package.package_id.value_or("")));
    TRY(insert.bind_text(4, nlohmann::json(package.matter_ids).dump()));
    TRY(insert.bind_text(5, to_base64(payload_box)));
    TRY(insert.bind_text(6, sealed.sealed_utc));
    TRY(insert.bind_text(7, sealed.sealed_utc));
    TRY(insert.run());
    auto insert_blob = TRY(m_database->prepare(
        "INSERT OR IGNORE INTO outbox_blobs (application_id, sha256, bytes) VALUES (?, ?, ?)"));
    for (const auto& material : materials) {
        insert_blob.reset();
        TRY(insert_blob.bind_text(1, sealed.application_id));
        TRY(insert_blob.bind_text(2, material->sha256));
        TRY(insert_blob.bind_int(3, static_cast<std::int64_t>(material->bytes.size())));
        TRY(insert_blob.run());
    }
    TRY(store::AuditLog(*m_database, m_clock)
            .append("outbox.sealed", "application " + sealed.application_id + ": " +
                                         std::to_string(package.matter_ids.size()) + " matter(s), " +
                                         std::to_string(materials.size()) + " material(s)"));
    TRY(transaction.commit());
    log::info("outbox: sealed application {} ({} material(s))", sealed.application_id, materials.size());
    return sealed;
}

Result<void> Outbox::mark_uploading(const std::string& application_id) {
    auto update = TRY(m_database->prepare(
        "UPDATE outbox_applications SET state = 'uploading', attempts = attempts + 1, updated_utc = ?"
        " WHERE application_id = ? AND state IN ('sealed', 'uploading')"));
    TRY(update.bind_text(1, store::utc_timestamp(m_clock.wall_now())));
    TRY(update.bind_text(2, application_id));
    TRY(update.run());
    if (m_database->changes() != 1)
        return make_error(ErrorCode::InvalidArgument,
                          "outbox: application " + application_id + " is not waiting");
    return {};
}

Result<void> Outbox::note_failure(const std::string& application_id, const std::string& error) {
    auto update = TRY(m_database->prepare(
        "UPDATE outbox_applications SET last_error = ?, updated_utc = ? WHERE application_id = ?"));
    TRY(update.bind_text(1, error));
    TRY(update.bind_text(2, store::utc_timestamp(m_clock.wall_now())));
    TRY(update.bind_text(3, application_id));
    return update.run();
}

Result<void> Outbox::note_retry(const std::string& application_id, const std::string& error,
                                const std::string& kind, int same_failures, std::int64_t next_attempt_ms) {
    auto update = TRY(m_database->prepare(
        "UPDATE outbox_applications SET last_error = ?, failure_kind = ?, same_failures = ?,"
        " next_attempt_ms = ?, updated_utc = ? WHERE application_id = ? AND state IN ('sealed', "
        "'uploading')"));
    TRY(update.bind_text(1, error));
    TRY(update.bind_text(2, kind));
    TRY(update.bind_int(3, same_failures));
    TRY(update.bind_int(4, next_attempt_ms));
    TRY(update.bind_text(5, store::utc_timestamp(m_clock.wall_now())));
    TRY(update.bind_text(6, application_id));
    return update.run();
}

Result<OutboxApplication> Outbox::existing(const std::string& application_id) {
    auto found = TRY(find(application_id));
    if (!found)
        return make_error(ErrorCode::NotFound, "outbox: no application " + application_id);
    return std::move(*found);
}

Result<void> Outbox::mark_accepted(const std::string& application_id, const std::string& application_number) {
    return finish(application_id, ApplicationState::Accepted, application_number, "");
}

Result<void> Outbox::mark_refused(const std::string& application_id, const std::string& reason) {
    return to_staff(application_id, ApplicationState::Refused, reason);
}

Result<void> Outbox::mark_held(const std::string& application_id, const std::string& reason) {
    return to_staff(application_id, ApplicationState::Held, reason);
}

Result<void> Outbox::to_staff(const std::string& application_id, ApplicationState state,
                              const std::string& reason) {
    auto transaction = TRY(m_database->begin());
    auto current = TRY(existing(application_id));
    if (current.state == state)
        return transaction.rollback();
    if (current.state != ApplicationState::Sealed && current.state != ApplicationState::Uploading)
        return make_error(ErrorCode::InvalidArgument, "outbox: application " + application_id + " is " +
                                                          to_string(current.state) + ", not waiting");
    // Everything stays: the payload, the blob rows (so no clean-up deletes their files), the attempts.
    auto update = TRY(m_database->prepare(
        "UPDATE outbox_applications SET state = ?, reason = ?, updated_utc = ? WHERE application_id = ?"));
    TRY(update.bind_text(1, to_string(state)));
    TRY(update.bind_text(2, reason));
    TRY(update.bind_text(3, store::utc_timestamp(m_clock.wall_now())));
    TRY(update.bind_text(4, application_id));
    TRY(update.run());
    TRY(store::AuditLog(*m_database, m_clock)
            .append(state == ApplicationState::Refused ? "outbox.refused" : "outbox.held",
                    "application " + application_id + " kept for staff: " + reason));
    TRY(transaction.commit());
    log::warn("outbox: application {} {} (kept for staff): {}", application_id, to_string(state), reason);
    return {};
}

Result<void> Outbox::retry(const std::string& application_id) {
    auto transaction = TRY(m_database->begin());
    auto current = TRY(existing(application_id));
    bool waiting = current.state == ApplicationState::Sealed || current.state == ApplicationState::Uploading;
    if (!waiting && !waits_for_staff(current.state))
        return make_error(ErrorCode::InvalidArgument,
                          "outbox: application " + application_id + " is " + to_string(current.state) +
                              ": only a refused, held or waiting application can be sent again");
    auto update = TRY(m_database->prepare(
        "UPDATE outbox_applications SET state = CASE WHEN state IN ('refused', 'held') THEN 'sealed'"
        " ELSE state END, reason = '', next_attempt_ms = 0, failure_kind = '', same_failures = 0,"
        " updated_utc = ? WHERE application_id = ?"));
    TRY(update.bind_text(1, store::utc_timestamp(m_clock.wall_now())));
    TRY(update.bind_text(2, application_id));
    TRY(update.run());
    std::string detail = "application " + application_id + " sent again by staff (was " +
                         to_string(current.state) + (current.reason.empty() ? "" : ": " + current.reason) +
                         ")";
    TRY(store::AuditLog(*m_database, m_clock).append("outbox.retry", detail));
    TRY(transaction.commit());
    log::info("outbox: {}", detail);
    return {};
}

Result<void> Outbox::discard(const std::string& application_id, const std::string& reason) {
    std::string why = reason;
    for (auto& c : why)
        if (static_cast<unsigned char>(c) < 0x20)
            c = ' ';
    why.erase(0, why.find_first_not_of(' '));
    why.erase(why.find_last_not_of(' ') + 1);
    if (why.empty())
        return make_error(ErrorCode::InvalidArgument,
                          "outbox: discarding an application needs a reason (one line, no personal data)");
    auto current = TRY(existing(application_id));
    if (!waits_for_staff(current.state))
        return make_error(ErrorCode::InvalidArgument,
                          "outbox: application " + application_id + " is " + to_string(current.state) +
                              ": only a refused or held application can be discarded");
    return finish(application_id, ApplicationState::Discarded, "",
                  why + " (was " + to_string(current.state) + ": " + current.reason + ")");
}

Result<int> Outbox::reseal(const std::string& kiosk_id) {
    if (kiosk_id.empty())
        return make_error(ErrorCode::InvalidArgument, "outbox: reseal needs the kiosk id (kiosk_id)");
    auto transaction = TRY(m_database->begin());
    auto select = TRY(m_database->prepare(
        "SELECT application_id, payload FROM outbox_applications"
        " WHERE state IN ('sealed', 'uploading', 'held', 'refused') AND payload IS NOT NULL ORDER BY rowid"));
    std::vector<std::pair<std::string, std::string>> rewritten; // id, new payload (base64 box)
    std::vector<std::string> audit;
    while (TRY(select.step())) {
        std::string id = select.column_text(0);
        auto box = TRY(from_base64(select.column_text(1)));
        auto opened = m_key.open(box);
        if (!opened)
            return make_error(ErrorCode::Corrupt,
                              "outbox: application " + id + ": " + opened.error().message);
        std::string body = opened.release_value();
        auto json = nlohmann::json::parse(body, nullptr, false);
        sodium_memzero(body.data(), body.size());
        auto old_id = json.is_object() && json.contains("kiosk_id") && json["kiosk_id"].is_string()
                          ? json["kiosk_id"].get<std::string>()
                          : std::string();
        if (old_id.empty())
            return make_error(ErrorCode::Corrupt,
                              "outbox: application " + id + ": the sealed request does not read");
        if (old_id == kiosk_id)
            continue;
        // The same bytes as seal() would write (nlohmann::json keeps keys sorted), but for kiosk_id.
        json["kiosk_id"] = kiosk_id;
        auto request = protocol::parse_application_request(json);
        if (!request)
            return make_error(ErrorCode::Corrupt,
                              "outbox: application " + id + ": " + request.error().message);
        TRY(protocol::validate(request.value()));
        std::string resealed = json.dump();
        rewritten.emplace_back(id, to_base64(m_key.seal(resealed)));
        sodium_memzero(resealed.data(), resealed.size());
        std::string detail = "application " + id;
        detail += " resealed: kiosk_id " + old_id;
        detail += " -> " + kiosk_id;
        audit.push_back(std::move(detail));
    }
    auto update = TRY(m_database->prepare(
        "UPDATE outbox_applications SET payload = ?, state = CASE WHEN state = 'held' THEN 'sealed' ELSE "
        "state END,"
        " reason = CASE WHEN state = 'held' THEN '' ELSE reason END, next_attempt_ms = 0, failure_kind = '',"
        " same_failures = 0, updated_utc = ? WHERE application_id = ?"));
    for (const auto& [id, payload] : rewritten) {
        update.reset();
        TRY(update.bind_text(1, payload));
        TRY(update.bind_text(2, store::utc_timestamp(m_clock.wall_now())));
        TRY(update.bind_text(3, id));
        TRY(update.run());
    }
    for (const auto& detail : audit)
        TRY(store::AuditLog(*m_database, m_clock).append("outbox.resealed", detail));
    TRY(transaction.commit());
    if (!rewritten.empty())
        log::info("outbox: {} application(s) resealed with kiosk id {}", rewritten.size(), kiosk_id);
    return static_cast<int>(rewritten.size());
}

Result<void> Outbox::finish(const std::string& application_id, ApplicationState state,
                            const std::string& number, const std::string& reason) {
    auto current = TRY(existing(application_id));
    bool finished = current.state == ApplicationState::Accepted ||
                    current.state == ApplicationState::Rejected ||
                    current.state == ApplicationState::Discarded;
    if (finished && (current.state != state || current.application_number != number))
        return make_error(ErrorCode::InvalidArgument, "outbox: application " + application_id +
                                                          " is already " + to_string(current.state));
    if (!finished) {
        auto now = store::utc_timestamp(m_clock.wall_now());
        auto transaction = TRY(m_database->begin());
        // Checked again inside the transaction: staff (another process) may have acted meanwhile.
        auto update = TRY(m_database->prepare(
            "UPDATE outbox_applications SET state = ?, application_number = ?, reason = ?, payload = NULL,"
            " last_error = '', next_attempt_ms = 0, updated_utc = ?, finished_utc = ?"
            " WHERE application_id = ? AND state = ?"));
        TRY(update.bind_text(1, to_string(state)));
        TRY(update.bind_text(2, number));
        TRY(update.bind_text(3, reason));
        TRY(update.bind_text(4, now));
        TRY(update.bind_text(5, now));
        TRY(update.bind_text(6, application_id));
        TRY(update.bind_text(7, to_string(current.state)));
        TRY(update.run());
        if (m_database->changes() != 1)
            return make_error(ErrorCode::Busy,
                              "outbox: application " + application_id + " changed meanwhile; try again");
        auto forget = TRY(m_database->prepare("DELETE FROM outbox_blobs WHERE application_id = ?"));
        TRY(forget.bind_text(1, application_id));
        TRY(forget.run());
        std::string detail = "application " + application_id +
                             (state == ApplicationState::Accepted ? " accepted as " + number
                                                                  : " discarded by staff: " + reason);
        TRY(store::AuditLog(*m_database, m_clock)
                .append(state == ApplicationState::Accepted ? "outbox.accepted" : "outbox.discarded",
                        detail));
        TRY(transaction.commit());
        log::info("outbox: application {} {}", application_id, to_string(state));
    }
    // After the commit: a crash here leaves blob files no row references, removed at the next open.
    return delete_unreferenced(current.blobs);
}

Result<void> Outbox::delete_unreferenced(const std::vector<OutboxBlob>& blobs) {
    if (blobs.empty())
        return {};
    auto lock = TRY(FolderLock::take(m_folder / "blobs.lock", FolderLock::Mode::Exclusive));
    auto still_used = TRY(m_database->prepare("SELECT 1 FROM outbox_blobs WHERE sha256 = ? LIMIT 1"));
    bool removed = false;
    for (const auto& blob : blobs) {
        still_used.reset();
        TRY(still_used.bind_text(1, blob.sha256));
        if (TRY(still_used.step()))
            continue;
        std::error_code error;
        removed |= fs::remove(blob_path(blob.sha256), error);
        if (error)
            return make_error(ErrorCode::Io,
                              blob_path(blob.sha256).string() + ": cannot delete: " + error.message());
    }
    if (removed)
        TRY(sync_folder(m_blobs));
    return {};
}

} // namespace kiosk::outbox
