// The hall's opening hours: parsed strictly by the one config parser (bad day names, bad times, close
// before open, overlaps, bad closed dates are refused naming the key), then asked in local time: the
// edge minutes, closed dates, the next opening across a weekend, and the attract screen's text.
// Times are built from local civil fields, so the tests hold in any time zone and on any day.

#include "services/staff/mode/OpeningHours.h"
#include "core/base/Config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kiosk::services {
namespace {

using ::testing::HasSubstr;

const char* kWeekdaysAndSaturday = R"({"hall": {"opening_hours": [
    {"days": "mon-fri", "open": "09:00", "close": "17:00"},
    {"days": "sat", "open": "09:00", "close": "12:00"}],
    "closed_dates": ["2026-10-01", "2026-12-08"]}})";

OpeningHoursOptions hours_of(const std::string& json) {
    auto parsed = parse_config(json, "kiosk.json");
    if (!parsed.ok()) {
        ADD_FAILURE() << parsed.error().message;
        return {};
    }
    return parsed.value().hall.opening_hours;
}

std::string refusal(const std::string& hall) {
    auto parsed = parse_config(R"({"hall": )" + hall + "}", "kiosk.json");
    if (parsed.ok()) {
        ADD_FAILURE() << "accepted: " << hall;
        return "";
    }
    return parsed.error().message;
}

std::string period_refusal(const std::string& periods) {
    return refusal(R"({"opening_hours": )" + periods + "}");
}

// Local time: 2026-12-04 is a Friday, 12-05 a Saturday, 12-07 a Monday, 12-08 a Tuesday.
WallTime at(int month, int day, int hour, int minute, int second = 0) {
    return from_local_civil(CivilTime{2026, month, day, hour, minute, second, 0});
}

TEST(OpeningHoursConfig, ParsesDaysTimesAndClosedDates) {
    auto options = hours_of(kWeekdaysAndSaturday);
    ASSERT_EQ(options.weekly.size(), 2U);
    EXPECT_EQ(options.weekly[0].days, 0b0111110U); // Monday (1) to Friday (5)
    EXPECT_EQ(options.weekly[0].open_minute, 9 * 60);
    EXPECT_EQ(options.weekly[0].close_minute, 17 * 60);
    EXPECT_EQ(options.weekly[1].days, 1U << 6);
    EXPECT_EQ(options.closed_dates, (std::vector<std::string>{"2026-10-01", "2026-12-08"}));
    auto lists = hours_of(R"({"hall": {"opening_hours": [{"days": "mon,wed, sat-sun", "open": "00:00",
        "close": "24:00"}]}})");
    ASSERT_EQ(lists.weekly.size(), 1U);
    EXPECT_EQ(lists.weekly[0].days, (1U << 1) | (1U << 3) | (1U << 6) | (1U << 0));
    EXPECT_EQ(lists.weekly[0].close_minute, 24 * 60);
    EXPECT_TRUE(hours_of("{}").weekly.empty());
}

TEST(OpeningHoursConfig, RefusesBadDaysNamingTheKey) {
    auto message = period_refusal(R"([{"days": "mon-fir", "open": "09:00", "close": "17:00"}])");
    EXPECT_THAT(message, HasSubstr("hall.opening_hours[0].days"));
    EXPECT_THAT(message, HasSubstr("'mon-fir' is not a day"));
    EXPECT_THAT(period_refusal(R"([{"days": "Monday", "open": "09:00", "close": "17:00"}])"),
                HasSubstr("not a day"));
    EXPECT_THAT(period_refusal(R"([{"days": "fri-mon", "open": "09:00", "close": "17:00"}])"),
                HasSubstr("runs backwards"));
    EXPECT_THAT(period_refusal(R"([{"days": "mon,mon-tue", "open": "09:00", "close": "17:00"}])"),
                HasSubstr("names mon twice"));
    EXPECT_THAT(period_refusal(R"([{"days": "", "open": "09:00", "close": "17:00"}])"),
                HasSubstr("hall.opening_hours[0].days"));
    EXPECT_THAT(period_refusal(R"([{"days": "mon", "open": "09:00"}])"), HasSubstr("close: missing"));
    EXPECT_THAT(period_refusal(R"([{"days": "mon", "open": "09:00", "close": "17:00", "lunch": 1}])"),
                HasSubstr("lunch"));
}

