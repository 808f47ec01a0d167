// The receipt paper's run-out forecast (services/staff/consumables/ConsumableForecast.h): exact on flat
// usage, never in the past, silent without two days of history or beyond the horizon, closed hours eat
// no paper, and on a replayed hall (HallUsage.h) it beats the naive last-24-hours rate.

#include "services/staff/consumables/ConsumableForecast.h"
#include "HallUsage.h"

#include <gtest/gtest.h>

namespace kiosk::services {
namespace {

using namespace std::chrono_literals;
using std::chrono::hours;

const WallTime kMonday = test::monday_midnight(); // 2026-11-02 00:00 at UTC+8

// `per_hour` in every hour of [from, to).
std::vector<store::HourlyUsage> flat(WallTime from, WallTime to, std::int64_t per_hour) {
    std::vector<store::HourlyUsage> hours_used;
    for (WallTime hour = from; hour < to; hour += 1h)
        hours_used.push_back({hour, per_hour});
    return hours_used;
}

TEST(ConsumableForecast, FlatUsageGivesTheExactAnswer) {
    WallTime now = kMonday + 72h;
    auto history = flat(kMonday, now, 100);
    EXPECT_EQ(forecast_run_out(history, 1050, now), now + 10h + 30min);
    // In the middle of an hour: half of it is still ahead.
    EXPECT_EQ(forecast_run_out(history, 1050, now + 30min), now + 30min + 10h + 30min);
    // The baseline agrees on flat usage.
    EXPECT_EQ(naive_run_out(history, 1050, now), now + 10h + 30min);
}

TEST(ConsumableForecast, NoAnswerWithLessThanTwoDaysOfHistory) {
    WallTime now = kMonday + 47h;
    auto history = flat(kMonday, now, 100);
    EXPECT_FALSE(forecast_run_out(history, 1000, now));
    EXPECT_FALSE(naive_run_out(history, 1000, now));
    EXPECT_FALSE(forecast_run_out({}, 1000, now));
    history = flat(kMonday, now + 2h, 100);
    EXPECT_TRUE(forecast_run_out(history, 1000, now + 2h));
}

TEST(ConsumableForecast, NoAnswerBeyondTheHorizonOrWithoutUsage) {
    WallTime now = kMonday + 72h;
    EXPECT_FALSE(forecast_run_out(flat(kMonday, now, 100), 100 * 24 * 8, now)); // 8 days > 7
    EXPECT_TRUE(forecast_run_out(flat(kMonday, now, 100), 100 * 24 * 6, now));
    // Two days of history, nothing used in the last one: the baseline has no rate, the profile still does.
    auto history = flat(kMonday, kMonday + 24h, 100);
    EXPECT_FALSE(naive_run_out(history, 500, kMonday + 50h));
    EXPECT_TRUE(forecast_run_out(history, 500, kMonday + 50h));
}

TEST(ConsumableForecast, NeverATimeInThePast) {
    WallTime now = kMonday + 72h + 17min;
    auto history = flat(kMonday, now, 100);
    EXPECT_EQ(forecast_run_out(history, 0, now), now);
    EXPECT_EQ(forecast_run_out(history, -500, now), now);
    EXPECT_GE(*forecast_run_out(history, 0.001, now), now);
    // Over a replayed hall, at every hour of two weeks.
    test::HallOptions hall;
    hall.start = kMonday;
    hall.days = 21;
    auto usage = test::simulate_hall(hall);
    for (WallTime at = kMonday + hours(24 * 7); at < kMonday + hours(24 * 21); at += 1h + 7min) {
        std::vector<store::HourlyUsage> before;
        for (const auto& used : usage.hourly)
            if (used.hour < at)
                before.push_back(used);
        for (double left : {1.0, 500.0, 20000.0, 79000.0}) {
            auto out = forecast_run_out(before, left, at);
            EXPECT_TRUE(!out || *out >= at);
        }
    }
}

TEST(ConsumableForecast, ClosedHoursAndWeekendsUseNoPaper) {
    // Three weeks and a half of a hall open 09:00-17:00 on working days, 300 mm an hour while open.
    WallTime friday_four_pm = kMonday + hours(24 * 25 + 16); // week 4, Friday 16:00 local
    std::vector<store::HourlyUsage> history;
    for (int day = 0; day <= 25; ++day)
        if (day % 7 < 5)
            for (int h = 9; h < 17; ++h)
                if (kMonday + hours(24 * day + h) < friday_four_pm)
                    history.push_back({kMonday + hours(24 * day + h), 300});
    // 300 mm left: out at 17:00 Friday. 900 mm: the rest of Friday takes 300, Monday 09:00-11:00 the rest.
    EXPECT_EQ(forecast_run_out(history, 300, friday_four_pm), friday_four_pm + 1h);
    EXPECT_EQ(forecast_run_out(history, 900, friday_four_pm), friday_four_pm + 3 * 24h - 5h);
    // The baseline runs straight through the night and the weekend.
    EXPECT_LT(*naive_run_out(history, 900, friday_four_pm), friday_four_pm + 12h);
}

TEST(ConsumableForecast, TheProfileBeatsTheBaselineOnAReplayedHall) {
    test::HallOptions hall;
    hall.start = kMonday;
    hall.days = 28; // four weeks; forecasts from the second on
    auto usage = test::simulate_hall(hall);
    ASSERT_GE(usage.run_outs.size(), 3u) << "the seeded hall must use several rolls";
    auto figures = test::replay(usage, hall, 7);
    ASSERT_GT(figures.profile.asked, 50);
    EXPECT_GE(figures.profile.answered, figures.profile.asked * 9 / 10);
    EXPECT_LT(figures.profile.mean_abs_error_h, figures.naive.mean_abs_error_h);
    EXPECT_LT(figures.profile.mean_abs_error_open_h, figures.naive.mean_abs_error_open_h);
    EXPECT_LT(figures.profile.p90_abs_error_open_h, figures.naive.p90_abs_error_open_h);
    // And it is good in itself: most forecasts within a working morning of the truth.
    EXPECT_LT(figures.profile.mean_abs_error_open_h, 4.0);
}

} // namespace
} // namespace kiosk::services
