// Opening the kiosk's store: a fresh file comes up migrated, durable (WAL, synchronous FULL) and with
// foreign keys on; reopening changes nothing; a bad place gives an error that says what is wrong.

#include "StoreTestSupport.h"
#include "core/store/Migrations.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace kiosk::store {
namespace {

using test::open_or_fail;
using test::query_text;
using test::TempDir;

TEST(Database, FreshFileGetsEveryMigration) {
    TempDir dir;
    auto database = open_or_fail(dir.file("kiosk.db"));
    ASSERT_TRUE(database);

    std::vector<int> all_versions;
    for (const auto& migration : schema_migrations())
        all_versions.push_back(migration.version);
    EXPECT_EQ(database->migrations_applied_on_open(), all_versions);
    EXPECT_EQ(schema_version(*database).value(), latest_schema_version());
    EXPECT_EQ(query_text(*database, "SELECT count(*) FROM schema_migrations"),
              std::to_string(all_versions.size()));
    EXPECT_EQ(query_text(*database, "SELECT name FROM sqlite_master WHERE name = 'audit_log'"), "audit_log");
    EXPECT_EQ(query_text(*database, "SELECT name FROM sqlite_master WHERE name = 'counters'"), "counters");
    EXPECT_EQ(query_text(*database, "SELECT name FROM sqlite_master WHERE type = 'index' AND name = "
                                    "'audit_log_by_kind'"),
              "audit_log_by_kind");
}

TEST(Database, IsDurableWalWithFullSyncAndForeignKeys) {
    TempDir dir;
    auto database = open_or_fail(dir.file("kiosk.db"));
    ASSERT_TRUE(database);
    EXPECT_EQ(query_text(*database, "PRAGMA journal_mode"), "wal");
    EXPECT_EQ(query_text(*database, "PRAGMA synchronous"), "2"); // 2 = FULL
    EXPECT_EQ(query_text(*database, "PRAGMA foreign_keys"), "1");
}

TEST(Database, ReopeningAppliesNothingTwice) {
    TempDir dir;
    ASSERT_TRUE(open_or_fail(dir.file("kiosk.db")));
    auto reopened = open_or_fail(dir.file("kiosk.db"));
    ASSERT_TRUE(reopened);
    EXPECT_TRUE(reopened->migrations_applied_on_open().empty());
    EXPECT_EQ(query_text(*reopened, "SELECT count(*) FROM schema_migrations"),
              std::to_string(schema_migrations().size()));
    EXPECT_EQ(schema_version(*reopened).value(), latest_schema_version());
}

TEST(Database, MissingFolderIsNotFoundAndNamesThePath) {
    TempDir dir;
    std::string path = dir.file("no-such-folder/kiosk.db");
    auto database = Database::open(path);
    ASSERT_FALSE(database.ok());
    EXPECT_EQ(database.error().code, ErrorCode::NotFound);
    EXPECT_NE(database.error().message.find(path), std::string::npos) << database.error().message;
    EXPECT_NE(database.error().message.find("does not exist"), std::string::npos) << database.error().message;
    EXPECT_FALSE(std::filesystem::exists(dir.file("no-such-folder")));
}

TEST(Database, FolderInsteadOfFileIsAnError) {
    TempDir dir;
    std::filesystem::create_directory(dir.file("kiosk.db"));
    auto database = Database::open(dir.file("kiosk.db"));
    ASSERT_FALSE(database.ok());
    EXPECT_EQ(database.error().code, ErrorCode::Io);
    EXPECT_NE(database.error().message.find("folder"), std::string::npos) << database.error().message;
}

TEST(Database, EmptyPathIsInvalidArgument) {
    auto database = Database::open("");
    ASSERT_FALSE(database.ok());
    EXPECT_EQ(database.error().code, ErrorCode::InvalidArgument);
}

TEST(Database, BadSqlIsAnInternalErrorNamingThePath) {
    TempDir dir;
    auto database = open_or_fail(dir.file("kiosk.db"));
    ASSERT_TRUE(database);
    auto statement = database->prepare("SELEKT 1");
    ASSERT_FALSE(statement.ok());
    EXPECT_EQ(statement.error().code, ErrorCode::Internal);
    EXPECT_NE(statement.error().message.find(dir.file("kiosk.db")), std::string::npos);
    auto executed = database->execute("DROP TABLE no_such_table");
    ASSERT_FALSE(executed.ok());
    EXPECT_NE(executed.error().message.find("no_such_table"), std::string::npos) << executed.error().message;
}

TEST(Database, StatementRoundTripsEveryColumnType) {
    TempDir dir;
    auto database = open_or_fail(dir.file("kiosk.db"));
    ASSERT_TRUE(database);
    ASSERT_TRUE(database->execute("CREATE TABLE sample (i INTEGER, d REAL, t TEXT, n TEXT)").ok());

    auto insert = database->prepare("INSERT INTO sample VALUES (?, ?, ?, ?)");
    ASSERT_TRUE(insert.ok()) << insert.error().describe();
    std::string text_with_nul("a'b\0c 市民", 12);
    ASSERT_TRUE(insert->bind_int(1, INT64_MAX).ok());
    ASSERT_TRUE(insert->bind_double(2, 2.5).ok());
    ASSERT_TRUE(insert->bind_text(3, text_with_nul).ok());
    ASSERT_TRUE(insert->bind_null(4).ok());
    ASSERT_TRUE(insert->run().ok());
    EXPECT_EQ(database->changes(), 1);
    EXPECT_EQ(database->last_insert_id(), 1);

    auto select = database->prepare("SELECT i, d, t, n FROM sample");
    ASSERT_TRUE(select.ok());
    ASSERT_TRUE(select->step().value());
    EXPECT_EQ(select->column_count(), 4);
    EXPECT_EQ(select->column_int(0), INT64_MAX);
    EXPECT_DOUBLE_EQ(select->column_double(1), 2.5);
    EXPECT_EQ(select->column_text(2), text_with_nul);
    EXPECT_TRUE(select->column_is_null(3));
    EXPECT_EQ(select->column_text(3), "");
    EXPECT_FALSE(select->step().value());

    // reset() makes the same statement usable again.
    select->reset();
    EXPECT_TRUE(select->step().value());
}

TEST(Database, BindingAParameterThatDoesNotExistIsAnError) {
    TempDir dir;
    auto database = open_or_fail(dir.file("kiosk.db"));
    ASSERT_TRUE(database);
    auto statement = database->prepare("SELECT ?");
    ASSERT_TRUE(statement.ok());
    auto bound = statement->bind_int(2, 1);
    ASSERT_FALSE(bound.ok());
    EXPECT_EQ(bound.error().code, ErrorCode::InvalidArgument);
}

} // namespace
} // namespace kiosk::store
