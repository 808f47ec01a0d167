#pragma once
// Helpers shared by the store tests: a throw-away folder, and a raw SQLite connection that plays
// "another process" (a second kiosk instance, a staff tool holding the file).

#include "core/store/Database.h"

#include <sqlite3.h>
#include <string>

namespace kiosk::store::test {

// A fresh folder under $TMPDIR (mkdtemp), removed with everything in it when the object goes.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return m_path; }
    std::string file(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

// A plain sqlite3 connection, closed when the object goes; exec() fails the current test on error.
class RawConnection {
public:
    explicit RawConnection(const std::string& path, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool exec(const std::string& sql);
    sqlite3* handle() const { return m_handle; }

private:
    sqlite3* m_handle = nullptr;
};

// Opens `path` with default options; fails the test (and returns null) if that does not work.
std::unique_ptr<Database> open_or_fail(const std::string& path, const DatabaseOptions& options = {});

// First column of the first row of `sql`, as text ("" if no row or on error, which fails the test).
std::string query_text(Database& database, const std::string& sql);

} // namespace kiosk::store::test
