// Promised dates: Monday to Friday, holidays skipped, the submission date in Asia/Shanghai.
#include "hub/WorkingDays.h"
#include "core/protocol/Values.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace kiosk::hub {
namespace {

domain::CivilDate date(const char* iso) {
    return protocol::parse_iso_date(iso).value();
}

TEST(HubWorkingDays, FridayPlusOneIsMonday) {
    WorkingDays days;
    EXPECT_EQ(days.add(date("2026-11-27"), 1).iso(), "2026-11-30");
    EXPECT_EQ(days.add(date("2026-11-27"), 5).iso(), "2026-12-04");
    EXPECT_EQ(days.add(date("2026-11-28"), 1).iso(), "2026-11-30"); // Saturday
    EXPECT_EQ(days.add(date("2026-11-24"), 1).iso(), "2026-11-25");
}

TEST(HubWorkingDays, HolidaysAreSkipped) {
    auto path = std::filesystem::temp_directory_path() / "hub-holidays-test.txt";
    std::ofstream(path) << "# National Day\n2026-10-01\n2026-10-02 # Friday\n\n";
    auto days = WorkingDays::load(path.string());
    std::filesystem::remove(path);
    ASSERT_TRUE(days.ok()) << days.error().describe();
    EXPECT_EQ(days.value().add(date("2026-09-30"), 1).iso(), "2026-10-05");
    EXPECT_FALSE(days.value().is_working_day(date("2026-10-01")));
}

TEST(HubWorkingDays, BadHolidayLineNamesTheLine) {
    auto path = std::filesystem::temp_directory_path() / "hub-holidays-bad.txt";
    std::ofstream(path) << "2026-10-01\n2026-02-30\n";
    auto days = WorkingDays::load(path.string());
    std::filesystem::remove(path);
    ASSERT_FALSE(days.ok());
    EXPECT_NE(days.error().message.find(":2:"), std::string::npos) << days.error().message;
}

TEST(HubWorkingDays, SubmissionDateIsTheDateInShanghai) {
    // 17:30 UTC on the 27th is 01:30 on the 28th in Shanghai.
    EXPECT_EQ(shanghai_date(protocol::parse_utc_time("2026-11-27T17:30:00Z").value()).iso(), "2026-11-28");
    EXPECT_EQ(shanghai_date(protocol::parse_utc_time("2026-11-27T15:59:59.250Z").value()).iso(),
              "2026-11-27");
    EXPECT_FALSE(protocol::parse_utc_time("2026-11-27T17:30:00+08:00").ok());
    EXPECT_FALSE(protocol::parse_utc_time("2026-11-27 17:30:00Z").ok());
    EXPECT_FALSE(protocol::parse_utc_time("2026-13-27T17:30:00Z").ok());
}

} // namespace
} // namespace kiosk::hub
