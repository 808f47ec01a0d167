#pragma once
// The kiosk's local store: one SQLite connection to one file. Opening is where the file is checked and
// brought up to date: WAL journal with synchronous FULL (a citizen is told "submitted" only after the row
// is on disk, docs/Architecture.md "Data and its safety"), foreign keys on, a quick integrity check,
// then any pending migrations. Every SQLite failure comes back as an Error naming the path; nothing here
// throws or aborts.
//
// A Database is not thread-safe: use it from one thread (a store Worker). Statements and transactions
// borrow the connection and must not outlive it.

#include "core/base/Result.h"
#include "core/store/Statement.h"
#include "core/store/Transaction.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace kiosk::store {

struct Migration;

struct DatabaseOptions {
    int busy_timeout_ms = 2000; // ms to wait for another connection's lock before failing with Busy
    bool read_only = false; // no writes and no migrations (staff tools, diagnostics); writes fail ReadOnly
    // The schema history this file follows; null: the kiosk's (schema_migrations()). Another program
    // on the same store code (kiosk-hub) passes its own, and its file holds only its own tables.
    const std::vector<Migration>* migrations = nullptr;
};

class Database {
public:
    // Errors: NotFound (no such folder or, read-only, no such file), ReadOnly, Busy, Corrupt,
    // Unsupported (schema newer than this software), Io.
    static Result<std::unique_ptr<Database>> open(const std::string& path,
                                                  const DatabaseOptions& options = {});

    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs one or more statements that return no rows (schema changes, pragmas that set).
    Result<void> execute(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    // BEGIN IMMEDIATE; the returned Transaction rolls back unless committed. Busy when another connection
    // holds the write lock past the busy timeout; ReadOnly on a read-only Database.
    Result<Transaction> begin();

    const std::string& path() const { return m_path; }
    bool read_only() const { return m_options.read_only; }
    // Versions the migrations run by open() applied to this file (empty when it was already current).
    const std::vector<int>& migrations_applied_on_open() const { return m_applied_on_open; }
    // Rows changed by the last INSERT/UPDATE/DELETE, and the rowid of the last INSERT.
    int changes() const;
    bool in_transaction() const;
    std::int64_t last_insert_id() const;

    // The failure `result_code` of SQLite call `what` as an Error naming the file (see SqliteError.h).
    Error sqlite_error(int result_code, std::string_view what) const;

private:
    Database(sqlite3* handle, std::string path, const DatabaseOptions& options);
    Result<void> configure();
    Result<void> check_integrity();

    sqlite3* m_handle = nullptr;
    std::string m_path;
    DatabaseOptions m_options;
    std::vector<int> m_applied_on_open;
};

} // namespace kiosk::store
