// Another process holding the store (a second kiosk instance, a staff tool in the middle of a write):
// the kiosk waits up to its busy timeout, then answers Busy; it neither hangs nor crashes, and works
// again once the other side lets go.

#include "StoreTestSupport.h"
#include "core/base/Clock.h"
#include "core/store/AuditLog.h"

#include <chrono>
#include <gtest/gtest.h>

namespace kiosk::store {
namespace {

using test::open_or_fail;
using test::RawConnection;
using test::TempDir;

constexpr DatabaseOptions short_wait{.busy_timeout_ms = 100};
constexpr auto generous_bound = std::chrono::seconds(5); // far above 100 ms, far below "hung"

bool mentions_lock(const Error& error) {
    return error.message.find("locked by another process") != std::string::npos;
}

TEST(LockedDatabase, WriteWhileAnotherConnectionHoldsTheLockIsBusy) {
    TempDir dir;
    std::string path = dir.file("kiosk.db");
    ASSERT_TRUE(open_or_fail(path));

    RawConnection other(path);
    ASSERT_TRUE(other.exec("BEGIN EXCLUSIVE"));
    auto started = std::chrono::steady_clock::now();
    // In WAL mode readers are not blocked, so opening may succeed; the first write may not.
    auto database = Database::open(path, short_wait);
    if (!database.ok()) {
        EXPECT_EQ(database.error().code, ErrorCode::Busy) << database.error().describe();
    } else {
        SystemClock clock;
        AuditLog audit(*database.value(), clock);
        auto appended = audit.append("session.started", "");
        ASSERT_FALSE(appended.ok());
        EXPECT_EQ(appended.error().code, ErrorCode::Busy) << appended.error().describe();
        EXPECT_TRUE(mentions_lock(appended.error())) << appended.error().message;
        EXPECT_NE(appended.error().message.find(path), std::string::npos);

        auto transaction = database.value()->begin();
        ASSERT_FALSE(transaction.ok());
        EXPECT_EQ(transaction.error().code, ErrorCode::Busy);
    }
    EXPECT_LT(std::chrono::steady_clock::now() - started, generous_bound);
}

TEST(LockedDatabase, WritesWorkAgainOnceTheLockIsReleased) {
    TempDir dir;
    std::string path = dir.file("kiosk.db");
    auto database = open_or_fail(path, short_wait);
    ASSERT_TRUE(database);
    SystemClock clock;
    AuditLog audit(*database, clock);

    RawConnection other(path);
    ASSERT_TRUE(other.exec("BEGIN EXCLUSIVE"));
    auto blocked = audit.append("device.fault", "printer: paper out");
    ASSERT_FALSE(blocked.ok());
    EXPECT_EQ(blocked.error().code, ErrorCode::Busy);
    ASSERT_TRUE(other.exec("COMMIT"));

    auto appended = audit.append("device.fault", "printer: paper out");
    EXPECT_TRUE(appended.ok()) << appended.error().describe();
}

TEST(LockedDatabase, OpeningAFileLockedInRollbackModeIsBusy) {
    TempDir dir;
    std::string path = dir.file("kiosk.db");
    // A file still in the default rollback journal: an exclusive lock there stops readers too.
    RawConnection other(path);
    ASSERT_TRUE(other.exec("CREATE TABLE unrelated (x)"));
    ASSERT_TRUE(other.exec("BEGIN EXCLUSIVE"));

    auto started = std::chrono::steady_clock::now();
    auto database = Database::open(path, short_wait);
    auto elapsed = std::chrono::steady_clock::now() - started;
    ASSERT_FALSE(database.ok());
    EXPECT_EQ(database.error().code, ErrorCode::Busy) << database.error().describe();
    EXPECT_TRUE(mentions_lock(database.error())) << database.error().message;
    EXPECT_GE(elapsed, std::chrono::milliseconds(90)); // it did wait for the lock...
    EXPECT_LT(elapsed, generous_bound);                // ...but not forever
}

} // namespace
} // namespace kiosk::store
