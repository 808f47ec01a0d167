#pragma once
// What the kiosk has used of its paper since staff last replaced it, and when (docs/Maintenance.md
// "Consumables and their forecast"). Per consumable ("receipt-paper" in mm, "a4-paper" in sheets): the
// amount loaded at the last replacement, when and by whom, and the amount used since; and an hourly
// usage table (one row per consumable and UTC hour) that the forecast reads, kept for about 8 weeks.
//
// Not thread-safe, like its Database: use it from one thread. Both the kiosk (services/staff/
// consumables) and kiosk-devctl open the same file; WAL lets them, and each booking is one transaction,
// so a replacement made by the tool is seen by the kiosk at its next read. No personal data: a staff
// member is named by the hall's staff id only.

#include "core/base/Clock.h"
#include "core/base/Result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::store {

class AuditLog;
class Database;

struct ConsumableCounter {
    std::string id;          // "receipt-paper", "a4-paper"
    std::int64_t loaded = 0; // the amount loaded at the last replacement, in the consumable's unit
    std::string loaded_utc;  // when ("2026-11-25T01:30:00Z"); "" when never replaced: what is left is unknown
    std::string loaded_by;   // the staff id who confirmed it; "" when never replaced
    std::int64_t used = 0;   // booked since then (or since counting began), in the consumable's unit
    bool replaced() const { return !loaded_utc.empty(); }
};

struct HourlyUsage {
    WallTime hour;           // the start of the UTC hour
    std::int64_t amount = 0; // used in that hour, in the consumable's unit
};

class ConsumableLedger {
public:
    // Both must outlive the ledger. With `audit`, replace() writes its audit row in the same
    // transaction (kiosk-devctl); the kiosk passes null and audits with the staff member's role itself.
    ConsumableLedger(Database& database, const Clock& clock, AuditLog* audit = nullptr)
        : m_database(database), m_clock(clock), m_audit(audit) {}

    // Adds `amount` (> 0, else InvalidArgument) to the counter and to the hour it happens in; one
    // transaction. An id never seen before starts a counter that was never replaced.
    Result<void> book(std::string_view id, std::int64_t amount);
    // Staff put in a new roll / refilled the tray with `loaded` (>= 0): used starts again at 0.
    // `staff_id` is required (InvalidArgument when empty). `detail` is added to the audit row.
    Result<void> replace(std::string_view id, std::int64_t loaded, std::string_view staff_id,
                         std::string_view detail = {});

    // Every counter, by id; one the kiosk never booked nor replaced is absent.
    Result<std::vector<ConsumableCounter>> counters();
    // Hours of `id` with usage, from `since` on (hours without usage have no row), oldest first.
    Result<std::vector<HourlyUsage>> usage(std::string_view id, WallTime since);
    // Deletes hourly rows older than `before`; answers how many went.
    Result<int> prune_usage(WallTime before);

private:
    Database& m_database;
    const Clock& m_clock;
    AuditLog* m_audit;
};

} // namespace kiosk::store
