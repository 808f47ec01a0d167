#include "HallUsage.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

namespace kiosk::test {
namespace {

using std::chrono::hours;

// Mean receipts per hour of the local day on a working day: open 09:00-17:00.
constexpr double kArrivals[24] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 13, 11, 5, 6, 10, 12, 7, 0, 0, 0, 0, 0, 0, 0};

double percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    size_t index = std::min(values.size() - 1, static_cast<size_t>(std::ceil(p * values.size())) - 1);
    return values[index];
}

double mean(const std::vector<double>& values) {
    double sum = 0;
    for (double value : values)
        sum += value;
    return values.empty() ? 0 : sum / static_cast<double>(values.size());
}

ForecastFigures figures(const std::vector<double>& errors, const std::vector<double>& open_errors,
                        int asked) {
    ForecastFigures out;
    out.asked = asked;
    out.answered = static_cast<int>(errors.size());
    out.mean_abs_error_h = mean(errors);
    out.p90_abs_error_h = percentile(errors, 0.9);
    out.mean_abs_error_open_h = mean(open_errors);
    out.p90_abs_error_open_h = percentile(open_errors, 0.9);
    out.errors_h = errors;
    out.errors_open_h = open_errors;
    return out;
}

bool open_at(WallTime hour, const HallOptions& hall) {
    auto local = std::chrono::floor<hours>(hour - hall.start).count(); // hours since Monday 00:00 local
    int weekday = static_cast<int>(((local / 24) % 7 + 1) % 7);
    int h = static_cast<int>(local % 24);
    return weekday != 0 && weekday != 6 && kArrivals[h] > 0;
}

} // namespace

WallTime monday_midnight() {
    // 2026-11-02T00:00+08:00 = 2026-11-01T16:00Z.
    return WallTime(std::chrono::sys_days(std::chrono::year(2026) / 11 / 1).time_since_epoch() + hours(16));
}

ForecastFigures pool(const std::vector<ForecastFigures>& replays) {
    std::vector<double> errors, open_errors;
    int asked = 0;
    for (const auto& replay : replays) {
        asked += replay.asked;
        errors.insert(errors.end(), replay.errors_h.begin(), replay.errors_h.end());
        open_errors.insert(open_errors.end(), replay.errors_open_h.begin(), replay.errors_open_h.end());
    }
    return figures(errors, open_errors, asked);
}

double open_hours_between(WallTime a, WallTime b, const HallOptions& hall) {
    if (b < a)
        std::swap(a, b);
    double open = 0;
    for (WallTime hour = std::chrono::floor<hours>(a); hour < b; hour += hours(1)) {
        if (!open_at(hour, hall))
            continue;
        WallTime from = std::max(hour, a), to = std::min(hour + hours(1), b);
        open += std::chrono::duration<double>(to - from).count() / 3600;
    }
    return open;
}

HallUsage simulate_hall(const HallOptions& options) {
    std::mt19937 rng(options.seed);
    std::normal_distribution<double> day_noise(1.0, 0.15);
    std::uniform_int_distribution<int> matters(1, 3);
    std::normal_distribution<double> length_noise(0, 15);
    std::uniform_real_distribution<double> within(0, 1);

    HallUsage usage;
    std::map<WallTime, double> hourly;
    double left = options.roll_mm;
    for (int day = 0; day < options.days; ++day) {
        int weekday = (day + 1) % 7; // day 0 is a Monday; 0 = Sunday
        double busy = std::clamp(day_noise(rng), 0.6, 1.4) * (weekday == 5 ? 0.7 : 1.0);
        for (int h = 0; h < 24; ++h) {
            if (weekday == 0 || weekday == 6 || kArrivals[h] == 0)
                continue;
            WallTime hour = options.start + hours(24 * day + h);
            std::poisson_distribution<int> arrivals(kArrivals[h] * busy * options.visits_scale);
            int count = arrivals(rng);
            std::vector<double> minutes(static_cast<size_t>(count));
            for (double& minute : minutes)
                minute = within(rng) * 60;
            std::sort(minutes.begin(), minutes.end());
            for (double minute : minutes) {
                double mm = std::round(std::max(120.0, 150 + 40 * matters(rng) + length_noise(rng)) +
                                       options.feed_mm);
                WallTime at = hour + std::chrono::duration_cast<WallTime::duration>(
                                         std::chrono::duration<double, std::ratio<60>>(minute));
                if (mm > left) { // the roll runs out under this receipt: a new one goes in at once
                    usage.run_outs.push_back(at);
                    left = options.roll_mm;
                }
                left -= mm;
                usage.receipts_at.push_back(at);
                usage.receipts_mm.push_back(mm);
                hourly[std::chrono::floor<hours>(at)] += mm;
            }
        }
    }
    for (const auto& [hour, mm] : hourly)
        usage.hourly.push_back(store::HourlyUsage{hour, static_cast<std::int64_t>(mm)});
    return usage;
}

ReplayFigures replay(const HallUsage& usage, const HallOptions& hall, int skip_days,
                     const services::ForecastOptions& forecast) {
    std::vector<double> profile_errors, naive_errors, profile_open, naive_open;
    int asked = 0;
    size_t next_receipt = 0;
    double left = hall.roll_mm;
    size_t roll = 0; // index into run_outs of the roll in use
    for (int day = 0; day < hall.days; ++day) {
        int weekday = (day + 1) % 7;
        for (int h = 0; h < 24; ++h) {
            WallTime now = hall.start + hours(24 * day + h);
            // Print what came before `now` on the rolls, as the counter books it.
            while (next_receipt < usage.receipts_at.size() && usage.receipts_at[next_receipt] < now) {
                if (roll < usage.run_outs.size() && usage.receipts_at[next_receipt] >= usage.run_outs[roll]) {
                    ++roll;
                    left = hall.roll_mm;
                }
                left -= usage.receipts_mm[next_receipt++];
            }
            bool open = weekday != 0 && weekday != 6 && kArrivals[h] > 0;
            if (!open || day < skip_days || roll >= usage.run_outs.size())
                continue;
            WallTime actual = usage.run_outs[roll];
            std::vector<store::HourlyUsage> before;
            for (const auto& used : usage.hourly)
                if (used.hour < now)
                    before.push_back(used);
            ++asked;
            auto hours_between = [](WallTime a, WallTime b) {
                return std::abs(std::chrono::duration<double>(a - b).count()) / 3600;
            };
            if (auto out = services::forecast_run_out(before, left, now, forecast)) {
                profile_errors.push_back(hours_between(*out, actual));
                profile_open.push_back(open_hours_between(*out, actual, hall));
            }
            if (auto out = services::naive_run_out(before, left, now, forecast)) {
                naive_errors.push_back(hours_between(*out, actual));
                naive_open.push_back(open_hours_between(*out, actual, hall));
            }
        }
    }
    return {figures(profile_errors, profile_open, asked), figures(naive_errors, naive_open, asked)};
}

} // namespace kiosk::test
