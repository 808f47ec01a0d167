// The staff-visible audit trail: entries come back newest first with their UTC time, and stay
// across restarts.

#include "core/store/AuditLog.h"
#include "StoreTestSupport.h"
#include "core/store/UtcTimestamp.h"

#include <gtest/gtest.h>

namespace kiosk::store {
namespace {

using namespace std::chrono_literals;
using test::open_or_fail;
using test::TempDir;

const WallTime november_25_2025_0130_utc = WallTime{} + 1764034200s;

TEST(UtcTimestamp, IsIso8601UtcWithWholeSeconds) {
    EXPECT_EQ(utc_timestamp(WallTime{}), "1970-01-01T00:00:00Z");
    EXPECT_EQ(utc_timestamp(november_25_2025_0130_utc), "2025-11-25T01:30:00Z");
    EXPECT_EQ(utc_timestamp(november_25_2025_0130_utc + 999ms), "2025-11-25T01:30:00Z");
    EXPECT_EQ(utc_timestamp(WallTime{} - 1ms), "1969-12-31T23:59:59Z");
}

TEST(AuditLog, AppendedEntriesComeBackNewestFirst) {
    TempDir dir;
    auto database = open_or_fail(dir.file("kiosk.db"));
    ASSERT_TRUE(database);
    FakeClock clock(november_25_2025_0130_utc);
    AuditLog audit(*database, clock);

    ASSERT_TRUE(audit.append("session.started", "").ok());
    clock.advance(90s);
    ASSERT_TRUE(audit.append("device.fault", "receipt printer: paper out").ok());
    clock.advance(30s);
    ASSERT_TRUE(audit.append("session.wiped", "memory, screen, temp files").ok());

    auto entries = audit.recent(10);
    ASSERT_TRUE(entries.ok()) << entries.error().describe();
    ASSERT_EQ(entries->size(), 3u);
    const auto& newest = entries->at(0);
    EXPECT_EQ(newest.kind, "session.wiped");
    EXPECT_EQ(newest.detail, "memory, screen, temp files");
    EXPECT_EQ(newest.at_utc, "2025-11-25T01:32:00Z");
    EXPECT_EQ(entries->at(1).kind, "device.fault");
    EXPECT_EQ(entries->at(1).at_utc, "2025-11-25T01:31:30Z");
    EXPECT_EQ(entries->at(2).kind, "session.started");
    EXPECT_EQ(entries->at(2).detail, "");
    EXPECT_GT(entries->at(0).id, entries->at(1).id);
    EXPECT_GT(entries->at(1).id, entries->at(2).id);
}

TEST(AuditLog, RecentHonoursTheLimit) {
    TempDir dir;
    auto database = open_or_fail(dir.file("kiosk.db"));
    ASSERT_TRUE(database);
    FakeClock clock;
    AuditLog audit(*database, clock);
    for (int i = 0; i < 5; ++i)
        ASSERT_TRUE(audit.append("print.done", "receipt " + std::to_string(i)).ok());

    auto two = audit.recent(2);
    ASSERT_TRUE(two.ok());
    ASSERT_EQ(two->size(), 2u);
    EXPECT_EQ(two->at(0).detail, "receipt 4");
    EXPECT_EQ(two->at(1).detail, "receipt 3");
    EXPECT_TRUE(audit.recent(0).value().empty());
    EXPECT_EQ(audit.recent(-1).error().code, ErrorCode::InvalidArgument);
}

TEST(AuditLog, EmptyKindIsRefused) {
    TempDir dir;
    auto database = open_or_fail(dir.file("kiosk.db"));
    ASSERT_TRUE(database);
    FakeClock clock;
    AuditLog audit(*database, clock);
    auto appended = audit.append("", "no kind");
    ASSERT_FALSE(appended.ok());
    EXPECT_EQ(appended.error().code, ErrorCode::InvalidArgument);
    EXPECT_TRUE(audit.recent(10).value().empty());
}

TEST(AuditLog, DetailIsStoredVerbatimAndSurvivesRestart) {
    TempDir dir;
    std::string path = dir.file("kiosk.db");
    std::string awkward = "it's \"quoted\"; DROP TABLE audit_log; -- 打印机缺纸";
    {
        auto database = open_or_fail(path);
        ASSERT_TRUE(database);
        FakeClock clock;
        ASSERT_TRUE(AuditLog(*database, clock).append("config.applied", awkward).ok());
    }
    auto database = open_or_fail(path);
    ASSERT_TRUE(database);
    FakeClock clock;
    auto entries = AuditLog(*database, clock).recent(10);
    ASSERT_TRUE(entries.ok());
    ASSERT_EQ(entries->size(), 1u);
    EXPECT_EQ(entries->at(0).detail, awkward);
}

} // namespace
} // namespace kiosk::store
