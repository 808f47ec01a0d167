#pragma once
// The staff-visible audit trail: session started/ended/wiped, device faults, config applied.
// It must never hold personal data (no names, ID numbers, payloads): kinds are fixed words and
// details are written by our code, not copied from a citizen.

#include "core/base/Clock.h"
#include "core/base/Result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::store {

class Database;

struct AuditEntry {
    std::int64_t id = 0; // grows with every entry, never reused
    std::string at_utc;  // ISO 8601 UTC, "2026-11-25T01:30:00Z"
    std::string kind;    // "session.started", "device.fault", ...
    std::string detail;  // free text for staff, no personal data
};

class AuditLog {
public:
    // Both must outlive the AuditLog.
    AuditLog(Database& database, const Clock& clock) : m_database(database), m_clock(clock) {}

    // kind must not be empty (InvalidArgument).
    Result<void> append(std::string_view kind, std::string_view detail);
    // Newest first, at most `limit` entries (limit < 0 is InvalidArgument).
    Result<std::vector<AuditEntry>> recent(int limit);

private:
    Database& m_database;
    const Clock& m_clock;
};

} // namespace kiosk::store
