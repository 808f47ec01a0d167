// The migration mechanism: each version runs once, in its own transaction; a failed migration leaves
// no trace; a file from newer software is refused, never silently used.

#include "core/store/Migrations.h"
#include "StoreTestSupport.h"

#include <gtest/gtest.h>

namespace kiosk::store {
namespace {

using test::open_or_fail;
using test::query_text;
using test::RawConnection;
using test::TempDir;

std::vector<Migration> built_in_plus(std::vector<Migration> extra) {
    std::vector<Migration> list = schema_migrations();
    list.insert(list.end(), extra.begin(), extra.end());
    return list;
}

TEST(Migrations, BuiltInVersionsStartAtOneAndAscendByOne) {
    const auto& list = schema_migrations();
    ASSERT_FALSE(list.empty());
    for (size_t i = 0; i < list.size(); ++i) {
        EXPECT_EQ(list[i].version, static_cast<int>(i) + 1);
        EXPECT_NE(std::string(list[i].description), "");
    }
    EXPECT_EQ(latest_schema_version(), list.back().version);
}

TEST(Migrations, NewerSchemaVersionIsRefused) {
    TempDir dir;
    std::string path = dir.file("kiosk.db");
    ASSERT_TRUE(open_or_fail(path));
    const std::string newer = std::to_string(latest_schema_version() + 1); // whatever the latest is now
    {
        RawConnection other(path);
        other.exec("INSERT INTO schema_migrations VALUES (" + newer +
                   ", 'from a newer kiosk', '2030-01-01T00:00:00Z')");
    }
    auto database = Database::open(path);
    ASSERT_FALSE(database.ok());
    EXPECT_EQ(database.error().code, ErrorCode::Unsupported);
    std::string expected = "database schema version " + newer + " is newer than this kiosk software (" +
                           std::to_string(latest_schema_version()) + ")";
    EXPECT_NE(database.error().message.find(expected), std::string::npos) << database.error().message;
    EXPECT_NE(database.error().message.find(path), std::string::npos) << database.error().message;

    // Refused read-only too: older code would misread what the newer schema means.
    auto read_only = Database::open(path, DatabaseOptions{.read_only = true});
    ASSERT_FALSE(read_only.ok());
    EXPECT_EQ(read_only.error().code, ErrorCode::Unsupported);
}

TEST(Migrations, NewMigrationIsAppliedOnceAndRecorded) {
    TempDir dir;
    auto database = open_or_fail(dir.file("kiosk.db"));
    ASSERT_TRUE(database);
    int next = latest_schema_version() + 1;
    auto list = built_in_plus({{next, "a later table", "CREATE TABLE later (x INTEGER)"}});

    auto applied = apply_migrations(*database, list);
    ASSERT_TRUE(applied.ok()) << applied.error().describe();
    EXPECT_EQ(applied.value(), std::vector<int>{next});
    EXPECT_EQ(query_text(*database,
                         "SELECT description FROM schema_migrations WHERE version = " + std::to_string(next)),
              "a later table");

    auto again = apply_migrations(*database, list);
    ASSERT_TRUE(again.ok()) << again.error().describe();
    EXPECT_TRUE(again.value().empty());
}

TEST(Migrations, FailedMigrationLeavesNoTrace) {
    TempDir dir;
    auto database = open_or_fail(dir.file("kiosk.db"));
    ASSERT_TRUE(database);
    int next = latest_schema_version() + 1;
    // The first statement works, the second fails: the whole version must roll back.
    auto list =
        built_in_plus({{next, "half done", "CREATE TABLE half (x); INSERT INTO missing VALUES (1);"}});

    auto applied = apply_migrations(*database, list);
    ASSERT_FALSE(applied.ok());
    EXPECT_NE(applied.error().message.find("missing"), std::string::npos) << applied.error().message;
    EXPECT_EQ(query_text(*database, "SELECT count(*) FROM sqlite_master WHERE name = 'half'"), "0");
    EXPECT_EQ(schema_version(*database).value(), latest_schema_version());
    EXPECT_FALSE(database->in_transaction());
}

TEST(Migrations, ListOutOfOrderIsABug) {
    TempDir dir;
    auto database = open_or_fail(dir.file("kiosk.db"));
    ASSERT_TRUE(database);
    std::vector<Migration> list = {{2, "two", "SELECT 1"}, {1, "one", "SELECT 1"}};
    auto applied = apply_migrations(*database, list);
    ASSERT_FALSE(applied.ok());
    EXPECT_EQ(applied.error().code, ErrorCode::Internal);
}

TEST(Migrations, ReadOnlyFileThatNeedsMigratingIsRefused) {
    TempDir dir;
    std::string path = dir.file("old.db");
    {
        RawConnection other(path);
        other.exec("CREATE TABLE unrelated (x)");
    }
    auto database = Database::open(path, DatabaseOptions{.read_only = true});
    ASSERT_FALSE(database.ok());
    EXPECT_EQ(database.error().code, ErrorCode::ReadOnly);
    EXPECT_NE(database.error().message.find("needs schema migration 1"), std::string::npos)
        << database.error().message;
}

} // namespace
} // namespace kiosk::store
