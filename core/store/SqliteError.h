#pragma once
// How SQLite result codes become kiosk Errors, so that a staff screen can say what is wrong with the
// store (locked, read-only, damaged) instead of "SQL error".

#include "core/base/Result.h"

#include <string_view>

namespace kiosk::store {

// result_code: a primary or extended SQLite code; what: the operation ("open", "step");
// detail: sqlite3_errmsg() text, which names tables and columns but never bound values.
//   BUSY, LOCKED       -> Busy      CORRUPT, NOTADB -> Corrupt     READONLY -> ReadOnly
//   CANTOPEN, IOERR, FULL, PERM -> Io     CONSTRAINT, TOOBIG, RANGE, MISMATCH -> InvalidArgument
//   anything else      -> Internal (a bug of ours, e.g. bad SQL)
Error sqlite_to_error(int result_code, std::string_view path, std::string_view what, std::string_view detail);

} // namespace kiosk::store
