#pragma once
// Each device's last fault and last successful use, kept across restarts (services/DeviceJournal.h; the
// use counters are the store's Counters). One row per device, named by DeviceKind's name
// ("receipt_printer"), migration "staff pad lockout and device journal times". Times are wall clock.
// No personal data: a reason is a device's reason keyword ("media-jam").

#include "core/base/Clock.h"
#include "core/base/Result.h"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::store {

class Database;

struct StoredDeviceHistory {
    std::string device; // "receipt_printer", … (domain::to_string)
    std::optional<WallTime> last_fault_at;
    std::string last_fault_reason; // "" when none
    std::optional<WallTime> last_success_at;
    bool operator==(const StoredDeviceHistory&) const = default;
};

class DeviceJournalStore {
public:
    // The database must outlive the store.
    explicit DeviceJournalStore(Database& database) : m_database(database) {}

    // Every device saved, by name.
    Result<std::vector<StoredDeviceHistory>> load();
    // Writes one device's row (one statement). InvalidArgument for an empty device name.
    Result<void> save(const StoredDeviceHistory& history);

private:
    Database& m_database;
};

} // namespace kiosk::store
