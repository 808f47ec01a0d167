// The consumables ledger on a real SQLite file: usage adds up per consumable and per UTC hour, a
// replacement starts the counter again (and is audited when the tool does it), old hours are pruned,
// and what one connection books the other sees (the kiosk and kiosk-devctl share the file).

#include "core/store/ConsumableLedger.h"
#include "StoreTestSupport.h"
#include "core/store/AuditLog.h"
#include "core/store/UtcTimestamp.h"

#include <gtest/gtest.h>

namespace kiosk::store {
namespace {

using namespace std::chrono_literals;
using test::open_or_fail;
using test::TempDir;

// 2026-11-25T01:30:00Z: a fixed time, never today's.
const WallTime kStart = *parse_utc_timestamp("2026-11-25T01:30:00Z");

const ConsumableCounter* find(const std::vector<ConsumableCounter>& counters, const std::string& id) {
    for (const auto& counter : counters)
        if (counter.id == id)
            return &counter;
    return nullptr;
}

class ConsumableLedgerTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_database = open_or_fail(m_dir.file("kiosk.db"));
        ASSERT_TRUE(m_database);
        m_ledger = std::make_unique<ConsumableLedger>(*m_database, m_clock);
    }

    ConsumableCounter counter(const std::string& id) {
        auto counters = m_ledger->counters();
        EXPECT_TRUE(counters.ok()) << counters.error().describe();
        const auto* found = counters.ok() ? find(counters.value(), id) : nullptr;
        EXPECT_TRUE(found) << id;
        return found ? *found : ConsumableCounter{};
    }

    TempDir m_dir;
    FakeClock m_clock{kStart};
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ConsumableLedger> m_ledger;
};

TEST_F(ConsumableLedgerTest, UsageAddsUpPerConsumableAndIsUnknownUntilReplaced) {
    ASSERT_TRUE(m_ledger->book("receipt-paper", 240).ok());
    ASSERT_TRUE(m_ledger->book("receipt-paper", 260).ok());
    ASSERT_TRUE(m_ledger->book("a4-paper", 3).ok());

    auto receipt = counter("receipt-paper");
    EXPECT_EQ(receipt.used, 500);
    EXPECT_FALSE(receipt.replaced()); // counting began, but nobody said what was loaded
    EXPECT_EQ(counter("a4-paper").used, 3);
    EXPECT_EQ(m_ledger->counters().value().size(), 2u);
}

