#include "services/staff/consumables/ConsumableForecast.h"

#include <algorithm>
#include <cmath>

namespace kiosk::services {
namespace {

using std::chrono::hours;
constexpr int kMinSamples = 2; // observed hours below which a finer profile gives way to a coarser one

WallTime hour_of(WallTime time) {
    return std::chrono::floor<hours>(time);
}

struct LocalHour {
    int weekday; // 0 = Sunday
    int hour;    // 0..23
};

LocalHour local_hour(WallTime hour_start, std::chrono::seconds utc_offset) {
    auto local = std::chrono::floor<hours>(hour_start.time_since_epoch() + utc_offset).count();
    auto day = local >= 0 ? local / 24 : (local - 23) / 24;
    int weekday = static_cast<int>(((day + 4) % 7 + 7) % 7); // 1970-01-01 was a Thursday
    return {weekday, static_cast<int>(local - day * 24)};
}

bool weekend(int weekday) {
    return weekday == 0 || weekday == 6;
}

// Sums and counts of observed hours, to be turned into means.
struct Tally {
    double sum = 0;
    int count = 0;
    double mean() const { return count > 0 ? sum / count : 0; }
};

} // namespace

UsageProfile UsageProfile::learn(const std::vector<store::HourlyUsage>& history, WallTime now,
                                 const ForecastOptions& options) {
    UsageProfile profile;
    profile.m_utc_offset = options.utc_offset;
    WallTime end = hour_of(now); // the current hour is not over: not learnt from
    WallTime window = end - hours(24) * options.history_days;
    WallTime first = end;
    for (const auto& used : history)
        if (used.amount > 0 && used.hour < first)
            first = hour_of(used.hour);
    if (first >= end)
        return profile;
    profile.m_history_days = std::chrono::duration<double>(now - first).count() / 86400;
    WallTime start = std::max(first, window);

    std::array<std::array<Tally, 24>, 7> by_weekday{};
    for (WallTime hour = start; hour < end; hour += hours(1)) {
        auto [weekday, h] = local_hour(hour, options.utc_offset);
        ++by_weekday[weekday][h].count;
    }
    for (const auto& used : history) {
        WallTime hour = hour_of(used.hour);
        if (hour < start || hour >= end)
            continue;
        auto [weekday, h] = local_hour(hour, options.utc_offset);
        by_weekday[weekday][h].sum += static_cast<double>(used.amount);
    }
    for (int h = 0; h < 24; ++h) {
        Tally all, working, weekends;
        for (int weekday = 0; weekday < 7; ++weekday) {
            const Tally& tally = by_weekday[weekday][h];
            Tally& kind = weekend(weekday) ? weekends : working;
            kind.sum += tally.sum;
            kind.count += tally.count;
            all.sum += tally.sum;
            all.count += tally.count;
        }
        for (int weekday = 0; weekday < 7; ++weekday) {
            const Tally& own = by_weekday[weekday][h];
            const Tally& kind = weekend(weekday) ? weekends : working;
            profile.m_expected[weekday][h] = own.count >= kMinSamples    ? own.mean()
                                             : kind.count >= kMinSamples ? kind.mean()
                                                                         : all.mean();
        }
    }
    return profile;
}

double UsageProfile::expected(WallTime hour) const {
    auto [weekday, h] = local_hour(hour_of(hour), m_utc_offset);
    return m_expected[weekday][h];
}

std::optional<WallTime> forecast_run_out(const std::vector<store::HourlyUsage>& history, double remaining,
                                         WallTime now, const ForecastOptions& options) {
    if (remaining <= 0)
        return now;
    auto profile = UsageProfile::learn(history, now, options);
    if (profile.history_days() < options.min_history_days)
        return std::nullopt;
    WallTime cursor = now;
    WallTime limit = now + options.horizon;
    for (WallTime hour = hour_of(now); cursor < limit; hour += hours(1)) {
        WallTime hour_end = hour + hours(1);
        double share = std::chrono::duration<double>(hour_end - cursor) / hours(1); // of the hour still ahead
        double expected = profile.expected(hour) * share;
        if (expected > 0 && expected >= remaining) {
            auto into =
                std::chrono::duration_cast<WallTime::duration>((hour_end - cursor) * (remaining / expected));
            WallTime out = cursor + into;
            return out <= limit ? std::optional<WallTime>(out) : std::nullopt;
        }
        remaining -= expected;
        cursor = hour_end;
    }
    return std::nullopt;
}

std::optional<WallTime> naive_run_out(const std::vector<store::HourlyUsage>& history, double remaining,
                                      WallTime now, const ForecastOptions& options) {
    if (remaining <= 0)
        return now;
    WallTime end = hour_of(now);
    WallTime first = end;
    double last_day = 0;
    for (const auto& used : history) {
        if (used.amount > 0 && used.hour < first)
            first = hour_of(used.hour);
        if (used.hour >= end - hours(24) && used.hour < end)
            last_day += static_cast<double>(used.amount);
    }
    if (first >= end ||
        std::chrono::duration<double>(now - first).count() / 86400 < options.min_history_days ||
        last_day <= 0)
        return std::nullopt;
    double hours_left = remaining / (last_day / 24);
    if (!(hours_left <= static_cast<double>(options.horizon.count())))
        return std::nullopt;
    return now + std::chrono::duration_cast<WallTime::duration>(
                     std::chrono::duration<double, std::ratio<3600>>(hours_left));
}

} // namespace kiosk::services
