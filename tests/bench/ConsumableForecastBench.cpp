// The receipt paper's run-out forecast (services/staff/consumables/ConsumableForecast.h) replayed over
// simulated halls (tests/unit/consumables/HallUsage.h): at every open hour, the forecast of when the
// roll in use runs out against when it really did, for the hall's hourly profile and for the naive
// last-24-hours rate. Prints figures; asserts nothing (the unit test asserts the profile wins).
//
//   consumable_forecast_bench [SEEDS] [DAYS]      (defaults: 10 seeds, 42 days; forecasts from day 8)

#include "../unit/consumables/HallUsage.h"

#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace kiosk;

namespace {

void print_row(const char* label, const test::ForecastFigures& figures) {
    std::printf("  %-34s %6d %6d %9.2f %9.2f %9.2f %9.2f\n", label, figures.asked, figures.answered,
                figures.mean_abs_error_h, figures.p90_abs_error_h, figures.mean_abs_error_open_h,
                figures.p90_abs_error_open_h);
}

} // namespace

int main(int argc, char** argv) {
    int seeds = argc > 1 ? std::atoi(argv[1]) : 10;
    int days = argc > 2 ? std::atoi(argv[2]) : 42;
    if (seeds < 1 || days < 9) {
        std::fprintf(stderr, "usage: consumable_forecast_bench [SEEDS >= 1] [DAYS >= 9]\n");
        return 2;
    }
    std::printf("receipt paper run-out forecast, replayed: %d hall(s) of %d days, 80 m rolls, forecasts at "
                "every open hour from day 8\n",
                seeds, days);
    for (double scale : {1.0, 0.5}) {
        std::printf("\nvisits x%.1f (about %d receipts a working day)\n", scale,
                    static_cast<int>(71 * scale));
        std::printf("  %-34s %6s %6s %9s %9s %9s %9s\n", "hall (seed) / model", "asked", "given", "MAE h",
                    "P90 h", "MAE open", "P90 open");
        std::vector<test::ForecastFigures> profiles, naives;
        for (int seed = 1; seed <= seeds; ++seed) {
            test::HallOptions hall;
            hall.seed = static_cast<unsigned>(seed);
            hall.days = days;
            hall.start = test::monday_midnight();
            hall.visits_scale = scale;
            auto usage = test::simulate_hall(hall);
            auto figures = test::replay(usage, hall, 7);
            char label[64];
            std::snprintf(label, sizeof label, "seed %d (%zu rolls): profile", seed, usage.run_outs.size());
            print_row(label, figures.profile);
            print_row("                   naive 24 h", figures.naive);
            profiles.push_back(figures.profile);
            naives.push_back(figures.naive);
        }
        print_row("all halls pooled: profile", test::pool(profiles));
        print_row("                  naive 24 h", test::pool(naives));
    }
    return 0;
}
