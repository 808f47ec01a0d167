#pragma once
// A calendar date as printed on documents (no time zone, no clock): parsed strictly from the
// YYYYMMDD of cards and ID numbers, checked to exist (leap years included).

#include "core/base/Result.h"

#include <compare>
#include <string>
#include <string_view>

namespace kiosk::domain {

struct CivilDate {
    int year = 0, month = 0, day = 0;

    // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads the comparison category's literal 0
    auto operator<=>(const CivilDate&) const = default;
    std::string iso() const; // "YYYY-MM-DD"
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

// Exactly eight ASCII digits naming a real date from year 1800 to 2199 — anything else is an error
// that says what was wrong ("20230230 is not a date").
Result<CivilDate> parse_yyyymmdd(std::string_view text);

} // namespace kiosk::domain