TEST_F(ConsumableLedgerTest, NothingOrANegativeAmountIsRefused) {
    EXPECT_EQ(m_ledger->book("receipt-paper", 0).error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(m_ledger->book("receipt-paper", -5).error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(m_ledger->book("", 5).error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(m_ledger->replace("a4-paper", -1, "S1024").error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(m_ledger->replace("a4-paper", 250, "").error().code, ErrorCode::InvalidArgument);
    EXPECT_TRUE(m_ledger->counters().value().empty());
}

TEST_F(ConsumableLedgerTest, AReplacementStartsTheCounterAgainAndSaysWhoAndWhen) {
    ASSERT_TRUE(m_ledger->book("receipt-paper", 79000).ok());
    m_clock.advance(10min);
    ASSERT_TRUE(m_ledger->replace("receipt-paper", 80000, "S1024").ok());
    auto replaced = counter("receipt-paper");
    EXPECT_EQ(replaced.used, 0);
    EXPECT_EQ(replaced.loaded, 80000);
    EXPECT_EQ(replaced.loaded_by, "S1024");
    EXPECT_EQ(replaced.loaded_utc, "2026-11-25T01:40:00Z");

    ASSERT_TRUE(m_ledger->book("receipt-paper", 250).ok());
    EXPECT_EQ(counter("receipt-paper").used, 250);
    EXPECT_EQ(counter("receipt-paper").loaded, 80000); // booking keeps what was loaded
}

TEST_F(ConsumableLedgerTest, UsageIsBucketedByUtcHour) {
    // 01:30 and 01:59 fall in the 01:00 hour, 02:05 in the next; a replacement does not clear them.
    ASSERT_TRUE(m_ledger->book("receipt-paper", 100).ok());
    m_clock.advance(29min);
    ASSERT_TRUE(m_ledger->book("receipt-paper", 50).ok());
    ASSERT_TRUE(m_ledger->book("a4-paper", 2).ok());
    m_clock.advance(6min);
    ASSERT_TRUE(m_ledger->replace("receipt-paper", 80000, "S1024").ok());
    ASSERT_TRUE(m_ledger->book("receipt-paper", 70).ok());

    auto hours = m_ledger->usage("receipt-paper", kStart - 24h);
    ASSERT_TRUE(hours.ok()) << hours.error().describe();
    ASSERT_EQ(hours->size(), 2u);
    EXPECT_EQ(utc_timestamp(hours->at(0).hour), "2026-11-25T01:00:00Z");
    EXPECT_EQ(hours->at(0).amount, 150);
    EXPECT_EQ(utc_timestamp(hours->at(1).hour), "2026-11-25T02:00:00Z");
    EXPECT_EQ(hours->at(1).amount, 70);
    // `since` inside an hour still returns that hour whole.
    EXPECT_EQ(m_ledger->usage("receipt-paper", kStart + 40min).value().size(), 1u);
    EXPECT_EQ(m_ledger->usage("a4-paper", kStart - 24h).value().at(0).amount, 2);
}

TEST_F(ConsumableLedgerTest, OldHoursArePruned) {
    for (int day = 0; day < 10; ++day) {
        ASSERT_TRUE(m_ledger->book("receipt-paper", 100 + day).ok());
        m_clock.advance(24h);
    }
    // Now is kStart + 10 days: keep the last 7 days (day 3 … day 9).
    auto pruned = m_ledger->prune_usage(m_clock.wall_now() - 7 * 24h);
    ASSERT_TRUE(pruned.ok()) << pruned.error().describe();
    EXPECT_EQ(pruned.value(), 3);
    auto left = m_ledger->usage("receipt-paper", kStart - 24h).value();
    ASSERT_EQ(left.size(), 7u);
    EXPECT_EQ(left.front().amount, 103);
    EXPECT_EQ(counter("receipt-paper").used, 1045); // the counter itself is not pruned
}

TEST_F(ConsumableLedgerTest, AReplacementByTheToolIsAuditedInTheSameFileAndSeenByTheKiosk) {
    // The tool's connection, with the audit log; the kiosk's reads through its own.
    auto tool_database = open_or_fail(m_dir.file("kiosk.db"));
    ASSERT_TRUE(tool_database);
    AuditLog audit(*tool_database, m_clock);
    ConsumableLedger tool(*tool_database, m_clock, &audit);

    ASSERT_TRUE(m_ledger->book("a4-paper", 240).ok());
    ASSERT_TRUE(tool.replace("a4-paper", 250, "S1024", "(kiosk-devctl)").ok());
    EXPECT_EQ(counter("a4-paper").used, 0);
    EXPECT_EQ(counter("a4-paper").loaded, 250);
    auto entries = audit.recent(5).value();
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].kind, "consumable.replaced");
    EXPECT_EQ(entries[0].detail, "a4-paper loaded 250 by S1024 (kiosk-devctl)");
}

TEST(UtcTimestamps, ReadBackWhatTheStoreWritesAndNothingElse) {
    EXPECT_EQ(utc_timestamp(*parse_utc_timestamp("2026-02-28T23:59:59Z")), "2026-02-28T23:59:59Z");
    EXPECT_FALSE(parse_utc_timestamp("2026-02-30T00:00:00Z"));
    EXPECT_FALSE(parse_utc_timestamp("2026-11-25 01:30:00Z"));
    EXPECT_FALSE(parse_utc_timestamp("2026-11-25T01:30:00"));
    EXPECT_FALSE(parse_utc_timestamp("2026-11-25T24:00:00Z"));
    EXPECT_FALSE(parse_utc_timestamp("+026-11-25T01:30:00Z"));
}

} // namespace
} // namespace kiosk::store
