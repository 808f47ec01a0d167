#include "hub/SqliteHubStore.h"
#include "core/base/Log.h"
#include "core/store/Migrations.h"
#include "core/store/UtcTimestamp.h"

#include <vector>

namespace kiosk::hub {
namespace {

// Append only: a shipped migration is never edited, a change is a new version. Recorded in the
// file's schema_migrations table by the store's own migration runner (core/store/Migrations.h).
const std::vector<store::Migration> kMigrations = {
    {1, "clients, blobs, applications, work items, certificates, audit",
     "CREATE TABLE clients ("
     "  cn TEXT PRIMARY KEY,"
     "  status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),"
     "  added_at TEXT NOT NULL,"
     "  revoked_at TEXT NOT NULL DEFAULT ''"
     ") WITHOUT ROWID;"
     "CREATE TABLE blobs ("
     "  sha256 TEXT PRIMARY KEY,"
     "  bytes INTEGER NOT NULL,"
     "  stored_at TEXT NOT NULL"
     ") WITHOUT ROWID;"
     // request_json holds the applicant and form (personal data the departments need); the query
     // token only as token_sha256.
     "CREATE TABLE applications ("
     "  id TEXT PRIMARY KEY,"
     "  number TEXT NOT NULL UNIQUE,"
     "  token_sha256 TEXT NOT NULL UNIQUE,"
     "  request_sha256 TEXT NOT NULL,"
     "  kiosk_id TEXT NOT NULL,"
     "  submitted_at TEXT NOT NULL,"
     "  received_at TEXT NOT NULL,"
     "  package_id TEXT NOT NULL DEFAULT '',"
     "  request_json TEXT NOT NULL,"
     "  response_json TEXT NOT NULL"
     ");"
     "CREATE TABLE work_items ("
     "  id TEXT PRIMARY KEY,"
     "  application_id TEXT NOT NULL REFERENCES applications (id),"
     "  matter_id TEXT NOT NULL,"
     "  department_id TEXT NOT NULL,"
     "  state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'more_requested')),"
     "  promised_date TEXT NOT NULL,"
     "  decided_at TEXT NOT NULL DEFAULT '',"
     "  reason TEXT NOT NULL DEFAULT '',"
     "  officer TEXT NOT NULL DEFAULT '',"
     "  certificate_id TEXT NOT NULL DEFAULT ''"
     ");"
     "CREATE INDEX work_items_by_application ON work_items (application_id);"
     "CREATE INDEX work_items_by_queue ON work_items (department_id, state, promised_date);"
     "CREATE TABLE certificates ("
     "  id TEXT PRIMARY KEY,"
     "  work_item_id TEXT NOT NULL UNIQUE REFERENCES work_items (id),"
     "  application_number TEXT NOT NULL,"
     "  matter_id TEXT NOT NULL,"
     "  title TEXT NOT NULL,"
     "  id_number_key TEXT NOT NULL,"
     "  pdf_path TEXT NOT NULL,"
     "  issued_at TEXT NOT NULL"
     ");"
     "CREATE INDEX certificates_by_holder ON certificates (id_number_key);"
     "CREATE TABLE day_counters ("
     "  day TEXT PRIMARY KEY,"
     "  last INTEGER NOT NULL"
     ") WITHOUT ROWID;"
     "CREATE TABLE audit ("
     "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
     "  at TEXT NOT NULL,"
     "  actor TEXT NOT NULL,"
     "  kind TEXT NOT NULL,"
     "  detail TEXT NOT NULL DEFAULT ''"
     ");"},
};

constexpr const char* kApplicationColumns =
    "SELECT id, number, token_sha256, request_sha256, kiosk_id, submitted_at, received_at, package_id,"
    " request_json, response_json FROM applications WHERE ";
constexpr const char* kWorkItemColumns =
    "SELECT w.id, w.application_id, a.number, w.matter_id, w.department_id, w.state, w.promised_date,"
    " a.received_at, w.decided_at, w.reason, w.officer, w.certificate_id"
    " FROM work_items w JOIN applications a ON a.id = w.application_id WHERE ";
constexpr const char* kCertificateColumns =
    "SELECT id, application_number, work_item_id, matter_id, title, id_number_key, pdf_path, issued_at"
    " FROM certificates WHERE ";

WorkItemRecord read_work_item(const store::Statement& row) {
    WorkItemRecord item;
    item.id = row.column_text(0);
    item.application_id = row.column_text(1);
    item.application_number = row.column_text(2);
    item.matter_id = row.column_text(3);
    item.department_id = row.column_text(4);
    item.state = row.column_text(5);
    item.promised_date = row.column_text(6);
    item.received_at = row.column_text(7);
    item.decided_at = row.column_text(8);
    item.reason = row.column_text(9);
    item.officer = row.column_text(10);
    item.certificate_id = row.column_text(11);
    return item;
}

CertificateRecord read_certificate(const store::Statement& row) {
    CertificateRecord certificate;
    certificate.id = row.column_text(0);
    certificate.application_number = row.column_text(1);
    certificate.work_item_id = row.column_text(2);
    certificate.matter_id = row.column_text(3);
    certificate.title = row.column_text(4);
    certificate.id_number_key = row.column_text(5);
    certificate.pdf_path = row.column_text(6);
    certificate.issued_at = row.column_text(7);
    return certificate;
}

} // namespace

store::DatabaseOptions SqliteHubStore::database_options() {
    store::DatabaseOptions options;
    options.migrations = &kMigrations;
    return options;
}

Result<std::unique_ptr<SqliteHubStore>> SqliteHubStore::open(const std::string& path, const Clock& clock) {
    auto database = TRY(store::Database::open(path, database_options()));
    return std::unique_ptr<SqliteHubStore>(new SqliteHubStore(std::move(database), clock));
}

std::string SqliteHubStore::now() const {
    return store::utc_timestamp(m_clock.wall_now());
}

Result<void> SqliteHubStore::audit(const std::string& actor, const std::string& kind,
                                   const std::string& detail) {
    auto insert = TRY(m_database->prepare("INSERT INTO audit (at, actor, kind, detail) VALUES (?, ?, ?, ?)"));
    TRY(insert.bind_text(1, now()));
    TRY(insert.bind_text(2, actor));
    TRY(insert.bind_text(3, kind));
    TRY(insert.bind_text(4, detail));
    return insert.run();
}

Result<std::optional<ClientRecord>> SqliteHubStore::find_client(const std::string& cn) {
    std::lock_guard lock(m_mutex);
    auto query = TRY(m_database->prepare("SELECT status, added_at FROM clients WHERE cn = ?"));
    TRY(query.bind_text(1, cn));
    if (!TRY(query.step()))
        return std::optional<ClientRecord>{};
    return std::optional<ClientRecord>(
        ClientRecord{cn, query.column_text(0) == "active" ? ClientStatus::Active : ClientStatus::Revoked,
                     query.column_text(1)});
}

Result<void> SqliteHubStore::add_client(const std::string& cn, const std::string& actor) {
    std::lock_guard lock(m_mutex);
    auto transaction = TRY(m_database->begin());
    auto exists = TRY(m_database->prepare("SELECT 1 FROM clients WHERE cn = ?"));
    TRY(exists.bind_text(1, cn));
    if (TRY(exists.step()))
        return make_error(ErrorCode::InvalidArgument, "client " + cn + " is registered already");
    auto insert =
        TRY(m_database->prepare("INSERT INTO clients (cn, status, added_at) VALUES (?, 'active', ?)"));
    TRY(insert.bind_text(1, cn));
    TRY(insert.bind_text(2, now()));
    TRY(insert.run());
    TRY(audit(actor, "client.added", cn));
    return transaction.commit();
}

Result<void> SqliteHubStore::revoke_client(const std::string& cn, const std::string& actor) {
    std::lock_guard lock(m_mutex);
    auto transaction = TRY(m_database->begin());
    auto update =
        TRY(m_database->prepare("UPDATE clients SET status = 'revoked', revoked_at = ? WHERE cn = ?"));
    TRY(update.bind_text(1, now()));
    TRY(update.bind_text(2, cn));
    TRY(update.run());
    if (m_database->changes() == 0)
        return make_error(ErrorCode::NotFound, "no client " + cn);
    TRY(audit(actor, "client.revoked", cn));
    return transaction.commit();
}

Result<std::vector<ClientRecord>> SqliteHubStore::list_clients() {
    std::lock_guard lock(m_mutex);
    auto query = TRY(m_database->prepare("SELECT cn, status, added_at FROM clients ORDER BY cn"));
    std::vector<ClientRecord> clients;
    while (TRY(query.step()))
        clients.push_back({query.column_text(0),
                           query.column_text(1) == "active" ? ClientStatus::Active : ClientStatus::Revoked,
                           query.column_text(2)});
    return clients;
}

Result<std::optional<std::int64_t>> SqliteHubStore::blob_size(const std::string& sha256) {
    std::lock_guard lock(m_mutex);
    auto query = TRY(m_database->prepare("SELECT bytes FROM blobs WHERE sha256 = ?"));
    TRY(query.bind_text(1, sha256));
    if (!TRY(query.step()))
        return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>(query.column_int(0));
}

Result<void> SqliteHubStore::record_blob(const std::string& sha256, std::int64_t bytes,
                                         const std::string& actor) {
    std::lock_guard lock(m_mutex);
    auto transaction = TRY(m_database->begin());
    auto insert =
        TRY(m_database->prepare("INSERT OR IGNORE INTO blobs (sha256, bytes, stored_at) VALUES (?, ?, ?)"));
    TRY(insert.bind_text(1, sha256));
    TRY(insert.bind_int(2, bytes));
    TRY(insert.bind_text(3, now()));
    TRY(insert.run());
    if (m_database->changes() > 0)
        TRY(audit(actor, "blob.stored", sha256 + " " + std::to_string(bytes) + " bytes"));
    return transaction.commit();
}

Result<std::optional<ApplicationRecord>> SqliteHubStore::find_application_where(const char* column,
                                                                                const std::string& value) {
    auto query = TRY(m_database->prepare(std::string(kApplicationColumns) + column + " = ?"));
    TRY(query.bind_text(1, value));
    if (!TRY(query.step()))
        return std::optional<ApplicationRecord>{};
    ApplicationRecord record;
    record.id = query.column_text(0);
    record.number = query.column_text(1);
    record.token_sha256 = query.column_text(2);
    record.request_sha256 = query.column_text(3);
    record.kiosk_id = query.column_text(4);
    record.submitted_at = query.column_text(5);
    record.received_at = query.column_text(6);
    record.package_id = query.column_text(7);
    record.request_json = query.column_text(8);
    record.response_json = query.column_text(9);
    record.work_items = TRY(work_items_where("w.application_id = ? ORDER BY w.rowid", record.id));
    return std::optional<ApplicationRecord>(std::move(record));
}

Result<std::optional<ApplicationRecord>> SqliteHubStore::find_application(const std::string& application_id) {
    std::lock_guard lock(m_mutex);
    return find_application_where("id", application_id);
}

Result<std::optional<ApplicationRecord>>
SqliteHubStore::find_application_by_token(const std::string& token_sha256) {
    std::lock_guard lock(m_mutex);
    return find_application_where("token_sha256", token_sha256);
}

Result<ApplicationRecord> SqliteHubStore::insert_application(
    const std::string& application_id, const std::string& number_prefix, const std::string& day,
    const std::function<Result<ApplicationRecord>(const std::string& number)>& make_record,
    const std::string& actor) {
    std::lock_guard lock(m_mutex);
    auto transaction = TRY(m_database->begin());
    // Checked again under the write lock: the same application may have come in on another connection
    // since the caller looked (a kiosk retrying after a timeout while the first attempt is still here).
    auto exists = TRY(m_database->prepare("SELECT 1 FROM applications WHERE id = ?"));
    TRY(exists.bind_text(1, application_id));
    if (TRY(exists.step()))
        return make_error(ErrorCode::Denied, "application " + application_id + " exists already");
    auto counter =
        TRY(m_database->prepare("INSERT INTO day_counters (day, last) VALUES (?, 1)"
                                " ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last"));
    TRY(counter.bind_text(1, day));
    TRY(counter.step());
    auto sequence = counter.column_int(0);
    TRY(counter.run());
    char number[64];
    snprintf(number, sizeof number, "%s%s-%07lld", number_prefix.c_str(), day.c_str(),
             static_cast<long long>(sequence));
    auto record = TRY(make_record(number));

    auto insert = TRY(m_database->prepare(
        "INSERT INTO applications (id, number, token_sha256, request_sha256, kiosk_id, submitted_at, "
        "received_at,"
        " package_id, request_json, response_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const std::string* values[] = {
        &record.id,           &record.number,       &record.token_sha256, &record.request_sha256,
        &record.kiosk_id,     &record.submitted_at, &record.received_at,  &record.package_id,
        &record.request_json, &record.response_json};
    for (int i = 0; i < 10; ++i)
        TRY(insert.bind_text(i + 1, *values[i]));
    TRY(insert.run());
    for (const auto& item : record.work_items) {
        auto add =
            TRY(m_database->prepare("INSERT INTO work_items (id, application_id, matter_id, department_id,"
                                    " state, promised_date) VALUES (?, ?, ?, ?, 'pending', ?)"));
        TRY(add.bind_text(1, item.id));
        TRY(add.bind_text(2, record.id));
        TRY(add.bind_text(3, item.matter_id));
        TRY(add.bind_text(4, item.department_id));
        TRY(add.bind_text(5, item.promised_date));
        TRY(add.run());
        TRY(audit(actor, "work_item.created", item.id + " " + item.matter_id + " -> " + item.department_id));
    }
    TRY(audit(actor, "application.accepted",
              record.number + " id " + record.id + ", " + std::to_string(record.work_items.size()) +
                  " matters"));
    TRY(transaction.commit());
    return record;
}

Result<std::vector<WorkItemRecord>> SqliteHubStore::work_items_where(const char* where, const std::string& a,
                                                                     const std::string& b) {
    auto query = TRY(m_database->prepare(std::string(kWorkItemColumns) + where));
    TRY(query.bind_text(1, a));
    if (!b.empty())
        TRY(query.bind_text(2, b));
    std::vector<WorkItemRecord> items;
    while (TRY(query.step()))
        items.push_back(read_work_item(query));
    return items;
}

Result<std::vector<WorkItemRecord>> SqliteHubStore::list_work_items(const std::string& department_id,
                                                                    const std::string& state) {
    std::lock_guard lock(m_mutex);
    if (state.empty())
        return work_items_where("w.department_id = ? ORDER BY w.promised_date, w.rowid", department_id);
    return work_items_where("w.department_id = ? AND w.state = ? ORDER BY w.promised_date, w.rowid",
                            department_id, state);
}

Result<std::optional<WorkItemRecord>> SqliteHubStore::find_work_item(const std::string& id) {
    std::lock_guard lock(m_mutex);
    auto items = TRY(work_items_where("w.id = ?", id));
    if (items.empty())
        return std::optional<WorkItemRecord>{};
    return std::optional<WorkItemRecord>(std::move(items.front()));
}

Result<WorkItemRecord> SqliteHubStore::decide(const Decision& decision, const std::string& actor) {
    std::lock_guard lock(m_mutex);
    auto transaction = TRY(m_database->begin());
    // Only a pending item changes: of two officers deciding at once, the second gets Denied.
    auto update =
        TRY(m_database->prepare("UPDATE work_items SET state = ?, decided_at = ?, reason = ?, officer = ?,"
                                " certificate_id = ? WHERE id = ? AND state = 'pending'"));
    TRY(update.bind_text(1, decision.state));
    TRY(update.bind_text(2, decision.decided_at));
    TRY(update.bind_text(3, decision.reason));
    TRY(update.bind_text(4, decision.officer));
    TRY(update.bind_text(5, decision.certificate ? decision.certificate->id : std::string()));
    TRY(update.bind_text(6, decision.work_item_id));
    TRY(update.run());
    if (m_database->changes() == 0) {
        auto existing = TRY(work_items_where("w.id = ?", decision.work_item_id));
        if (existing.empty())
            return make_error(ErrorCode::NotFound, "no work item " + decision.work_item_id);
        return make_error(ErrorCode::Denied,
                          "work item " + decision.work_item_id + " is " + existing.front().state);
    }
    // The officer's name is staff data, not a citizen's: it belongs in the audit trail.
    TRY(audit(actor, "work_item." + decision.state, decision.work_item_id + " by " + decision.officer));
    if (const auto& certificate = decision.certificate) {
        auto insert = TRY(m_database->prepare(
            "INSERT INTO certificates (id, work_item_id, application_number, matter_id, title, id_number_key,"
            " pdf_path, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        const std::string* values[] = {
            &certificate->id,        &certificate->work_item_id, &certificate->application_number,
            &certificate->matter_id, &certificate->title,        &certificate->id_number_key,
            &certificate->pdf_path,  &certificate->issued_at};
        for (int i = 0; i < 8; ++i)
            TRY(insert.bind_text(i + 1, *values[i]));
        TRY(insert.run());
        TRY(audit(actor, "certificate.issued", certificate->id + " for " + decision.work_item_id));
    }
    auto items = TRY(work_items_where("w.id = ?", decision.work_item_id));
    TRY(transaction.commit());
    return items.front();
}

Result<std::vector<CertificateRecord>> SqliteHubStore::find_certificates(const std::string& id_number_key) {
    std::lock_guard lock(m_mutex);
    auto query =
        TRY(m_database->prepare(std::string(kCertificateColumns) + "id_number_key = ? ORDER BY issued_at"));
    TRY(query.bind_text(1, id_number_key));
    std::vector<CertificateRecord> certificates;
    while (TRY(query.step()))
        certificates.push_back(read_certificate(query));
    return certificates;
}

Result<std::optional<CertificateRecord>> SqliteHubStore::find_certificate(const std::string& id) {
    std::lock_guard lock(m_mutex);
    auto query = TRY(m_database->prepare(std::string(kCertificateColumns) + "id = ?"));
    TRY(query.bind_text(1, id));
    if (!TRY(query.step()))
        return std::optional<CertificateRecord>{};
    return std::optional<CertificateRecord>(read_certificate(query));
}

Result<std::vector<AuditRecord>> SqliteHubStore::audit_log(int limit) {
    std::lock_guard lock(m_mutex);
    auto query =
        TRY(m_database->prepare("SELECT id, at, actor, kind, detail FROM audit ORDER BY id DESC LIMIT ?"));
    TRY(query.bind_int(1, limit));
    std::vector<AuditRecord> rows;
    while (TRY(query.step()))
        rows.push_back({query.column_int(0), query.column_text(1), query.column_text(2), query.column_text(3),
                        query.column_text(4)});
    return rows;
}

} // namespace kiosk::hub
