#include "core/domain/CivilDate.h"

#include <fmt/format.h>

namespace kiosk::domain {

std::string CivilDate::iso() const {
    return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

bool is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

Result<CivilDate> parse_yyyymmdd(std::string_view text) {
    if (text.size() != 8)
        return make_error(ErrorCode::InvalidData, fmt::format("a date has 8 digits, not {}", text.size()));
    int value[8];
    for (size_t i = 0; i < 8; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return make_error(ErrorCode::InvalidData, "a date has only digits");
        value[i] = text[i] - '0';
    }
    CivilDate date{value[0] * 1000 + value[1] * 100 + value[2] * 10 + value[3], value[4] * 10 + value[5],
                   value[6] * 10 + value[7]};
    if (date.year < 1800 || date.year > 2199 || date.day < 1 ||
        date.day > days_in_month(date.year, date.month))
        return make_error(ErrorCode::InvalidData, fmt::format("{} is not a date", text));
    return date;
}

} // namespace kiosk::domain
