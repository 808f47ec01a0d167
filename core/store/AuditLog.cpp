#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/UtcTimestamp.h"

namespace kiosk::store {

Result<void> AuditLog::append(std::string_view kind, std::string_view detail) {
    if (kind.empty())
        return make_error(ErrorCode::InvalidArgument, "audit entry without a kind");
    auto statement = TRY(m_database.prepare("INSERT INTO audit_log (at_utc, kind, detail) VALUES (?, ?, ?)"));
    TRY(statement.bind_text(1, utc_timestamp(m_clock.wall_now())));
    TRY(statement.bind_text(2, kind));
    TRY(statement.bind_text(3, detail));
    return statement.run();
}

Result<std::vector<AuditEntry>> AuditLog::recent(int limit) {
    if (limit < 0)
        return make_error(ErrorCode::InvalidArgument, "audit log: negative limit " + std::to_string(limit));
    // By id, not by time: the wall clock may be set back (NTP, staff), the order of events may not.
    auto statement =
        TRY(m_database.prepare("SELECT id, at_utc, kind, detail FROM audit_log ORDER BY id DESC LIMIT ?"));
    TRY(statement.bind_int(1, limit));
    std::vector<AuditEntry> entries;
    while (TRY(statement.step()))
        entries.push_back(AuditEntry{statement.column_int(0), statement.column_text(1),
                                     statement.column_text(2), statement.column_text(3)});
    return entries;
}

} // namespace kiosk::store