TEST(OpeningHoursConfig, RefusesBadTimesAndCloseBeforeOpen) {
    for (const char* open : {"9:00", "09:60", "25:00", "24:00", "09-00", "0900", " 09:00"})
        EXPECT_THAT(
            period_refusal(std::string(R"([{"days": "mon", "open": ")") + open + R"(", "close": "17:00"}])"),
            HasSubstr("hall.opening_hours[0].open"))
            << open;
    EXPECT_THAT(period_refusal(R"([{"days": "mon", "open": "09:00", "close": "24:01"}])"),
                HasSubstr("hall.opening_hours[0].close"));
    auto message = period_refusal(R"([{"days": "mon", "open": "17:00", "close": "09:00"}])");
    EXPECT_THAT(message, HasSubstr("hall.opening_hours[0].close"));
    EXPECT_THAT(message, HasSubstr("not after it opens"));
    EXPECT_THAT(period_refusal(R"([{"days": "mon", "open": "09:00", "close": "09:00"}])"),
                HasSubstr("not after it opens"));
}

TEST(OpeningHoursConfig, RefusesOverlapsButTakesTwoPeriodsADay) {
    auto message = period_refusal(R"([{"days": "mon-fri", "open": "09:00", "close": "12:00"},
        {"days": "fri-sat", "open": "11:59", "close": "17:00"}])");
    EXPECT_THAT(message, HasSubstr("hall.opening_hours[1].days"));
    EXPECT_THAT(message, HasSubstr("overlaps opening_hours[0] on fri"));
    // Morning and afternoon on the same days, touching at noon: not an overlap.
    auto split =
        hours_of(R"({"hall": {"opening_hours": [{"days": "mon-fri", "open": "09:00", "close": "12:00"},
        {"days": "mon-fri", "open": "12:00", "close": "17:00"}]}})");
    EXPECT_EQ(split.weekly.size(), 2U);
}

