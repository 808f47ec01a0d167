#include "core/domain/DocumentFields.h"

#include <gtest/gtest.h>

namespace kiosk::domain {
namespace {

const CivilDate kToday{2026, 11, 29};

std::vector<std::string> values(const std::vector<FoundField>& found) {
    std::vector<std::string> out;
    for (const auto& f : found)
        out.push_back(f.value);
    return out;
}

TEST(Uscc, CheckCharacterFollowsGb32100) {
    EXPECT_EQ(uscc_check_character("91350100M000100Y4"), '3');
    EXPECT_EQ(uscc_check_character("91110108MA01B2C3D"), '0'); // 31 - sum mod 31 = 31 → '0'
    EXPECT_EQ(uscc_check_character("12100000400000624"), 'D');
    EXPECT_EQ(uscc_check_character("9135010OM000100Y4"), '?'); // 'O' is not in the set
}

TEST(Uscc, ValidatesSetAuthorityTypeRegionAndCheck) {
    EXPECT_TRUE(check_uscc("91350100M000100Y43").ok());
    EXPECT_EQ(check_uscc("91350100m000100y43").value(), "91350100M000100Y43");
    EXPECT_FALSE(check_uscc("91350100M000100Y44").ok()); // check
    EXPECT_FALSE(check_uscc("91350100M000100Y4").ok());  // length
    EXPECT_FALSE(check_uscc("B1350100M000100Y43").ok()); // authority
    EXPECT_FALSE(check_uscc("95350100M000100Y43").ok()); // organisation type
    EXPECT_FALSE(check_uscc("9135A100M000100Y43").ok()); // region must be digits
}

TEST(Uscc, FoundInTextAndRepairedOnlyWhenTheCheckAgrees) {
    EXPECT_EQ(values(find_usccs("统一社会信用代码:91350100M000100Y43\n名称:甲")),
              std::vector<std::string>{"91350100M000100Y43"});
    auto repaired = find_usccs("统一社会信用代码:9135O1OOM0001OOY43"); // O read for 0
    ASSERT_EQ(repaired.size(), 1u);
    EXPECT_EQ(repaired[0].value, "91350100M000100Y43");
    EXPECT_TRUE(repaired[0].repaired);
    // 7 read as T where letters are legal: the one substitution that validates is taken.
    auto letter = find_usccs("代码:91110108DQHYTYCNQ7");
    ASSERT_EQ(letter.size(), 1u);
    EXPECT_EQ(letter[0].value, "91110108DQHY7YCNQ7");
    EXPECT_TRUE(letter[0].repaired);
    EXPECT_TRUE(find_usccs("代码:91350100M000100Y44").empty());
    EXPECT_TRUE(find_usccs("代码:91350100M000I00Y45").empty()); // a repair the check rejects
}

TEST(IdNumberInText, FoundWithTheCheckDigitAndARealDate) {
    EXPECT_EQ(values(find_id_numbers("公民身份号码:11010519491231002x", kToday)),
              std::vector<std::string>{"11010519491231002X"});
    EXPECT_EQ(values(find_id_numbers("号码:1101 0519 4912 3100 2X 其他", kToday)),
              std::vector<std::string>{"11010519491231002X"});
    EXPECT_TRUE(find_id_numbers("号码:110105194912310021", kToday).empty()); // wrong check digit
    EXPECT_TRUE(find_id_numbers("号码:110105194913310028", kToday).empty()); // month 13
}

TEST(IdNumberInText, LookAlikeLettersRepairedWhenTheCheckDigitDecides) {
    auto found = find_id_numbers("号码:32O5B3l9B5112O4566", kToday);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].value, "320583198511204566");
    EXPECT_TRUE(found[0].repaired);
    // The 'S' was a 6: mapped to 5 the check digit fails, and nothing is guessed instead.
    EXPECT_TRUE(find_id_numbers("号码:3205831985112045S6", kToday).empty());
    // One digit misread as another: no repair is attempted.
    EXPECT_TRUE(find_id_numbers("号码:320583198511204666", kToday).empty());
}

TEST(IdNumberInText, ABirthDateInTheFutureIsNoIdNumber) {
    EXPECT_TRUE(find_id_numbers("110101203003071232", kToday).empty());
}

TEST(Dates, ChineseIsoAndDottedFormsAreRealDates) {
    auto dates = find_dates("成立日期:2015年3月2日\n有效期 2020-02-29 至 2021.2.29 或 2024/12/31");
    ASSERT_EQ(dates.size(), 3u);
    EXPECT_EQ(dates[0].iso(), "2015-03-02");
    EXPECT_EQ(dates[1].iso(), "2020-02-29");
    EXPECT_EQ(dates[2].iso(), "2024-12-31"); // 2021.2.29 does not exist
    EXPECT_TRUE(find_dates("号码:110101199003071233").empty());
    EXPECT_EQ(find_dates("2015 年 3 月 2 日").size(), 1u);
}

TEST(TextAfterLabel, RestOfTheLineOrTheNextLine) {
    EXPECT_EQ(text_after_label("名称:甲公司\n住所:北京市海淀区1号", "住所:").value(), "北京市海淀区1号");
    EXPECT_EQ(text_after_label("住所\n北京市", "住所：").value(), "北京市");
    EXPECT_FALSE(text_after_label("名称:甲公司", "住所:").has_value());
    EXPECT_FALSE(text_after_label("住所:", "住所:").has_value());
}

} // namespace
} // namespace kiosk::domain
