#include "core/store/SqliteError.h"

#include <sqlite3.h>
#include <string>

namespace kiosk::store {
namespace {

struct Mapping {
    ErrorCode code;
    const char* summary;
};

Mapping map(int primary_code) {
    switch (primary_code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return {ErrorCode::Busy, "database is locked by another process"};
    case SQLITE_READONLY:
        return {ErrorCode::ReadOnly, "database is read-only"};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return {ErrorCode::Corrupt, "database file is damaged or is not a database"};
    case SQLITE_CANTOPEN:
        return {ErrorCode::Io, "cannot open the database file"};
    case SQLITE_FULL:
        return {ErrorCode::Io, "disk is full"};
    case SQLITE_IOERR:
        return {ErrorCode::Io, "disk I/O error"};
    case SQLITE_PERM:
        return {ErrorCode::Io, "access denied"};
    case SQLITE_CONSTRAINT:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
    case SQLITE_MISMATCH:
        return {ErrorCode::InvalidArgument, "value rejected"};
    default:
        return {ErrorCode::Internal, "unexpected database error"};
    }
}

} // namespace

Error sqlite_to_error(int result_code, std::string_view path, std::string_view what,
                      std::string_view detail) {
    // Extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_FSYNC, ...) carry their family in the low byte.
    Mapping mapping = map(result_code & 0xff);
    std::string message = std::string(path) + ": " + std::string(what) + ": " + mapping.summary;
    if (!detail.empty() && detail != mapping.summary)
        message += " (" + std::string(detail) + ")";
    return make_error(mapping.code, std::move(message));
}

} // namespace kiosk::store
