// The 18-character ID number (GB 11643-1999): the spec's synthetic examples, each rule that can fail,
// and the leap-day case that shows the check character alone is not enough.

#include "core/domain/IdNumber.h"

#include <gtest/gtest.h>

namespace kiosk::domain {
namespace {

constexpr CivilDate kToday{2026, 11, 25};

TEST(IdNumber, TheSpecsValidExamplesPassWithBirthDateAndSex) {
    struct Case {
        const char* text;
        CivilDate birth;
        char sex;
    };
    for (const Case& c :
         {Case{"110101199003071233", {1990, 3, 7}, 'M'}, Case{"44030520000229007X", {2000, 2, 29}, 'M'},
          Case{"510107198512310093", {1985, 12, 31}, 'M'}, Case{"330102197806150662", {1978, 6, 15}, 'F'},
          Case{"810000199408230021", {1994, 8, 23}, 'F'}, Case{"830000199201300022", {1992, 1, 30}, 'F'},
          Case{"931586198001010028", {1980, 1, 1}, 'F'}}) {
        auto checked = check_id_number(c.text, kToday);
        ASSERT_TRUE(checked.ok()) << c.text << ": " << checked.error().message;
        EXPECT_EQ(checked->text, c.text);
        EXPECT_EQ(checked->birth_date, c.birth) << c.text;
        EXPECT_EQ(checked->sex, c.sex) << c.text;
    }
}

TEST(IdNumber, LowerCaseXIsNormalised) {
    auto checked = check_id_number("44030520000229007x", kToday);
    ASSERT_TRUE(checked.ok());
    EXPECT_EQ(checked->text, "44030520000229007X");
}

TEST(IdNumber, CheckCharacterIsComputedFromTheFirst17Digits) {
    EXPECT_EQ(id_number_check_character("11010119900307123"), '3');
    EXPECT_EQ(id_number_check_character("44030520000229007"), 'X');
    EXPECT_EQ(id_number_check_character("4403052000022900"), '?');
    EXPECT_EQ(id_number_check_character("4403052000022900A"), '?');
}

TEST(IdNumber, EachBrokenRuleIsAnErrorThatNamesTheRuleButNotTheNumber) {
    struct Case {
        const char* text;
        const char* says;
    };
    for (const Case& c :
         {Case{"110101199003071239", "check character"}, Case{"110105199902290013", "no real birth date"},
          Case{"11010119900307123", "17 characters"}, Case{"1101011990030712A3", "non-digit"},
          Case{"11010119900307123Y", "neither a digit nor X"}, Case{"000101199003071233", "province"},
          Case{"110101203001010011", "future"}}) {
        auto checked = check_id_number(c.text, kToday);
        ASSERT_FALSE(checked.ok()) << c.text;
        EXPECT_EQ(checked.error().code, ErrorCode::InvalidData);
        EXPECT_NE(checked.error().message.find(c.says), std::string::npos) << checked.error().message;
        EXPECT_EQ(checked.error().message.find(c.text), std::string::npos) << "personal data in an error";
    }
}

TEST(CivilDate, OnlyRealDatesParse) {
    EXPECT_TRUE(parse_yyyymmdd("20000229").ok());
    EXPECT_FALSE(parse_yyyymmdd("19000229").ok()); // 1900 is not a leap year
    EXPECT_FALSE(parse_yyyymmdd("20230230").ok());
    EXPECT_FALSE(parse_yyyymmdd("20231301").ok());
    EXPECT_FALSE(parse_yyyymmdd("20231200").ok());
    EXPECT_FALSE(parse_yyyymmdd("2023121").ok());
    EXPECT_FALSE(parse_yyyymmdd("长期    ").ok());
    EXPECT_EQ(parse_yyyymmdd("20240229")->iso(), "2024-02-29");
}

} // namespace
} // namespace kiosk::domain
