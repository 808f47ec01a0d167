#pragma once
// When the hall serves citizens: the weekly schedule and closed dates of the config (hall.opening_hours,
// hall.closed_dates, checked by parse_config), asked in local time (docs/Maintenance.md "Opening
// hours"). No schedule: always open. Pure: the caller passes the time from its Clock.

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/base/LocalizedText.h"

#include <optional>
#include <set>
#include <string>

namespace kiosk::services {

class OpeningHours {
public:
    OpeningHours() = default; // always open
    explicit OpeningHours(const OpeningHoursOptions& options);

    bool always_open() const { return m_weekly.empty(); }
    // Open at `now`: today is not a closed date and one of today's periods has opened and not closed
    // (open ≤ time < close, to the second).
    bool is_open(WallTime now) const;
    // The first opening strictly after `now` (the next period when open now); nothing when always open
    // or no opening lies within the next 400 days (every day closed).
    std::optional<WallTime> next_opening(WallTime now) const;
    // The schedule for the attract screen: "周一至周五 9:00–17:00；周六 9:00–12:00" /
    // "Mon–Fri 9:00–17:00; Sat 9:00–12:00". Empty when always open. Closed dates are not listed.
    LocalizedText describe() const;

private:
    bool closed_on(const CivilTime& date) const;

    std::vector<OpeningPeriod> m_weekly;
    std::set<std::string> m_closed_dates; // "YYYY-MM-DD"
};

} // namespace kiosk::services
