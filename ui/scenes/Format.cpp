#include "ui/scenes/Format.h"

#include <fmt/format.h>

namespace kiosk::ui {

std::string format_time(const CivilTime& time) {
    return fmt::format("{:02}:{:02}", time.hour, time.minute);
}

std::string format_date(const CivilTime& time, const Translator& tr) {
    static constexpr const char* kWeekdays[] = {"weekday.sun", "weekday.mon", "weekday.tue", "weekday.wed",
                                                "weekday.thu", "weekday.fri", "weekday.sat"};
    return tr.format("date.format", {{"year", std::to_string(time.year)},
                                     {"month", std::to_string(time.month)},
                                     {"day", std::to_string(time.day)},
                                     {"weekday", tr.tr(kWeekdays[time.weekday % 7])}});
}

std::string format_working_days(int days, const Translator& tr) {
    return tr.format(days == 1 ? "unit.working_day" : "unit.working_days", {{"n", std::to_string(days)}});
}

std::string join_departments(const std::vector<const domain::Department*>& departments, Language language) {
    std::string joined;
    for (auto* department : departments) {
        if (!joined.empty())
            joined += language == Language::En ? " · " : "、";
        joined += department->name.in(language);
    }
    return joined;
}

} // namespace kiosk::ui
