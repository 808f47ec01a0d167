#include "core/store/UtcTimestamp.h"

#include <charconv>
#include <ctime>

namespace kiosk::store {

std::string utc_timestamp(WallTime time) {
    // Floor to whole seconds, so a time just before the epoch does not round up into it.
    auto seconds = std::chrono::floor<std::chrono::seconds>(time.time_since_epoch()).count();
    std::time_t whole = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&whole, &tm);
    char text[32];
    size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return std::string(text, length);
}

std::optional<WallTime> parse_utc_timestamp(std::string_view text) {
    // "YYYY-MM-DDTHH:MM:SSZ": 20 characters, separators at fixed places.
    if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
        text[16] != ':' || text[19] != 'Z')
        return std::nullopt;
    auto number = [&](size_t at, size_t length, int& out) {
        const char* first = text.data() + at;
        auto [end, error] = std::from_chars(first, first + length, out);
        return error == std::errc() && end == first + length && out >= 0;
    };
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!number(0, 4, year) || !number(5, 2, month) || !number(8, 2, day) || !number(11, 2, hour) ||
        !number(14, 2, minute) || !number(17, 2, second) || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    std::chrono::year_month_day date{std::chrono::year(year),
                                     std::chrono::month(static_cast<unsigned>(month)),
                                     std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok())
        return std::nullopt;
    return WallTime(std::chrono::sys_days(date).time_since_epoch() + std::chrono::hours(hour) +
                    std::chrono::minutes(minute) + std::chrono::seconds(second));
}

} // namespace kiosk::store
