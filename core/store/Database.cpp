#include "core/store/Database.h"

#include "core/base/Digest.h"
#include "core/store/Migrations.h"
#include "core/store/SqliteError.h"

#include <filesystem>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::store {
namespace {

std::string octal_mode(mode_t mode) {
    char text[8];
    snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

// SQLite's own answers here are vague (SQLITE_CANTOPEN for a missing folder, a read-only file that
// only fails at the first write), so the place is checked first and the error says what to fix.
Result<void> check_location(const std::string& path, bool read_only) {
    namespace fs = std::filesystem;
    fs::path folder = fs::path(path).parent_path();
    if (folder.empty())
        folder = ".";
    std::error_code error;
    auto folder_status = fs::status(folder, error);
    if (folder_status.type() == fs::file_type::not_found)
        return make_error(ErrorCode::NotFound,
                          path + ": cannot open database: folder " + folder.string() + " does not exist");
    if (error)
        return make_error(ErrorCode::Io, path + ": cannot open database: folder " + folder.string() + ": " +
                                             error.message());
    if (folder_status.type() != fs::file_type::directory)
        return make_error(ErrorCode::NotFound,
                          path + ": cannot open database: " + folder.string() + " is not a folder");

    struct stat info {};
    bool exists = ::stat(path.c_str(), &info) == 0;
    if (exists && S_ISDIR(info.st_mode))
        return make_error(ErrorCode::Io, path + ": cannot open database: it is a folder");
    if (read_only) {
        if (!exists)
            return make_error(ErrorCode::NotFound, path + ": cannot open database read-only: no such file");
        return {};
    }
    // Mode bits, not only access(): root may write anywhere, but a file an operator made read-only
    // (chmod a-w) must not be quietly written by a kiosk that happens to run as root.
    if (exists && (info.st_mode & 0222) == 0)
        return make_error(ErrorCode::ReadOnly, path + ": database file is read-only (mode " +
                                                   octal_mode(info.st_mode) +
                                                   "); open it read-only or make it writable");
    if (exists && ::access(path.c_str(), W_OK) != 0)
        return make_error(ErrorCode::ReadOnly, path + ": database file is not writable by this user");
    // WAL keeps its -wal and -shm files beside the database, so the folder must be writable too.
    if (::access(folder.c_str(), W_OK) != 0)
        return make_error(ErrorCode::ReadOnly,
                          path + ": folder " + folder.string() +
                              " is not writable (SQLite needs its -wal and -shm files there)");
    return {};
}

// sha256_hex(X): the lower-case hex SHA-256 (core/base/Digest.h) of X's bytes (text as UTF-8), NULL for NULL.
// Lets a migration replace a secret by its hash in place (Migrations.cpp, version 6).
void sql_sha256_hex(sqlite3_context* context, int /*count*/, sqlite3_value** values) {
    if (sqlite3_value_type(values[0]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    const auto* bytes = static_cast<const char*>(sqlite3_value_blob(values[0]));
    auto size = static_cast<size_t>(sqlite3_value_bytes(values[0]));
    std::string hex = sha256_hex(std::string_view(bytes, size));
    sqlite3_result_text(context, hex.data(), static_cast<int>(hex.size()), SQLITE_TRANSIENT);
}

} // namespace

Database::Database(sqlite3* handle, std::string path, const DatabaseOptions& options)
    : m_handle(handle), m_path(std::move(path)), m_options(options) {}

Database::~Database() {
    // Closing the last connection checkpoints the WAL into the main file. sqlite3_close_v2 defers the
    // close if a Statement was leaked, rather than failing with SQLITE_BUSY and leaking the handle.
    sqlite3_close_v2(m_handle);
}

Result<std::unique_ptr<Database>> Database::open(const std::string& path, const DatabaseOptions& options) {
    if (path.empty())
        return make_error(ErrorCode::InvalidArgument, "database path is empty");
    TRY(check_location(path, options.read_only));

    int flags = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    sqlite3* handle = nullptr;
    int result_code = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
    // SQLite hands out a handle even when opening fails; the Database owns it from here on.
    std::unique_ptr<Database> database(new Database(handle, path, options));
    if (!handle)
        return make_error(ErrorCode::Internal, path + ": open: out of memory");
    if (result_code != SQLITE_OK)
        return database->sqlite_error(result_code, "open");
    sqlite3_extended_result_codes(handle, 1);

    TRY(database->configure());
    TRY(database->check_integrity());
    database->m_applied_on_open =
        TRY(apply_migrations(*database, options.migrations ? *options.migrations : schema_migrations()));
    return database;
}

Result<void> Database::configure() {
    sqlite3_busy_timeout(m_handle, m_options.busy_timeout_ms);
    int registered = sqlite3_create_function_v2(m_handle, "sha256_hex", 1,
                                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                                nullptr, sql_sha256_hex, nullptr, nullptr, nullptr);
    if (registered != SQLITE_OK)
        return sqlite_error(registered, "register sha256_hex");
    if (!m_options.read_only) {
        // journal_mode answers with the mode it ended up in: a file system without shared memory or a
        // database another process holds in rollback mode can leave it unchanged without an error.
        auto statement = TRY(prepare("PRAGMA journal_mode=WAL"));
        std::string mode = TRY(statement.step()) ? statement.column_text(0) : "";
        if (mode != "wal")
            return make_error(ErrorCode::Io, m_path +
                                                 ": cannot switch the database to WAL journal (mode is '" +
                                                 mode + "')");
    }
    TRY(execute("PRAGMA synchronous=FULL"));
    TRY(execute("PRAGMA foreign_keys=ON"));
    return {};
}

Result<void> Database::check_integrity() {
    // quick_check reads every page (milliseconds for a kiosk-sized file) and catches a damaged file at
    // start-up, before a citizen's application is written into it.
    auto statement = TRY(prepare("PRAGMA quick_check(1)"));
    std::string verdict = TRY(statement.step()) ? statement.column_text(0) : "";
    if (verdict != "ok")
        return make_error(ErrorCode::Corrupt, m_path + ": database integrity check failed: " + verdict);
    return {};
}

Result<void> Database::execute(std::string_view sql) {
    std::string text(sql); // sqlite3_exec wants a terminated string
    char* message = nullptr;
    int result_code = sqlite3_exec(m_handle, text.c_str(), nullptr, nullptr, &message);
    std::string detail = message ? message : "";
    sqlite3_free(message);
    if (result_code != SQLITE_OK)
        return sqlite_to_error(result_code, m_path, "execute", detail);
    return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* statement = nullptr;
    int result_code =
        sqlite3_prepare_v2(m_handle, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
    if (result_code != SQLITE_OK) {
        sqlite3_finalize(statement);
        return sqlite_error(result_code, "prepare");
    }
    if (!statement)
        return make_error(ErrorCode::InvalidArgument, m_path + ": prepare: no SQL statement in the text");
    return Statement(*this, statement);
}

Result<Transaction> Database::begin() {
    // IMMEDIATE takes the write lock now: a locked store shows up as Busy at begin, not halfway
    // through, and in WAL mode a read-then-write transaction cannot hit SQLITE_BUSY_SNAPSHOT.
    // SQLite would begin one on a read-only connection and fail only at the first write.
    if (m_options.read_only)
        return make_error(ErrorCode::ReadOnly, m_path + ": begin transaction: database was opened read-only");
    TRY(execute("BEGIN IMMEDIATE"));
    return Transaction(*this);
}

int Database::changes() const {
    return sqlite3_changes(m_handle);
}

bool Database::in_transaction() const {
    return sqlite3_get_autocommit(m_handle) == 0;
}

std::int64_t Database::last_insert_id() const {
    return sqlite3_last_insert_rowid(m_handle);
}

Error Database::sqlite_error(int result_code, std::string_view what) const {
    return sqlite_to_error(result_code, m_path, what, m_handle ? sqlite3_errmsg(m_handle) : "");
}

} // namespace kiosk::store
