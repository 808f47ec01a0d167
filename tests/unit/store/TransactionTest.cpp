// Transactions: all or nothing. Leaving scope without commit (an early return through TRY, an
// error) rolls back, so a later outbox never holds half an application.

#include "StoreTestSupport.h"

#include <gtest/gtest.h>

namespace kiosk::store {
namespace {

using test::open_or_fail;
using test::query_text;
using test::TempDir;

class TransactionTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_database = open_or_fail(m_dir.file("kiosk.db"));
        ASSERT_TRUE(m_database);
        ASSERT_TRUE(m_database->execute("CREATE TABLE items (name TEXT NOT NULL)").ok());
    }
    Result<void> insert(std::string_view name) {
        auto statement = TRY(m_database->prepare("INSERT INTO items VALUES (?)"));
        TRY(statement.bind_text(1, name));
        return statement.run();
    }
    std::string count() { return query_text(*m_database, "SELECT count(*) FROM items"); }

    TempDir m_dir;
    std::unique_ptr<Database> m_database;
};

TEST_F(TransactionTest, DroppedWithoutCommitLeavesNothing) {
    {
        auto transaction = m_database->begin();
        ASSERT_TRUE(transaction.ok()) << transaction.error().describe();
        ASSERT_TRUE(insert("first").ok());
        ASSERT_TRUE(insert("second").ok());
        EXPECT_TRUE(m_database->in_transaction());
    }
    EXPECT_FALSE(m_database->in_transaction());
    EXPECT_EQ(count(), "0");
}

TEST_F(TransactionTest, CommittedChangesSurviveReopening) {
    {
        auto transaction = m_database->begin();
        ASSERT_TRUE(transaction.ok());
        ASSERT_TRUE(insert("kept").ok());
        ASSERT_TRUE(transaction->commit().ok());
    }
    m_database.reset();
    auto reopened = open_or_fail(m_dir.file("kiosk.db"));
    ASSERT_TRUE(reopened);
    EXPECT_EQ(query_text(*reopened, "SELECT name FROM items"), "kept");
}

TEST_F(TransactionTest, ExplicitRollbackUndoesAndFinishes) {
    auto transaction = m_database->begin();
    ASSERT_TRUE(transaction.ok());
    ASSERT_TRUE(insert("undone").ok());
    ASSERT_TRUE(transaction->rollback().ok());
    EXPECT_EQ(count(), "0");
    auto commit = transaction->commit();
    ASSERT_FALSE(commit.ok());
    EXPECT_EQ(commit.error().code, ErrorCode::Internal);
}

TEST_F(TransactionTest, ErrorHalfwayRollsBackTheWholeChange) {
    auto add_pair = [&]() -> Result<void> {
        auto transaction = TRY(m_database->begin());
        TRY(insert("first of a pair"));
        TRY(m_database->execute("INSERT INTO items VALUES (NULL)")); // violates NOT NULL
        return transaction.commit();
    };
    auto result = add_pair();
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument) << result.error().describe();
    EXPECT_EQ(count(), "0");
}

TEST_F(TransactionTest, NestedBeginIsAnErrorAndLeavesTheOuterOneIntact) {
    auto outer = m_database->begin();
    ASSERT_TRUE(outer.ok());
    ASSERT_TRUE(insert("outer").ok());
    auto inner = m_database->begin();
    ASSERT_FALSE(inner.ok());
    ASSERT_TRUE(outer->commit().ok());
    EXPECT_EQ(count(), "1");
}

} // namespace
} // namespace kiosk::store
