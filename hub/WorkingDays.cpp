#include "hub/WorkingDays.h"

#include <chrono>
#include <fstream>

namespace kiosk::hub {
namespace {

using namespace std::chrono;

sys_days to_days(domain::CivilDate date) {
    return sys_days{year{date.year} / month{static_cast<unsigned>(date.month)} /
                    day{static_cast<unsigned>(date.day)}};
}

domain::CivilDate from_days(sys_days days) {
    year_month_day ymd{days};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

bool all_digits(std::string_view text) {
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return !text.empty();
}

} // namespace

Result<domain::CivilDate> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return make_error(ErrorCode::InvalidData, "expected a date YYYY-MM-DD");
    std::string compact =
        std::string(text.substr(0, 4)) + std::string(text.substr(5, 2)) + std::string(text.substr(8, 2));
    return domain::parse_yyyymmdd(compact);
}

Result<WallTime> parse_utc_timestamp(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS[.fraction]Z
    auto fail = [] { return make_error(ErrorCode::InvalidData, "expected a UTC time YYYY-MM-DDTHH:MM:SSZ"); };
    if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text.back() != 'Z')
        return fail();
    auto date = parse_iso_date(text.substr(0, 10));
    if (!date.ok())
        return fail();
    std::string_view hh = text.substr(11, 2), mm = text.substr(14, 2), ss = text.substr(17, 2);
    std::string_view rest = text.substr(19, text.size() - 20);
    if (!all_digits(hh) || !all_digits(mm) || !all_digits(ss))
        return fail();
    if (!rest.empty() && (rest[0] != '.' || !all_digits(rest.substr(1))))
        return fail();
    int h = std::stoi(std::string(hh)), m = std::stoi(std::string(mm)), s = std::stoi(std::string(ss));
    if (h > 23 || m > 59 || s > 60)
        return fail();
    return WallTime{to_days(date.value()) + hours{h} + minutes{m} + seconds{s}};
}

domain::CivilDate shanghai_date(WallTime time) {
    return from_days(floor<days>(time + hours{8}));
}

domain::CivilDate add_days(domain::CivilDate date, int count) {
    return from_days(to_days(date) + days{count});
}

Result<WorkingDays> WorkingDays::load(const std::string& path) {
    std::ifstream file(path);
    if (!file)
        return make_error(ErrorCode::NotFound, path + ": cannot read the holidays file");
    WorkingDays result;
    std::string line;
    int number = 0;
    while (std::getline(file, line)) {
        ++number;
        if (auto hash = line.find('#'); hash != std::string::npos)
            line.erase(hash);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
            line.pop_back();
        size_t start = line.find_first_not_of(" \t");
        if (start == std::string::npos)
            continue;
        auto date = parse_iso_date(std::string_view(line).substr(start));
        if (!date.ok())
            return make_error(ErrorCode::InvalidData,
                              path + ":" + std::to_string(number) + ": " + date.error().message);
        result.m_holidays.insert(date.value());
    }
    return result;
}

bool WorkingDays::is_working_day(domain::CivilDate date) const {
    weekday day{to_days(date)};
    return day != Saturday && day != Sunday && !m_holidays.contains(date);
}

domain::CivilDate WorkingDays::add(domain::CivilDate start, int count) const {
    domain::CivilDate date = start;
    while (count > 0) {
        date = add_days(date, 1);
        if (is_working_day(date))
            --count;
    }
    return date;
}

} // namespace kiosk::hub
