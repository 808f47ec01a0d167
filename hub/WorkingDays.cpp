#include "hub/WorkingDays.h"
#include "core/base/Config.h"
#include "core/protocol/Values.h"

#include <chrono>

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

} // namespace

domain::CivilDate shanghai_date(WallTime time) {
    return from_days(floor<days>(time + hours{8}));
}

domain::CivilDate add_days(domain::CivilDate date, int count) {
    return from_days(to_days(date) + days{count});
}

Result<WorkingDays> WorkingDays::parse(std::string_view text, std::string_view origin) {
    WorkingDays result;
    int number = 0;
    while (!text.empty()) {
        ++number;
        size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (auto hash = line.find('#'); hash != std::string_view::npos)
            line = line.substr(0, hash);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
            line.remove_suffix(1);
        size_t start = line.find_first_not_of(" \t");
        if (start == std::string_view::npos)
            continue;
        auto date = protocol::parse_iso_date(line.substr(start));
        if (!date.ok())
            return make_error(ErrorCode::InvalidData, std::string(origin) + ":" + std::to_string(number) +
                                                          ": " + date.error().message);
        result.m_holidays.insert(date.value());
    }
    return result;
}

Result<WorkingDays> WorkingDays::load(const std::string& path) {
    auto text = read_file(path);
    if (!text.ok())
        return make_error(text.error().code, path + ": cannot read the holidays file");
    return parse(text.value(), path);
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
