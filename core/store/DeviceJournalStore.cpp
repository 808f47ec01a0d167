#include "core/store/DeviceJournalStore.h"
#include "core/store/Database.h"

#include <algorithm>

namespace kiosk::store {
namespace {

std::int64_t to_ms(const std::optional<WallTime>& time) {
    if (!time)
        return 0;
    return std::max<std::int64_t>(
        0, std::chrono::duration_cast<std::chrono::milliseconds>(time->time_since_epoch()).count());
}

std::optional<WallTime> from_ms(std::int64_t ms) {
    if (ms <= 0)
        return std::nullopt;
    return WallTime(std::chrono::milliseconds(ms));
}

} // namespace

Result<std::vector<StoredDeviceHistory>> DeviceJournalStore::load() {
    auto statement = TRY(m_database.prepare("SELECT device, last_fault_ms, last_fault_reason, "
                                            "last_success_ms FROM device_journal ORDER BY device"));
    std::vector<StoredDeviceHistory> histories;
    while (TRY(statement.step()))
        histories.push_back({statement.column_text(0), from_ms(statement.column_int(1)),
                             statement.column_text(2), from_ms(statement.column_int(3))});
    return histories;
}

Result<void> DeviceJournalStore::save(const StoredDeviceHistory& history) {
    if (history.device.empty())
        return make_error(ErrorCode::InvalidArgument, "device journal: no device name");
    auto statement = TRY(m_database.prepare(
        "INSERT INTO device_journal (device, last_fault_ms, last_fault_reason, last_success_ms)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (device) DO UPDATE SET last_fault_ms = excluded.last_fault_ms,"
        " last_fault_reason = excluded.last_fault_reason, last_success_ms = excluded.last_success_ms"));
    TRY(statement.bind_text(1, history.device));
    TRY(statement.bind_int(2, to_ms(history.last_fault_at)));
    TRY(statement.bind_text(3, history.last_fault_reason));
    TRY(statement.bind_int(4, to_ms(history.last_success_at)));
    return statement.run();
}

} // namespace kiosk::store
