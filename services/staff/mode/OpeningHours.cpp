#include "services/staff/mode/OpeningHours.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace kiosk::services {
namespace {

constexpr int kSearchDays = 400;

int minute_of_day(const CivilTime& civil) {
    return civil.hour * 60 + civil.minute;
}

// Local midnight `offset` days after `civil`'s date, normalised (mktime carries the day over).
CivilTime day_after(const CivilTime& civil, int offset) {
    CivilTime noon{civil.year, civil.month, civil.day + offset, 12, 0, 0, 0};
    return to_local_civil(from_local_civil(noon));
}

WallTime at_minute(const CivilTime& date, int minute) {
    return from_local_civil(CivilTime{date.year, date.month, date.day, minute / 60, minute % 60, 0, 0});
}

std::string clock_text(int minute) {
    return fmt::format("{}:{:02}", minute / 60, minute % 60);
}

// The week as the hall reads it, Monday first: CivilTime weekdays.
constexpr std::array<int, 7> kWeekOrder{1, 2, 3, 4, 5, 6, 0};
constexpr std::array<const char*, 7> kZhDays{"周日", "周一", "周二", "周三", "周四", "周五", "周六"};
constexpr std::array<const char*, 7> kEnDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

// "周一至周五", "周一、周三" / "Mon–Fri", "Mon, Wed": runs of three or more days as a range.
LocalizedText describe_days(unsigned days) {
    LocalizedText text;
    size_t i = 0;
    while (i < kWeekOrder.size()) {
        if (!(days & (1U << kWeekOrder[i]))) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end + 1 < kWeekOrder.size() && (days & (1U << kWeekOrder[end + 1])))
            ++end;
        auto name = [&](size_t at, const std::array<const char*, 7>& names) {
            return names[static_cast<size_t>(kWeekOrder[at])];
        };
        std::vector<std::pair<std::string, std::string>> items;
        if (end >= i + 2)
            items.emplace_back(fmt::format("{}至{}", name(i, kZhDays), name(end, kZhDays)),
                               fmt::format("{}–{}", name(i, kEnDays), name(end, kEnDays)));
        else
            for (size_t at = i; at <= end; ++at)
                items.emplace_back(name(at, kZhDays), name(at, kEnDays));
        for (const auto& [zh, en] : items) {
            text.zh += (text.zh.empty() ? "" : "、") + zh;
            text.en += (text.en.empty() ? "" : ", ") + en;
        }
        i = end + 1;
    }
    return text;
}

} // namespace

OpeningHours::OpeningHours(const OpeningHoursOptions& options)
    : m_weekly(options.weekly), m_closed_dates(options.closed_dates.begin(), options.closed_dates.end()) {
    std::sort(m_weekly.begin(), m_weekly.end(),
              [](const OpeningPeriod& a, const OpeningPeriod& b) { return a.open_minute < b.open_minute; });
}

bool OpeningHours::closed_on(const CivilTime& date) const {
    return m_closed_dates.contains(fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day));
}

bool OpeningHours::is_open(WallTime now) const {
    if (always_open())
        return true;
    CivilTime local = to_local_civil(now);
    if (closed_on(local))
        return false;
    int minute = minute_of_day(local);
    return std::any_of(m_weekly.begin(), m_weekly.end(), [&](const OpeningPeriod& period) {
        return (period.days & (1U << local.weekday)) && period.open_minute <= minute &&
               minute < period.close_minute;
    });
}

std::optional<WallTime> OpeningHours::next_opening(WallTime now) const {
    if (always_open())
        return std::nullopt;
    CivilTime today = to_local_civil(now);
    for (int offset = 0; offset < kSearchDays; ++offset) {
        CivilTime date = offset == 0 ? today : day_after(today, offset);
        if (closed_on(date))
            continue;
        for (const auto& period : m_weekly) { // sorted by opening time
            if (!(period.days & (1U << date.weekday)))
                continue;
            WallTime opens = at_minute(date, period.open_minute);
            if (opens > now)
                return opens;
        }
    }
    return std::nullopt;
}

LocalizedText OpeningHours::describe() const {
    // Periods in the week's order of their first day, then by time.
    std::vector<OpeningPeriod> periods = m_weekly;
    auto first_day = [](const OpeningPeriod& period) {
        for (size_t i = 0; i < kWeekOrder.size(); ++i)
            if (period.days & (1U << kWeekOrder[i]))
                return i;
        return kWeekOrder.size();
    };
    std::stable_sort(periods.begin(), periods.end(), [&](const OpeningPeriod& a, const OpeningPeriod& b) {
        return first_day(a) < first_day(b);
    });
    LocalizedText text;
    for (const auto& period : periods) {
        LocalizedText days = describe_days(period.days);
        std::string hours = clock_text(period.open_minute) + "–" + clock_text(period.close_minute);
        text.zh += (text.zh.empty() ? "" : "；") + days.zh + " " + hours;
        text.en += (text.en.empty() ? "" : "; ") + days.en + " " + hours;
    }
    return text;
}

} // namespace kiosk::services