TEST(OpeningHoursConfig, RefusesBadClosedDates) {
    for (const char* date : {"2026-02-29", "2026-13-01", "2026-1-01", "26-10-01", "2026/10/01", "1999-10-01"})
        EXPECT_THAT(refusal(std::string(R"({"closed_dates": [")") + date + R"("]})"),
                    HasSubstr("hall.closed_dates: '" + std::string(date) + "' is not a date"))
            << date;
    EXPECT_THAT(refusal(R"({"closed_dates": "2026-10-01"})"), HasSubstr("expected an array"));
    EXPECT_EQ(hours_of(R"({"hall": {"closed_dates": ["2028-02-29"]}})").closed_dates.size(), 1U); // leap day
}

TEST(OpeningHours, EmptyIsAlwaysOpen) {
    OpeningHours always;
    EXPECT_TRUE(always.always_open());
    EXPECT_TRUE(always.is_open(at(12, 6, 3, 0)));
    EXPECT_FALSE(always.next_opening(at(12, 6, 3, 0)));
    EXPECT_EQ(always.describe(), LocalizedText{});
}

TEST(OpeningHours, EdgeMinutes) {
    OpeningHours hours(hours_of(kWeekdaysAndSaturday));
    EXPECT_FALSE(hours.is_open(at(12, 4, 8, 59, 59)));
    EXPECT_TRUE(hours.is_open(at(12, 4, 9, 0, 0)));
    EXPECT_TRUE(hours.is_open(at(12, 4, 16, 59, 59)));
    EXPECT_FALSE(hours.is_open(at(12, 4, 17, 0, 0)));
    EXPECT_TRUE(hours.is_open(at(12, 5, 11, 59))); // Saturday morning
    EXPECT_FALSE(hours.is_open(at(12, 5, 12, 0))); // Saturday closes at noon
    EXPECT_FALSE(hours.is_open(at(12, 6, 10, 0))); // Sunday
    EXPECT_TRUE(hours.is_open(at(12, 7, 10, 0)));  // Monday
}

TEST(OpeningHours, ClosedDatesAreClosedAllDay) {
    OpeningHours hours(hours_of(kWeekdaysAndSaturday));
    EXPECT_FALSE(hours.is_open(at(12, 8, 10, 0))); // a Tuesday, but closed
    EXPECT_FALSE(hours.is_open(at(10, 1, 10, 0))); // National Day, a Thursday
    EXPECT_TRUE(hours.is_open(at(12, 9, 10, 0)));
    EXPECT_EQ(hours.next_opening(at(12, 7, 18, 0)), at(12, 9, 9, 0)); // Monday evening → Wednesday
}

TEST(OpeningHours, NextOpeningAcrossTheWeekend) {
    OpeningHours hours(hours_of(kWeekdaysAndSaturday));
    EXPECT_EQ(hours.next_opening(at(12, 4, 8, 0)), at(12, 4, 9, 0));   // Friday before opening
    EXPECT_EQ(hours.next_opening(at(12, 4, 10, 0)), at(12, 5, 9, 0));  // open now: Saturday's
    EXPECT_EQ(hours.next_opening(at(12, 5, 12, 0)), at(12, 7, 9, 0));  // Saturday noon → Monday
    EXPECT_EQ(hours.next_opening(at(12, 6, 23, 59)), at(12, 7, 9, 0)); // Sunday night
    // Morning and afternoon: at lunch the next opening is this afternoon.
    OpeningHours split(hours_of(R"({"hall": {"opening_hours": [
        {"days": "mon-fri", "open": "13:30", "close": "17:00"},
        {"days": "mon-fri", "open": "09:00", "close": "12:00"}]}})"));
    EXPECT_FALSE(split.is_open(at(12, 4, 12, 30)));
    EXPECT_EQ(split.next_opening(at(12, 4, 12, 30)), at(12, 4, 13, 30));
    EXPECT_EQ(split.next_opening(at(12, 4, 7, 0)), at(12, 4, 9, 0));
}

TEST(OpeningHours, NeverOpeningHasNoNextOpening) {
    OpeningHoursOptions options;
    options.weekly.push_back({0, 9 * 60, 10 * 60});
    // No day at all: the parser never gives this, but the search must still end.
    OpeningHours hours(options);
    EXPECT_FALSE(hours.is_open(at(12, 7, 9, 30)));
    EXPECT_FALSE(hours.next_opening(at(12, 7, 9, 30)));
}

TEST(OpeningHours, DescribesTheScheduleInBothLanguages) {
    OpeningHours hours(hours_of(kWeekdaysAndSaturday));
    EXPECT_EQ(hours.describe().zh, "周一至周五 9:00–17:00；周六 9:00–12:00");
    EXPECT_EQ(hours.describe().en, "Mon–Fri 9:00–17:00; Sat 9:00–12:00");
    OpeningHours odd(hours_of(R"({"hall": {"opening_hours": [
        {"days": "sat-sun", "open": "10:00", "close": "15:30"},
        {"days": "mon,wed", "open": "08:30", "close": "24:00"}]}})"));
    EXPECT_EQ(odd.describe().zh, "周一、周三 8:30–24:00；周六、周日 10:00–15:30");
    EXPECT_EQ(odd.describe().en, "Mon, Wed 8:30–24:00; Sat, Sun 10:00–15:30");
}

} // namespace
} // namespace kiosk::services
