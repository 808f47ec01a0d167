// SqliteHubStore: opening the file (its schema is HubSchema.cpp), the audit trail every change writes
// to and reads back, the clients registry and the blobs' metadata. Applications are
// SqliteHubStoreApplications.cpp; work items, decisions and certificates SqliteHubStoreDecisions.cpp.
#include "hub/SqliteHubStore.h"
#include "core/store/UtcTimestamp.h"
#include "hub/HubSchema.h"

namespace kiosk::hub {

store::DatabaseOptions SqliteHubStore::database_options() {
    return hub_database_options();
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

Result<bool> SqliteHubStore::holds_citizen_data() {
    std::lock_guard lock(m_mutex);
    auto query =
        TRY(m_database->prepare("SELECT EXISTS (SELECT 1 FROM blobs) OR EXISTS (SELECT 1 FROM applications)"
                                " OR EXISTS (SELECT 1 FROM certificates)"));
    TRY(query.step());
    return query.column_int(0) != 0;
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
