// Staff counters (sessions, prints, scans): start at zero, add up, survive restarts, and do not
// lose a count when two connections add at the same time.

#include "core/store/Counters.h"
#include "StoreTestSupport.h"

#include <gtest/gtest.h>

namespace kiosk::store {
namespace {

using test::open_or_fail;
using test::TempDir;

using CounterList = std::vector<std::pair<std::string, std::int64_t>>;

TEST(Counters, StartAtZeroAndAddUp) {
    TempDir dir;
    auto database = open_or_fail(dir.file("kiosk.db"));
    ASSERT_TRUE(database);
    Counters counters(*database);

    EXPECT_EQ(counters.get("prints").value(), 0);
    EXPECT_EQ(counters.increment("prints").value(), 1);
    EXPECT_EQ(counters.increment("prints").value(), 2);
    EXPECT_EQ(counters.increment("prints", 5).value(), 7);
    EXPECT_EQ(counters.increment("prints", -3).value(), 4); // a staff correction
    EXPECT_EQ(counters.get("prints").value(), 4);
    EXPECT_EQ(counters.get("scans").value(), 0);
}

TEST(Counters, AllListsEveryCounterByName) {
    TempDir dir;
    auto database = open_or_fail(dir.file("kiosk.db"));
    ASSERT_TRUE(database);
    Counters counters(*database);
    ASSERT_TRUE(counters.increment("sessions", 3).ok());
    ASSERT_TRUE(counters.increment("prints").ok());

    auto all = counters.all();
    ASSERT_TRUE(all.ok()) << all.error().describe();
    EXPECT_EQ(all.value(), (CounterList{{"prints", 1}, {"sessions", 3}}));
}

TEST(Counters, SurviveRestart) {
    TempDir dir;
    std::string path = dir.file("kiosk.db");
    {
        auto database = open_or_fail(path);
        ASSERT_TRUE(database);
        ASSERT_TRUE(Counters(*database).increment("scans", 12).ok());
    }
    auto database = open_or_fail(path);
    ASSERT_TRUE(database);
    EXPECT_EQ(Counters(*database).get("scans").value(), 12);
}

TEST(Counters, TwoConnectionsDoNotLoseCounts) {
    TempDir dir;
    auto first = open_or_fail(dir.file("kiosk.db"));
    auto second = open_or_fail(dir.file("kiosk.db"));
    ASSERT_TRUE(first && second);
    Counters a(*first);
    Counters b(*second);
    for (int i = 0; i < 50; ++i) {
        ASSERT_TRUE(a.increment("sessions").ok());
        ASSERT_TRUE(b.increment("sessions").ok());
    }
    EXPECT_EQ(a.get("sessions").value(), 100);
}

TEST(Counters, EmptyNameIsRefused) {
    TempDir dir;
    auto database = open_or_fail(dir.file("kiosk.db"));
    ASSERT_TRUE(database);
    auto incremented = Counters(*database).increment("");
    ASSERT_FALSE(incremented.ok());
    EXPECT_EQ(incremented.error().code, ErrorCode::InvalidArgument);
}

} // namespace
} // namespace kiosk::store
