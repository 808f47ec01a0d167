// libFuzzer target for the hub's holidays file (hub/WorkingDays.h), which an administrator writes by
// hand: any bytes go through WorkingDays::parse. Beyond "no crash, no sanitizer report", it checks what
// promised dates rely on: an error names the file and a line, every date of a line that parsed is a
// holiday, and adding working days moves forward onto a working day.

#include "core/protocol/Values.h"
#include "hub/WorkingDays.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

using kiosk::domain::CivilDate;

void require(bool condition) {
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = kiosk::hub::WorkingDays::parse(text, "holidays.txt");
    if (!parsed.ok()) {
        require(parsed.error().message.rfind("holidays.txt:", 0) == 0);
        return 0;
    }
    const auto& days = parsed.value();
    // Every line that reads as a date on its own is a holiday now.
    for (size_t at = 0; at < text.size();) {
        size_t end = text.find('\n', at);
        std::string_view line =
            text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
        at = end == std::string_view::npos ? text.size() : end + 1;
        if (auto date = kiosk::protocol::parse_iso_date(line); date.ok())
            require(!days.is_working_day(date.value()));
    }
    for (CivilDate start : {CivilDate{2026, 9, 30}, CivilDate{2026, 12, 31}, CivilDate{1800, 1, 1}}) {
        for (int count : {0, 1, 5, 20}) {
            CivilDate due = days.add(start, count);
            require(count == 0 ? due == start : due > start && days.is_working_day(due));
        }
    }
    return 0;
}
