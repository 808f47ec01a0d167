// Ethnic-group codes of GB 3304 as resident ID cards carry them (docs/specs/idcard-sam.md §2.9): mapped
// by number, spelled as the standard spells them, with the public tables' typos and off-by-41 codes
// rejected.

#include "core/domain/Nation.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace kiosk::domain {
namespace {

TEST(Nation, EveryCodeOfTheStandardHasAName) {
    std::set<std::string> names;
    for (int code = 1; code <= 56; ++code) {
        ASSERT_NE(nation_name(code), nullptr) << code;
        names.insert(nation_name(code));
    }
    EXPECT_EQ(names.size(), 56u) << "56 different groups";
    EXPECT_STREQ(nation_name(1), "汉");
    EXPECT_STREQ(nation_name(2), "蒙古");
    EXPECT_STREQ(nation_name(5), "维吾尔");
    EXPECT_STREQ(nation_name(29), "柯尔克孜");
    EXPECT_STREQ(nation_name(43), "乌孜别克");
    EXPECT_STREQ(nation_name(56), "基诺");
    EXPECT_STREQ(nation_name(97), "其他");
    EXPECT_STREQ(nation_name(98), "外国血统中国籍人士");
}

TEST(Nation, SpellingsFollowTheStandardNotThePublicTablesTypos) {
    EXPECT_STREQ(nation_name(20), "傈僳");
    EXPECT_STREQ(nation_name(36), "毛南");
    EXPECT_STREQ(nation_name(46), "德昂");
    EXPECT_STREQ(nation_name(56), "基诺");
    for (const char* typo : {"德昴", "崩龙", "基洛", "傈傈", "毛难"})
        EXPECT_EQ(nation_code(typo), -1) << typo;
}

TEST(Nation, CodesOutsideTheStandardHaveNoName) {
    for (int code : {-1, 0, 57, 58, 90, 96, 99, 100})
        EXPECT_EQ(nation_name(code), nullptr) << code;
}

TEST(Nation, NamesMapBackToTheirCodes) {
    for (int code = 1; code <= 98; ++code) {
        const char* name = nation_name(code);
        if (name != nullptr) {
            EXPECT_EQ(nation_code(name), code) << name;
        }
    }
    EXPECT_EQ(nation_code("汉族"), 1);
    EXPECT_EQ(nation_code("朝鲜族"), 10);
    EXPECT_EQ(nation_code("族"), -1);
    EXPECT_EQ(nation_code(""), -1);
    EXPECT_EQ(nation_code("Han"), -1);
}

} // namespace
} // namespace kiosk::domain
