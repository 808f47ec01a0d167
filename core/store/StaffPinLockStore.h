#pragma once
// The staff PIN pad's lockout, kept across restarts (docs/Maintenance.md "Lockout"): the wrong tries in a
// row and, while the pad is locked, when the lock ends on the wall clock (a restart restarts the steady
// clock, the wall clock goes on). One row, migration "staff pad lockout and device journal times".
// services/staff/StaffAuthenticator.h writes it on every change and reads it back at start.

#include "core/base/Clock.h"
#include "core/base/Result.h"

#include <optional>

namespace kiosk::store {

class Database;

struct StoredPinLock {
    int wrong_tries = 0;                  // in a row, since the last sign-in or lock
    std::optional<WallTime> locked_until; // nothing: the pad is not locked
    bool operator==(const StoredPinLock&) const = default;
};

class StaffPinLockStore {
public:
    // The database must outlive the store.
    explicit StaffPinLockStore(Database& database) : m_database(database) {}

    // No tries and no lock when nothing was ever saved.
    Result<StoredPinLock> load();
    // One statement. InvalidArgument for negative tries.
    Result<void> save(const StoredPinLock& lock);

private:
    Database& m_database;
};

} // namespace kiosk::store
