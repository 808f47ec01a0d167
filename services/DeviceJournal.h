#pragma once
// What the device panel tells staff beyond the current status (docs/Maintenance.md): each device's last
// fault (when, which reason), its last successful use, and how many times it was used — from the
// events every device already sends to the UI thread. The use counts are the store's counters
// ("device.receipt_printer.uses"), kept by whoever is given as `Count`; the times are kept by whoever is
// given to keep_with (the kiosk's store, core/store/DeviceJournalStore.h) and handed back at start
// (restore), so a restart does not forget them.
//
// UI thread: observe() every event before the scenes see it; entry() for the panel. restore() may come
// from any thread (the store's worker reads what was kept).

#include "core/base/Clock.h"
#include "core/domain/DeviceStatus.h"
#include "core/store/DeviceJournalStore.h"
#include "services/Events.h"

#include <array>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::services {

class DeviceJournal {
public:
    struct Entry {
        std::optional<WallTime> last_fault_at;
        std::string last_fault_reason; // the reason keyword ("media-jam"); "" when none
        std::optional<WallTime> last_success_at;
    };
    using Count = std::function<void(std::string_view counter)>; // +1 to a persistent counter
    // Called on the UI thread with a device's entry whenever its times change, to be stored.
    using Keep = std::function<void(const store::StoredDeviceHistory& history)>;

    DeviceJournal(const Clock& clock, Count count) : m_clock(clock), m_count(std::move(count)) {}

    // Set before the first event.
    void keep_with(Keep keep) { m_keep = std::move(keep); }
    // What was kept before a restart; rows of unknown devices are skipped. A time already noted since
    // start is newer than a kept one and stays.
    void restore(const std::vector<store::StoredDeviceHistory>& kept);

    void observe(const AppEvent& event);
    Entry entry(domain::DeviceKind kind) const {
        std::lock_guard lock(m_mutex);
        return m_entries[index(kind)];
    }
    // The counter a device's successful uses are counted in: "device.<kind>.uses".
    static std::string uses_counter(domain::DeviceKind kind);

private:
    static size_t index(domain::DeviceKind kind) { return static_cast<size_t>(kind); }
    void succeeded(domain::DeviceKind kind);
    void faulted(domain::DeviceKind kind, const std::string& reason);
    void kept_changed(domain::DeviceKind kind); // hands the entry to m_keep

    const Clock& m_clock;
    Count m_count;
    Keep m_keep;
    mutable std::mutex m_mutex; // guards m_entries (restore() may come from another thread)
    std::array<Entry, 5> m_entries;
    std::array<bool, 5> m_faulted{}; // UI thread: the last status seen was a fault (noted when it begins)
};

} // namespace kiosk::services
