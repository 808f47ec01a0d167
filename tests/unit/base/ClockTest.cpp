// Time: tests drive timeouts with a FakeClock that moves only when told, and the screen and receipts
// show local civil time ("2025-11-25 09:30", Beijing time) converted both ways.

#include "core/base/Clock.h"

#include <cstdlib>
#include <ctime>
#include <gtest/gtest.h>
#include <optional>
#include <string>

namespace kiosk {
namespace {

using namespace std::chrono_literals;

const WallTime november_25_2025_0130_utc = WallTime{} + 1764034200s; // a Tuesday

// Runs a test in a fixed time zone and puts the process's zone back afterwards.
class LocalTime : public ::testing::Test {
protected:
    void SetUp() override {
        if (const char* tz = std::getenv("TZ"))
            m_saved = tz;
        use_zone("CST-8"); // China Standard Time, UTC+8, no daylight saving (POSIX form: needs no tzdata)
    }
    void TearDown() override {
        if (m_saved)
            setenv("TZ", m_saved->c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }
    static void use_zone(const char* zone) {
        setenv("TZ", zone, 1);
        tzset();
    }

private:
    std::optional<std::string> m_saved;
};

void expect_civil(const CivilTime& civil, int year, int month, int day, int hour, int minute, int second,
                  int weekday) {
    EXPECT_EQ(civil.year, year);
    EXPECT_EQ(civil.month, month);
    EXPECT_EQ(civil.day, day);
    EXPECT_EQ(civil.hour, hour);
    EXPECT_EQ(civil.minute, minute);
    EXPECT_EQ(civil.second, second);
    EXPECT_EQ(civil.weekday, weekday);
}

TEST(FakeClock, StandsStillUntilAdvanced) {
    FakeClock clock(november_25_2025_0130_utc);
    SteadyTime steady_start = clock.now();
    EXPECT_EQ(clock.wall_now(), november_25_2025_0130_utc);
    EXPECT_EQ(clock.now(), steady_start);
    EXPECT_EQ(clock.wall_now(), november_25_2025_0130_utc);

    clock.advance(90s);
    EXPECT_EQ(clock.now() - steady_start, 90s);
    EXPECT_EQ(clock.wall_now(), november_25_2025_0130_utc + 90s);

    clock.advance(250ms);
    EXPECT_EQ(clock.now() - steady_start, 90250ms);
    EXPECT_EQ(clock.wall_now() - november_25_2025_0130_utc, 90250ms);
}

TEST(FakeClock, DefaultStartIsTheEpoch) {
    FakeClock clock;
    EXPECT_EQ(clock.wall_now(), WallTime{});
    EXPECT_EQ(clock.now(), SteadyTime{});
}

TEST(FakeClock, WorksThroughTheClockInterface) {
    FakeClock fake;
    const Clock& clock = fake;
    auto deadline = clock.now() + 20s;
    fake.advance(19s);
    EXPECT_LT(clock.now(), deadline);
    fake.advance(1s);
    EXPECT_GE(clock.now(), deadline);
}

TEST(SystemClock, ReadsTheRealClocks) {
    SystemClock clock;
    auto wall_before = std::chrono::system_clock::now();
    auto steady_before = std::chrono::steady_clock::now();
    auto wall = clock.wall_now();
    auto steady = clock.now();
    EXPECT_GE(wall, wall_before);
    EXPECT_GE(steady, steady_before);
    EXPECT_LE(steady, std::chrono::steady_clock::now());
    EXPECT_GE(clock.now(), steady); // steady never goes back
}

TEST_F(LocalTime, ConvertsToBeijingCivilTime) {
    expect_civil(to_local_civil(november_25_2025_0130_utc), 2025, 11, 25, 9, 30, 0, 2);
    // 16:00 UTC is already the next day in Beijing.
    expect_civil(to_local_civil(november_25_2025_0130_utc + 14h + 30min + 59s), 2025, 11, 26, 0, 0, 59, 3);
    expect_civil(to_local_civil(WallTime{}), 1970, 1, 1, 8, 0, 0, 4);
    // Sub-second parts are dropped, not rounded up.
    expect_civil(to_local_civil(november_25_2025_0130_utc + 999ms), 2025, 11, 25, 9, 30, 0, 2);
}

TEST_F(LocalTime, LeapDayAndYearEnd) {
    // 2024-02-29 12:00 Beijing = 04:00 UTC.
    WallTime leap_day = WallTime{} + 1709179200s;
    expect_civil(to_local_civil(leap_day), 2024, 2, 29, 12, 0, 0, 4);
    expect_civil(to_local_civil(leap_day + 24h), 2024, 3, 1, 12, 0, 0, 5);
    // 2025-12-31 23:59:59 Beijing, then the new year.
    WallTime year_end = WallTime{} + 1767196799s;
    expect_civil(to_local_civil(year_end), 2025, 12, 31, 23, 59, 59, 3);
    expect_civil(to_local_civil(year_end + 1s), 2026, 1, 1, 0, 0, 0, 4);
}

TEST_F(LocalTime, FromLocalCivilIsTheInverse) {
    EXPECT_EQ(from_local_civil(CivilTime{2025, 11, 25, 9, 30, 0}), november_25_2025_0130_utc);
    for (auto offset : {0s, 1s, 59s, 3600s, 86399s, 86400s * 366}) {
        WallTime time = november_25_2025_0130_utc + offset;
        EXPECT_EQ(from_local_civil(to_local_civil(time)), time) << offset.count() << " s";
    }
}

TEST_F(LocalTime, FromLocalCivilNormalisesOverflowingFields) {
    // "Day 32 of December" is 1 January: handy for "today + N days" arithmetic.
    CivilTime overflowing{2025, 12, 32, 8, 0, 0};
    expect_civil(to_local_civil(from_local_civil(overflowing)), 2026, 1, 1, 8, 0, 0, 4);
}

TEST_F(LocalTime, FollowsTheConfiguredZone) {
    use_zone("UTC0");
    expect_civil(to_local_civil(november_25_2025_0130_utc), 2025, 11, 25, 1, 30, 0, 2);
    EXPECT_EQ(from_local_civil(CivilTime{2025, 11, 25, 1, 30, 0}), november_25_2025_0130_utc);
}

} // namespace
} // namespace kiosk
