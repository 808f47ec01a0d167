#include "hub/WorkingDays.h"
#include "core/protocol/Values.h"

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

} // namespace

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
        auto date = protocol::parse_iso_date(std::string_view(line).substr(start));
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
