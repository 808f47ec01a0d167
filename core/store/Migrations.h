#pragma once
// Versioned schema migrations. Each runs once per file, in its own transaction, and is recorded in
// the schema_migrations table. A file from newer software is refused rather than used: older code
// would not know what its new columns and tables mean.

#include "core/base/Result.h"

#include <vector>

namespace kiosk::store {

class Database;

struct Migration {
    int version;             // 1, 2, 3, ... in order, never reused or edited once shipped
    const char* description; // one line, recorded beside the version
    const char* sql;         // one or more statements
};

// The kiosk's schema history (Migrations.cpp).
const std::vector<Migration>& schema_migrations();
int latest_schema_version();

// Applies every migration of `list` the file has not recorded yet; returns the versions applied now.
// Errors: Unsupported when the file records a version newer than the list knows; ReadOnly when the
// database is opened read-only and needs migrating.
Result<std::vector<int>> apply_migrations(Database& database, const std::vector<Migration>& list);

// Highest recorded version; 0 for a file no migration has touched.
Result<int> schema_version(Database& database);

} // namespace kiosk::store
