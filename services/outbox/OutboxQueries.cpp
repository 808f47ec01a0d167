// Outbox, the reading side: rows, counts, and the decrypted payload and blobs for the uploader.
#include "core/base/Digest.h"
#include "core/protocol/Values.h"
#include "core/store/Database.h"
#include "services/outbox/DurableFile.h"
#include "services/outbox/Outbox.h"

#include <nlohmann/json.hpp>

namespace kiosk::outbox {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kBlobSuffix = ".sbox";

Result<ApplicationState> parse_state(const std::string& text) {
    for (auto state : {ApplicationState::Sealed, ApplicationState::Uploading, ApplicationState::Accepted,
                       ApplicationState::Rejected, ApplicationState::Refused, ApplicationState::Held,
                       ApplicationState::Discarded})
        if (text == to_string(state))
            return state;
    return make_error(ErrorCode::Corrupt, "outbox: unknown application state '" + text + "'");
}

std::vector<std::string> parse_matters(const std::string& text) {
    auto json = nlohmann::json::parse(text, nullptr, false);
    std::vector<std::string> matters;
    if (json.is_array())
        for (const auto& matter : json)
            if (matter.is_string())
                matters.push_back(matter.get<std::string>());
    return matters;
}

constexpr const char* kSelectApplication =
    "SELECT application_id, query_token_sha256, state, package_id, matter_ids, application_number, reason,"
    " attempts, last_error, sealed_utc, updated_utc, finished_utc, next_attempt_ms, failure_kind,"
    " same_failures FROM outbox_applications";

} // namespace

const char* to_string(ApplicationState state) {
    switch (state) {
    case ApplicationState::Sealed:
        return "sealed";
    case ApplicationState::Uploading:
        return "uploading";
    case ApplicationState::Accepted:
        return "accepted";
    case ApplicationState::Rejected:
        return "rejected";
    case ApplicationState::Refused:
        return "refused";
    case ApplicationState::Held:
        return "held";
    case ApplicationState::Discarded:
        break;
    }
    return "discarded";
}

bool waits_for_staff(ApplicationState state) {
    return state == ApplicationState::Refused || state == ApplicationState::Held;
}

Result<std::vector<OutboxApplication>> Outbox::list(const std::string& where_and_order) {
    auto select =
        TRY(m_database->prepare("SELECT application_id FROM outbox_applications " + where_and_order));
    std::vector<std::string> ids;
    while (TRY(select.step()))
        ids.push_back(select.column_text(0));
    std::vector<OutboxApplication> applications;
    for (const auto& id : ids)
        if (auto application = TRY(find(id)))
            applications.push_back(std::move(*application));
    return applications;
}

Result<std::vector<OutboxApplication>> Outbox::unfinished() {
    return list("WHERE state IN ('sealed', 'uploading') ORDER BY sealed_utc, rowid");
}

Result<std::vector<OutboxApplication>> Outbox::for_staff() {
    return list("WHERE state IN ('refused', 'held') ORDER BY sealed_utc, rowid");
}

Result<std::vector<OutboxApplication>> Outbox::recent(int limit) {
    auto select = TRY(m_database->prepare("SELECT application_id FROM outbox_applications"
                                          " ORDER BY sealed_utc DESC, rowid DESC LIMIT ?"));
    TRY(select.bind_int(1, limit));
    std::vector<std::string> ids;
    while (TRY(select.step()))
        ids.push_back(select.column_text(0));
    std::vector<OutboxApplication> applications;
    for (const auto& id : ids)
        if (auto application = TRY(find(id)))
            applications.push_back(std::move(*application));
    return applications;
}

