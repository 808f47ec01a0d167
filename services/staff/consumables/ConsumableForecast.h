#pragma once
// When a consumable runs out at this hall's own pace (docs/Maintenance.md "Consumables and their
// forecast"): "at this rate the receipt paper lasts until about 15:40 today". Pure: no clock, no store,
// no I/O; the caller gives the hourly usage, what is left and the time.
//
// The model: a usage profile per hour of the local day, the mean of that hour over the last
// `history_days` days, kept separately per weekday when the history holds at least two of that weekday,
// else per kind of day (working day Monday-Friday, weekend), else over all days. Closed hours and days
// are learnt as zero, so nights and weekends do not eat paper. From now, the expected usage of each hour
// (the rest of the current one pro rata) is taken from what is left until it runs out; the run-out
// falls inside that hour in proportion. Nothing when it lasts beyond the horizon, when nothing is
// used, or with less than `min_history_days` of history. Measured on a replayed hall
// (tests/bench/ConsumableForecastBench.cpp; the figures are in docs/Maintenance.md).

#include "core/base/Clock.h"
#include "core/store/ConsumableLedger.h"

#include <array>
#include <chrono>
#include <optional>
#include <vector>

namespace kiosk::services {

struct ForecastOptions {
    int history_days = 28;                     // days of hourly usage the profile learns from
    int min_history_days = 2;                  // days of history below which there is no forecast
    std::chrono::hours horizon{24 * 7};        // a run-out later than this is not forecast
    std::chrono::seconds utc_offset{8 * 3600}; // the hall's local time minus UTC (China: +8 h, no DST)
};

// Expected usage per hour of the local day, for each day of the week (0 = Sunday).
class UsageProfile {
public:
    // From `history` (hourly usage, any order, hours without usage absent) before `now`. The history
    // is taken to begin at its first hour with usage (counting began then).
    static UsageProfile learn(const std::vector<store::HourlyUsage>& history, WallTime now,
                              const ForecastOptions& options);

    // Whole days from the first hour with usage to now; 0 without history.
    double history_days() const { return m_history_days; }
    // The expected usage in the hour that starts at `hour` (a UTC hour start).
    double expected(WallTime hour) const;

private:
    std::array<std::array<double, 24>, 7> m_expected{}; // [weekday][local hour]
    std::chrono::seconds m_utc_offset{0};
    double m_history_days = 0;
};

// When `remaining` (in the consumable's unit) runs out at the profile's pace; never before `now`
// (`remaining` <= 0: now). Nothing beyond the horizon, without usage or with too little history.
std::optional<WallTime> forecast_run_out(const std::vector<store::HourlyUsage>& history, double remaining,
                                         WallTime now, const ForecastOptions& options = {});

// The naive baseline the model is measured against: the last 24 hours' average rate, straight on.
std::optional<WallTime> naive_run_out(const std::vector<store::HourlyUsage>& history, double remaining,
                                      WallTime now, const ForecastOptions& options = {});

} // namespace kiosk::services
