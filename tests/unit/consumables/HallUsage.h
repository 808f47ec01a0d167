#pragma once
// A hall's receipt paper, simulated, and the forecast replayed over it (docs/Maintenance.md
// "Consumables and their forecast"). Used by the forecast's unit test and by
// tests/bench/ConsumableForecastBench.cpp, which prints the figures.
//
// The hall: open Monday to Friday 09:00-17:00 local time, closed at weekends; citizens arrive at
// random (Poisson) each hour with a morning peak (10-11), a lunch dip (12-13) and an afternoon peak
// (15-16), Fridays at 70 %, each day busier or quieter by up to about 15 %. Each visit prints one
// receipt of 180-300 mm (one to three matters) plus the feed and cut margin. A roll runs out when the
// next receipt no longer fits; staff put in a new one at once. Seeded: the same seed, the same hall.

#include "core/base/Clock.h"
#include "core/store/ConsumableLedger.h"
#include "services/staff/consumables/ConsumableForecast.h"

#include <vector>

namespace kiosk::test {

struct HallOptions {
    unsigned seed = 14;
    int days = 42;             // simulated days from `start`
    WallTime start;            // a Monday 00:00 local time (see monday_midnight)
    double roll_mm = 80000;    // a full roll
    double feed_mm = 12;       // per receipt, beside its page
    double visits_scale = 1.0; // multiplies every hour's arrival rate
    std::chrono::seconds utc_offset{8 * 3600};
};

// 2026-11-02 00:00 at UTC+8 (a Monday): a fixed start, never today.
WallTime monday_midnight();

struct HallUsage {
    std::vector<store::HourlyUsage> hourly; // what the ledger's hourly table would hold (mm)
    std::vector<WallTime> receipts_at;      // every receipt printed
    std::vector<double> receipts_mm;        // and its length with the feed
    std::vector<WallTime> run_outs;         // when each roll ran out (a new one went in at once)
};
HallUsage simulate_hall(const HallOptions& options);

struct ForecastFigures {
    int asked = 0;    // forecasts asked for (open hours replayed)
    int answered = 0; // forecasts given (not beyond the horizon, enough history)
    // Hours between the forecast and the real run-out, on the wall clock (a roll that runs out at
    // 09:10 on Monday, forecast for 16:50 on Friday, is 64 h off) and in the hall's opening hours (the
    // same forecast is 0.3 h off: nothing happens in between, and staff act on it the same way).
    double mean_abs_error_h = 0;
    double p90_abs_error_h = 0;
    double mean_abs_error_open_h = 0;
    double p90_abs_error_open_h = 0;
    std::vector<double> errors_h, errors_open_h; // each forecast's, for pooling several halls
};
// The figures of several replays' forecasts pooled.
ForecastFigures pool(const std::vector<ForecastFigures>& replays);
struct ReplayFigures {
    ForecastFigures profile; // forecast_run_out
    ForecastFigures naive;   // naive_run_out
};
// Opening hours (Monday to Friday 09:00-17:00 local) between two times, in hours.
double open_hours_between(WallTime a, WallTime b, const HallOptions& hall);

// At every open hour from `skip_days` on, forecasts the current roll's run-out from the hours before
// and compares it with when it really ran out (hours of the last roll, which never ran out, are skipped).
ReplayFigures replay(const HallUsage& usage, const HallOptions& hall, int skip_days,
                     const services::ForecastOptions& forecast = {});

} // namespace kiosk::test
