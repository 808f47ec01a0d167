#pragma once
// Promised completion dates (承诺办结时限): the submission date in the hall's time zone plus the
// matter's working days, counting Monday to Friday and skipping the hub's holidays. China has no
// daylight saving time, so Asia/Shanghai is UTC+8 all year and needs no time-zone database.

#include "core/base/Clock.h"
#include "core/base/Result.h"
#include "core/domain/CivilDate.h"

#include <set>
#include <string>
#include <string_view>

namespace kiosk::hub {

class WorkingDays {
public:
    // One ISO date ("2026-10-01") per line; '#' starts a comment; blank lines are ignored. Errors name
    // `origin` (the file's path) and the line.
    static Result<WorkingDays> parse(std::string_view text, std::string_view origin);
    static Result<WorkingDays> load(const std::string& path);
    WorkingDays() = default;

    bool is_working_day(domain::CivilDate date) const;
    // The date `days` working days after `start` (start itself never counts).
    domain::CivilDate add(domain::CivilDate start, int days) const;

private:
    std::set<domain::CivilDate> m_holidays;
};

// The calendar date at `time` in Asia/Shanghai. (UTC times and ISO dates are read by core/protocol.)
domain::CivilDate shanghai_date(WallTime time);
domain::CivilDate add_days(domain::CivilDate date, int days);

} // namespace kiosk::hub
