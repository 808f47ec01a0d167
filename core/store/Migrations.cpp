#include "core/store/Migrations.h"
#include "core/base/Log.h"
#include "core/store/Database.h"

namespace kiosk::store {
namespace {

// Append only: a shipped migration is never edited, a change is a new version.
const std::vector<Migration> kMigrations = {
    {1, "audit log and staff counters",
     // audit_log holds what hall staff may see: session started/ended/wiped, device faults, config
     // applied. Never personal data. AUTOINCREMENT so an id is not reused after old rows are pruned.
     "CREATE TABLE audit_log ("
     "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
     "  at_utc TEXT NOT NULL,"
     "  kind TEXT NOT NULL,"
     "  detail TEXT NOT NULL DEFAULT ''"
     ");"
     "CREATE TABLE counters ("
     "  name TEXT PRIMARY KEY,"
     "  value INTEGER NOT NULL DEFAULT 0"
     ") WITHOUT ROWID;"},
    {2, "index audit_log by kind", "CREATE INDEX audit_log_by_kind ON audit_log (kind, id);"},
    {3, "print ledger and certificate reprint grants",
     // Every print from request to end (PrintLedger.h). A document is named by its reference
     // (application or certificate number), never by whose it is.
     "CREATE TABLE print_jobs ("
     "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
     "  kind TEXT NOT NULL,"
     "  reference TEXT NOT NULL DEFAULT '',"
     "  queue TEXT NOT NULL,"
     "  job_id INTEGER NOT NULL DEFAULT 0,"
     "  state TEXT NOT NULL,"
     "  reason TEXT NOT NULL DEFAULT '',"
     "  authorised_by TEXT NOT NULL DEFAULT '',"
     "  created_utc TEXT NOT NULL,"
     "  finished_utc TEXT NOT NULL DEFAULT ''"
     ");"
     "CREATE INDEX print_jobs_by_reference ON print_jobs (kind, reference);"
     "CREATE INDEX print_jobs_unfinished ON print_jobs (state) WHERE state IN ('queued', 'printing');"
     "CREATE TABLE reprint_grants ("
     "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
     "  certificate TEXT NOT NULL,"
     "  staff_id TEXT NOT NULL,"
     "  reason TEXT NOT NULL,"
     "  granted_utc TEXT NOT NULL,"
     "  used_by_print INTEGER REFERENCES print_jobs (id)"
     ");"},
    {4, "outbox of sealed applications",
     // services/outbox/Outbox.h. Personal data only as ciphertext (payload: base64 of a
     // libsodium secretbox, nonce first), dropped once the hub has answered; what stays is what the
     // receipt and the audit need. Materials are files <outbox dir>/blobs/<sha256>.sbox, listed per
     // application in outbox_blobs (a blob two applications share is listed twice).
     "CREATE TABLE outbox_applications ("
     "  application_id TEXT PRIMARY KEY,"
     "  query_token TEXT NOT NULL,"
     "  state TEXT NOT NULL CHECK (state IN ('sealed', 'uploading', 'accepted', 'rejected')),"
     "  package_id TEXT NOT NULL DEFAULT '',"
     "  matter_ids TEXT NOT NULL,"
     "  payload TEXT,"
     "  application_number TEXT NOT NULL DEFAULT '',"
     "  reason TEXT NOT NULL DEFAULT '',"
     "  attempts INTEGER NOT NULL DEFAULT 0,"
     "  last_error TEXT NOT NULL DEFAULT '',"
     "  sealed_utc TEXT NOT NULL,"
     "  updated_utc TEXT NOT NULL,"
     "  finished_utc TEXT NOT NULL DEFAULT ''"
     ");"
     "CREATE INDEX outbox_applications_unfinished ON outbox_applications (sealed_utc)"
     "  WHERE state IN ('sealed', 'uploading');"
     "CREATE TABLE outbox_blobs ("
     "  application_id TEXT NOT NULL REFERENCES outbox_applications (application_id) ON DELETE CASCADE,"
     "  sha256 TEXT NOT NULL,"
     "  bytes INTEGER NOT NULL,"
     "  PRIMARY KEY (application_id, sha256)"
     ") WITHOUT ROWID;"
     "CREATE INDEX outbox_blobs_by_hash ON outbox_blobs (sha256);"
     // A box sealed with the outbox key: opening the outbox with another key fails clearly at start
     // instead of at the first upload.
     "CREATE TABLE outbox_key_check ("
     "  id INTEGER PRIMARY KEY CHECK (id = 1),"
     "  sealed TEXT NOT NULL"
     ");"},
    {5, "outbox: applications kept for staff, back-off per application",
     // services/outbox/Outbox.h "States": a refusal of the hub (refused) or a failure that repeats
     // (held) keeps the payload and the blobs until staff send it again or discard it (discarded);
     // next_attempt_ms (ms since the Unix epoch, 0: now), failure_kind and same_failures are the
     // application's own back-off. SQLite cannot change a CHECK constraint in place, so the table is
     // rebuilt; outbox_blobs is set aside first and rebuilt after, because dropping the table it
     // references would cascade (foreign_keys=ON) and delete its rows.
     "CREATE TABLE outbox_blobs_v4 AS SELECT application_id, sha256, bytes FROM outbox_blobs;"
     "DROP TABLE outbox_blobs;"
     "CREATE TABLE outbox_applications_v5 ("
     "  application_id TEXT PRIMARY KEY,"
     "  query_token TEXT NOT NULL,"
     "  state TEXT NOT NULL CHECK (state IN ('sealed', 'uploading', 'accepted', 'rejected', 'refused',"
     "    'held', 'discarded')),"
     "  package_id TEXT NOT NULL DEFAULT '',"
     "  matter_ids TEXT NOT NULL,"
     "  payload TEXT,"
     "  application_number TEXT NOT NULL DEFAULT '',"
     "  reason TEXT NOT NULL DEFAULT '',"
     "  attempts INTEGER NOT NULL DEFAULT 0,"
     "  last_error TEXT NOT NULL DEFAULT '',"
     "  sealed_utc TEXT NOT NULL,"
     "  updated_utc TEXT NOT NULL,"
     "  finished_utc TEXT NOT NULL DEFAULT '',"
     "  next_attempt_ms INTEGER NOT NULL DEFAULT 0,"
     "  failure_kind TEXT NOT NULL DEFAULT '',"
     "  same_failures INTEGER NOT NULL DEFAULT 0"
     ");"
     "INSERT INTO outbox_applications_v5 (application_id, query_token, state, package_id, matter_ids, "
     "payload,"
     "  application_number, reason, attempts, last_error, sealed_utc, updated_utc, finished_utc)"
     " SELECT application_id, query_token, state, package_id, matter_ids, payload, application_number,"
     "  reason, attempts, last_error, sealed_utc, updated_utc, finished_utc"
     " FROM outbox_applications ORDER BY rowid;"
     "DROP TABLE outbox_applications;"
     "ALTER TABLE outbox_applications_v5 RENAME TO outbox_applications;"
     "CREATE INDEX outbox_applications_unfinished ON outbox_applications (sealed_utc)"
     "  WHERE state IN ('sealed', 'uploading');"
     "CREATE INDEX outbox_applications_for_staff ON outbox_applications (sealed_utc)"
     "  WHERE state IN ('refused', 'held');"
     "CREATE TABLE outbox_blobs ("
     "  application_id TEXT NOT NULL REFERENCES outbox_applications (application_id) ON DELETE CASCADE,"
     "  sha256 TEXT NOT NULL,"
     "  bytes INTEGER NOT NULL,"
     "  PRIMARY KEY (application_id, sha256)"
     ") WITHOUT ROWID;"
     "INSERT INTO outbox_blobs (application_id, sha256, bytes)"
     " SELECT application_id, sha256, bytes FROM outbox_blobs_v4;"
     "DROP TABLE outbox_blobs_v4;"
     "CREATE INDEX outbox_blobs_by_hash ON outbox_blobs (sha256);"},
    {6, "outbox: the query token kept only as its SHA-256",
     // The receipt's query token is a bearer secret: whoever holds it reads the application's progress.
     // The hub gets it inside the sealed payload (dropped once accepted), the citizen on the receipt;
     // the row keeps only its SHA-256 (enough to recognise a receipt staff are shown). sha256_hex() is
     // the store's own SQL function (Database.cpp). secure_delete: the rewritten rows' old bytes are
     // overwritten, not left in free pages.
     "PRAGMA secure_delete=ON;"
     "ALTER TABLE outbox_applications ADD COLUMN query_token_sha256 TEXT NOT NULL DEFAULT '';"
     "UPDATE outbox_applications SET query_token_sha256 = sha256_hex(query_token);"
     "ALTER TABLE outbox_applications DROP COLUMN query_token;"},
    {7, "print ledger: the hub's print grant and whether its outcome reached the hub",
     // core/store/PrintLedger.h: a certificate prints under the hub's grant (docs/specs/hub-contract.md
     // §6.1); hub_reported is 0 until the hub has the outcome, so an outcome never gets lost across a
     // restart. state gains 'unknown' (no CHECK on it, so nothing to rebuild).
     "ALTER TABLE print_jobs ADD COLUMN hub_grant TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE print_jobs ADD COLUMN hub_reported INTEGER NOT NULL DEFAULT 0;"
     "CREATE INDEX print_jobs_to_report ON print_jobs (id) WHERE hub_grant != '' AND hub_reported = 0;"},
    {8, "service state set by staff",
     // core/store/ServiceStateStore.h: one row, the out-of-service state staff set at the kiosk or with
     // kiosk-devctl, so it survives a restart and a running kiosk picks a tool's change up. revision
     // grows with every write. Staff are named by id and role only.
     "CREATE TABLE service_state ("
     "  id INTEGER PRIMARY KEY CHECK (id = 1),"
     "  in_service INTEGER NOT NULL CHECK (in_service IN (0, 1)),"
     "  reason TEXT NOT NULL DEFAULT '' CHECK (reason IN ('', 'hardware', 'consumables', 'network',"
     "    'maintenance', 'staff')),"
     "  detail TEXT NOT NULL DEFAULT '',"
     "  notice_zh TEXT NOT NULL DEFAULT '',"
     "  notice_en TEXT NOT NULL DEFAULT '',"
     "  staff_id TEXT NOT NULL DEFAULT '',"
     "  staff_role TEXT NOT NULL DEFAULT '',"
     "  changed_utc TEXT NOT NULL,"
     "  revision INTEGER NOT NULL"
     ");"},
    {9, "consumables: counters since the last replacement and hourly usage",
     // core/store/ConsumableLedger.h. amounts in the consumable's own unit (receipt paper mm, A4
     // sheets). loaded_utc '' means never replaced since the kiosk began counting: how much is left is
     // then unknown. consumable_usage keeps one row per consumable and UTC hour for the forecast,
     // pruned after about 8 weeks.
     "CREATE TABLE consumables ("
     "  id TEXT PRIMARY KEY,"
     "  loaded INTEGER NOT NULL DEFAULT 0,"
     "  loaded_utc TEXT NOT NULL DEFAULT '',"
     "  loaded_by TEXT NOT NULL DEFAULT '',"
     "  used INTEGER NOT NULL DEFAULT 0"
     ") WITHOUT ROWID;"
     "CREATE TABLE consumable_usage ("
     "  consumable TEXT NOT NULL,"
     "  hour_utc TEXT NOT NULL,"
     "  amount INTEGER NOT NULL,"
     "  PRIMARY KEY (consumable, hour_utc)"
     ") WITHOUT ROWID;"},
    {10, "staff pad lockout and device journal times",
     // core/store/StaffPinLockStore.h: one row, the pad's wrong tries in a row and, while locked, when
     // the lock ends (ms since the Unix epoch, wall clock, 0: not locked), so a restart does not clear
     // a lock. core/store/DeviceJournalStore.h: per device (DeviceKind's name) its last fault (when,
     // the reason keyword) and last successful use (ms since the Unix epoch, 0: never). No personal data.
     "CREATE TABLE staff_pin_lock ("
     "  id INTEGER PRIMARY KEY CHECK (id = 1),"
     "  wrong_tries INTEGER NOT NULL DEFAULT 0,"
     "  locked_until_ms INTEGER NOT NULL DEFAULT 0"
     ");"
     "CREATE TABLE device_journal ("
     "  device TEXT PRIMARY KEY,"
     "  last_fault_ms INTEGER NOT NULL DEFAULT 0,"
     "  last_fault_reason TEXT NOT NULL DEFAULT '',"
     "  last_success_ms INTEGER NOT NULL DEFAULT 0"
     ") WITHOUT ROWID;"},
};

const char* const g_create_bookkeeping = "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                         "  version INTEGER PRIMARY KEY,"
                                         "  description TEXT NOT NULL,"
                                         "  applied_at_utc TEXT NOT NULL"
                                         ")";

Result<bool> has_bookkeeping(Database& database) {
    auto statement = TRY(
        database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"));
    return TRY(statement.step());
}

Result<bool> is_recorded(Database& database, int version) {
    auto statement = TRY(database.prepare("SELECT 1 FROM schema_migrations WHERE version = ?"));
    TRY(statement.bind_int(1, version));
    return TRY(statement.step());
}

Result<void> apply_one(Database& database, const Migration& migration) {
    auto transaction = TRY(database.begin());
    // Checked again under the write lock: another process may have migrated the file meanwhile.
    if (TRY(is_recorded(database, migration.version)))
        return transaction.commit();
    TRY(database.execute(migration.sql));
    // The time of a migration is bookkeeping for engineers; SQLite's clock is good enough for it.
    auto record = TRY(database.prepare("INSERT INTO schema_migrations (version, description, applied_at_utc)"
                                       " VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"));
    TRY(record.bind_int(1, migration.version));
    TRY(record.bind_text(2, migration.description));
    TRY(record.run());
    return transaction.commit();
}

} // namespace

const std::vector<Migration>& schema_migrations() {
    return kMigrations;
}

int latest_schema_version() {
    return kMigrations.empty() ? 0 : kMigrations.back().version;
}

Result<int> schema_version(Database& database) {
    if (!TRY(has_bookkeeping(database)))
        return 0;
    auto statement = TRY(database.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    TRY(statement.step());
    return static_cast<int>(statement.column_int(0));
}

Result<std::vector<int>> apply_migrations(Database& database, const std::vector<Migration>& list) {
    for (size_t i = 0; i < list.size(); ++i) {
        if (list[i].version < 1 || (i > 0 && list[i].version <= list[i - 1].version))
            return make_error(ErrorCode::Internal, "migration versions must be positive and ascending");
    }

    int known = list.empty() ? 0 : list.back().version;
    int current = TRY(schema_version(database));
    if (current > known)
        return make_error(ErrorCode::Unsupported,
                          database.path() + ": database schema version " + std::to_string(current) +
                              " is newer than this kiosk software (" + std::to_string(known) + ")");

    std::vector<int> applied;
    if (database.read_only()) {
        for (const auto& migration : list) {
            if (current == 0 || !TRY(is_recorded(database, migration.version)))
                return make_error(ErrorCode::ReadOnly,
                                  database.path() + ": database needs schema migration " +
                                      std::to_string(migration.version) + " but was opened read-only");
        }
        return applied;
    }
    // Created only when missing: opening an up-to-date file must not need the write lock.
    if (!TRY(has_bookkeeping(database)))
        TRY(database.execute(g_create_bookkeeping));
    for (const auto& migration : list) {
        if (TRY(is_recorded(database, migration.version)))
            continue;
        TRY(apply_one(database, migration));
        log::info("store: {}: applied schema migration {} ({})", database.path(), migration.version,
                  migration.description);
        applied.push_back(migration.version);
    }
    return applied;
}

} // namespace kiosk::store