Result<std::optional<OutboxApplication>> Outbox::find(const std::string& application_id) {
    auto select = TRY(m_database->prepare(std::string(kSelectApplication) + " WHERE application_id = ?"));
    TRY(select.bind_text(1, application_id));
    if (!TRY(select.step()))
        return std::optional<OutboxApplication>();
    OutboxApplication application;
    application.application_id = select.column_text(0);
    application.query_token_sha256 = select.column_text(1);
    application.state = TRY(parse_state(select.column_text(2)));
    application.package_id = select.column_text(3);
    application.matter_ids = parse_matters(select.column_text(4));
    application.application_number = select.column_text(5);
    application.reason = select.column_text(6);
    application.attempts = static_cast<int>(select.column_int(7));
    application.last_error = select.column_text(8);
    application.sealed_utc = select.column_text(9);
    application.updated_utc = select.column_text(10);
    application.finished_utc = select.column_text(11);
    application.next_attempt_ms = select.column_int(12);
    application.failure_kind = select.column_text(13);
    application.same_failures = static_cast<int>(select.column_int(14));
    auto blobs = TRY(m_database->prepare(
        "SELECT sha256, bytes FROM outbox_blobs WHERE application_id = ? ORDER BY sha256"));
    TRY(blobs.bind_text(1, application_id));
    while (TRY(blobs.step()))
        application.blobs.push_back(OutboxBlob{blobs.column_text(0), blobs.column_int(1)});
    return std::optional<OutboxApplication>(std::move(application));
}

Result<OutboxCounts> Outbox::counts() {
    auto select = TRY(m_database->prepare("SELECT state, COUNT(*) FROM outbox_applications GROUP BY state"));
    OutboxCounts counts;
    while (TRY(select.step())) {
        int n = static_cast<int>(select.column_int(1));
        switch (TRY(parse_state(select.column_text(0)))) {
        case ApplicationState::Sealed:
            counts.sealed = n;
            break;
        case ApplicationState::Uploading:
            counts.uploading = n;
            break;
        case ApplicationState::Accepted:
            counts.accepted = n;
            break;
        case ApplicationState::Rejected:
            counts.rejected = n;
            break;
        case ApplicationState::Refused:
            counts.refused = n;
            break;
        case ApplicationState::Held:
            counts.held = n;
            break;
        case ApplicationState::Discarded:
            counts.discarded = n;
            break;
        }
    }
    return counts;
}

Result<std::string> Outbox::payload(const std::string& application_id) {
    auto select =
        TRY(m_database->prepare("SELECT payload FROM outbox_applications WHERE application_id = ?"));
    TRY(select.bind_text(1, application_id));
    if (!TRY(select.step()))
        return make_error(ErrorCode::NotFound, "outbox: no application " + application_id);
    if (select.column_is_null(0))
        return make_error(ErrorCode::NotFound,
                          "outbox: application " + application_id + " is finished; its payload was dropped");
    auto box = TRY(from_base64(select.column_text(0)));
    auto body = m_key.open(box);
    if (!body)
        return make_error(ErrorCode::Corrupt,
                          "outbox: application " + application_id + ": " + body.error().message);
    return body.release_value();
}

fs::path Outbox::blob_path(const std::string& sha256) const {
    return m_blobs / (sha256 + std::string(kBlobSuffix));
}

bool Outbox::has_blob_file(const std::string& sha256) const {
    std::error_code ignored;
    return is_sha256_hex(sha256) && fs::exists(blob_path(sha256), ignored);
}

Result<std::string> Outbox::blob(const std::string& sha256) {
    if (!is_sha256_hex(sha256))
        return make_error(ErrorCode::InvalidArgument, "outbox: not a sha256: " + sha256);
    auto box = TRY(read_whole_file(blob_path(sha256)));
    auto bytes = m_key.open(box);
    if (!bytes)
        return make_error(ErrorCode::Corrupt, "outbox: blob " + sha256 + ": " + bytes.error().message);
    if (sha256_hex(bytes.value()) != sha256)
        return make_error(ErrorCode::Corrupt, "outbox: blob " + sha256 + " does not match its hash");
    return bytes.release_value();
}

} // namespace kiosk::outbox
