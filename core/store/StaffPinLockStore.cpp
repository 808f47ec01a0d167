#include "core/store/StaffPinLockStore.h"
#include "core/store/Database.h"

#include <algorithm>

namespace kiosk::store {

Result<StoredPinLock> StaffPinLockStore::load() {
    auto statement =
        TRY(m_database.prepare("SELECT wrong_tries, locked_until_ms FROM staff_pin_lock WHERE id = 1"));
    StoredPinLock lock;
    if (!TRY(statement.step()))
        return lock;
    // A row written by other software may hold anything: negative tries count as none.
    lock.wrong_tries =
        static_cast<int>(std::max<std::int64_t>(0, std::min<std::int64_t>(statement.column_int(0), 1000)));
    if (std::int64_t until = statement.column_int(1); until > 0)
        lock.locked_until = WallTime(std::chrono::milliseconds(until));
    return lock;
}

Result<void> StaffPinLockStore::save(const StoredPinLock& lock) {
    if (lock.wrong_tries < 0)
        return make_error(ErrorCode::InvalidArgument, "staff pad lock: negative wrong tries");
    auto statement = TRY(
        m_database.prepare("INSERT INTO staff_pin_lock (id, wrong_tries, locked_until_ms) VALUES (1, ?, ?)"
                           " ON CONFLICT (id) DO UPDATE SET wrong_tries = excluded.wrong_tries,"
                           " locked_until_ms = excluded.locked_until_ms"));
    TRY(statement.bind_int(1, lock.wrong_tries));
    std::int64_t until = 0;
    if (lock.locked_until)
        until = std::chrono::duration_cast<std::chrono::milliseconds>(lock.locked_until->time_since_epoch())
                    .count();
    TRY(statement.bind_int(2, std::max<std::int64_t>(0, until)));
    return statement.run();
}

} // namespace kiosk::store
