#include "StoreTestSupport.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <stdlib.h>

namespace kiosk::store::test {

TempDir::TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/store-test-XXXXXX";
    if (char* made = mkdtemp(pattern.data()))
        m_path = made;
    else
        ADD_FAILURE() << "mkdtemp failed for " << pattern;
}

TempDir::~TempDir() {
    if (m_path.empty())
        return;
    std::error_code ignored;
    // Tests chmod files and folders; give write access back so everything can be removed.
    std::filesystem::permissions(m_path, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ignored);
    std::filesystem::remove_all(m_path, ignored);
}

RawConnection::RawConnection(const std::string& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &m_handle, flags, nullptr) != SQLITE_OK)
        ADD_FAILURE() << "raw open of " << path << " failed: " << sqlite3_errmsg(m_handle);
}

RawConnection::~RawConnection() {
    sqlite3_close_v2(m_handle);
}

bool RawConnection::exec(const std::string& sql) {
    char* message = nullptr;
    int result_code = sqlite3_exec(m_handle, sql.c_str(), nullptr, nullptr, &message);
    if (result_code != SQLITE_OK)
        ADD_FAILURE() << "raw exec of '" << sql << "' failed: " << (message ? message : "?");
    sqlite3_free(message);
    return result_code == SQLITE_OK;
}

std::unique_ptr<Database> open_or_fail(const std::string& path, const DatabaseOptions& options) {
    auto database = Database::open(path, options);
    if (!database.ok()) {
        ADD_FAILURE() << database.error().describe();
        return nullptr;
    }
    return database.release_value();
}

std::string query_text(Database& database, const std::string& sql) {
    auto statement = database.prepare(sql);
    if (!statement.ok()) {
        ADD_FAILURE() << statement.error().describe();
        return "";
    }
    auto row = statement->step();
    if (!row.ok()) {
        ADD_FAILURE() << row.error().describe();
        return "";
    }
    return row.value() ? statement->column_text(0) : "";
}

} // namespace kiosk::store::test
