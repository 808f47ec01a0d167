#pragma once
// What the device panel tells staff beyond the current status (docs/Maintenance.md): each device's last
// fault (when, which reason), its last successful use, and how many times it was used — from the
// events every device already sends to the UI thread. Times live in memory (a restart starts them
// afresh; the audit log keeps the faults); the use counts are the store's counters
// ("device.receipt_printer.uses"), kept by whoever is given as `Count`.
//
// UI thread: observe() every event before the scenes see it.

#include "core/base/Clock.h"
#include "core/domain/DeviceStatus.h"
#include "services/Events.h"

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::services {

class DeviceJournal {
public:
    struct Entry {
        std::optional<WallTime> last_fault_at;
        std::string last_fault_reason; // the reason keyword ("media-jam"); "" when none
        std::optional<WallTime> last_success_at;
    };
    using Count = std::function<void(std::string_view counter)>; // +1 to a persistent counter

    DeviceJournal(const Clock& clock, Count count) : m_clock(clock), m_count(std::move(count)) {}

    void observe(const AppEvent& event);
    const Entry& entry(domain::DeviceKind kind) const { return m_entries[index(kind)]; }
    // The counter a device's successful uses are counted in: "device.<kind>.uses".
    static std::string uses_counter(domain::DeviceKind kind);

private:
    static size_t index(domain::DeviceKind kind) { return static_cast<size_t>(kind); }
    void succeeded(domain::DeviceKind kind);

    const Clock& m_clock;
    Count m_count;
    std::array<Entry, 5> m_entries;
    std::array<bool, 5> m_faulted{}; // the last status seen was a fault: a fault is noted when it begins
};

} // namespace kiosk::services
