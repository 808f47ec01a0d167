// The hub file's schema history (kMigrations: every table and index of hub.sqlite, version by version)
// and the database options that carry it to Database::open (HubSchema.h).
#include "hub/HubSchema.h"
#include "core/store/Migrations.h"

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
    // docs/specs/hub-contract.md §6.1: one print of a certificate across the hall. A certificate's latest
    // grant (by rowid) is its print state. No personal data: ids, the kiosk, staff ids, times.
    {2, "print grants per certificate; audit by kind and time",
     "CREATE TABLE print_grants ("
     "  id TEXT PRIMARY KEY,"
     "  certificate_id TEXT NOT NULL REFERENCES certificates (id),"
     "  kiosk_id TEXT NOT NULL,"
     "  state TEXT NOT NULL CHECK (state IN ('open', 'printed', 'failed', 'unknown')),"
     "  granted_at TEXT NOT NULL,"
     "  expires_at TEXT NOT NULL,"
     "  outcome_at TEXT NOT NULL DEFAULT '',"
     "  reason TEXT NOT NULL DEFAULT '',"
     "  reprint_staff TEXT NOT NULL DEFAULT '',"
     "  reprint_reason TEXT NOT NULL DEFAULT ''"
     ");"
     "CREATE INDEX print_grants_by_certificate ON print_grants (certificate_id);"
     "CREATE INDEX audit_by_kind_and_time ON audit (kind, at);"},
};

} // namespace

store::DatabaseOptions hub_database_options() {
    store::DatabaseOptions options;
    options.migrations = &kMigrations;
    return options;
}

} // namespace kiosk::hub
