#include "core/domain/MaterialMatch.h"

#include <gtest/gtest.h>

namespace kiosk::domain {
namespace {

const CivilDate kToday{2026, 11, 29};

MaterialKind business_licence() {
    MaterialKind kind;
    kind.id = "business_license";
    kind.evidence.keywords_all = {"营业执照", "统一社会信用代码"};
    kind.evidence.fields = {
        {"uscc", FieldValidator::Uscc, "统一社会信用代码", "company_uscc", true},
        {"address", FieldValidator::TextAfterLabel, "住所:", "", false},
        {"established", FieldValidator::Date, "成立日期", "", false},
    };
    return kind;
}

const std::string kLicence = "营业执照\n统一社会信用代码:91350100M000100Y43\n名称:福州甲乙科技有限公司\n"
                             "住所:福建省福州市鼓楼区五四路1号\n成立日期:2015年03月02日";

TEST(MaterialMatch, ALicenceWithAValidCodeMatchesAndPrefillsItsFormField) {
    auto check = match_material(business_licence(), kLicence, 88, kToday);
    EXPECT_EQ(check.verdict, Verdict::Matches) << check.reason;
    EXPECT_EQ(check.fields.at("uscc"), "91350100M000100Y43");
    EXPECT_EQ(check.fields.at("address"), "福建省福州市鼓楼区五四路1号");
    EXPECT_EQ(check.fields.at("established"), "2015-03-02");
    EXPECT_EQ(check.prefill.at("company_uscc"), "91350100M000100Y43");
    EXPECT_EQ(check.prefill.size(), 1u);
}

TEST(MaterialMatch, AMissingKeywordSaysWhich) {
    auto check =
        match_material(business_licence(), "统一社会信用代码:91350100M000100Y43\n名称:某某", 90, kToday);
    EXPECT_EQ(check.verdict, Verdict::DoesNotMatch);
    EXPECT_EQ(check.missing, "营业执照");
    EXPECT_NE(check.reason.find("营业执照"), std::string::npos);
}

TEST(MaterialMatch, AnInvalidCodeIsAMissingRequiredField) {
    auto check = match_material(business_licence(),
                                "营业执照\n统一社会信用代码:91350100M000100Y44\n住所:北京", 90, kToday);
    EXPECT_EQ(check.verdict, Verdict::DoesNotMatch);
    EXPECT_EQ(check.missing, "uscc");
    EXPECT_EQ(check.fields.count("uscc"), 0u);
    EXPECT_EQ(check.fields.at("address"), "北京"); // what was read is still shown
}

TEST(MaterialMatch, OptionalFieldsDoNotDecide) {
    auto check =
        match_material(business_licence(), "营业执照\n统一社会信用代码:91350100M000100Y43", 90, kToday);
    EXPECT_EQ(check.verdict, Verdict::Matches) << check.reason;
    EXPECT_EQ(check.fields.count("address"), 0u);
}

TEST(MaterialMatch, AnyKeywordSuffices) {
    MaterialKind kind;
    kind.evidence.keywords_any = {"结婚登记", "持证人"};
    EXPECT_EQ(match_material(kind, "中华人民共和国 持证人 张三 李四", 90, kToday).verdict, Verdict::Matches);
    auto check = match_material(kind, "中华人民共和国 离婚证 张三 李四", 90, kToday);
    EXPECT_EQ(check.verdict, Verdict::DoesNotMatch);
    EXPECT_EQ(check.missing, "结婚登记");
}

TEST(MaterialMatch, TooLittleTextOrLowConfidenceIsUnreadable) {
    EXPECT_EQ(match_material(business_licence(), "营业 执照", 95, kToday).verdict, Verdict::Unreadable);
    auto check = match_material(business_licence(), kLicence, 20, kToday);
    EXPECT_EQ(check.verdict, Verdict::Unreadable);
    EXPECT_NE(check.reason.find("confidence"), std::string::npos);
}

TEST(MaterialMatch, AnIdNumberAfterItsLabel) {
    MaterialKind kind;
    kind.evidence.keywords_any = {"公民身份号码"};
    kind.evidence.fields = {{"id_number", FieldValidator::IdNumber, "公民身份号码", "", true}};
    auto check = match_material(kind, "姓名:张三\n公民身份号码:11010519491231002X", 80, kToday);
    EXPECT_EQ(check.verdict, Verdict::Matches) << check.reason;
    EXPECT_EQ(check.fields.at("id_number"), "11010519491231002X");
}

} // namespace
} // namespace kiosk::domain
