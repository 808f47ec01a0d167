// What each type of form field accepts: mobile numbers, real dates (eight typed digits become
// YYYY-MM-DD), digits-only numbers, short text without control characters, a choice among its own.

#include "core/domain/FormRules.h"

#include <gtest/gtest.h>

namespace kiosk::domain {
namespace {

FormField field(FieldType type, bool required = true) {
    FormField f;
    f.id = "f";
    f.type = type;
    f.required = required;
    if (type == FieldType::Choice)
        f.choices = {{"父亲", "Father"}, {"母亲", "Mother"}};
    return f;
}

TEST(FormRules, AMobileNumberHasElevenDigitsStartingWithOne) {
    EXPECT_EQ(check_field(field(FieldType::Phone), "13800138000"), FieldProblem::None);
    EXPECT_EQ(check_field(field(FieldType::Phone), "1380013800"), FieldProblem::Phone);
    EXPECT_EQ(check_field(field(FieldType::Phone), "23800138000"), FieldProblem::Phone);
    EXPECT_EQ(check_field(field(FieldType::Phone), "1380013800a"), FieldProblem::Phone);
}

TEST(FormRules, ADateIsARealDayWrittenYearMonthDay) {
    EXPECT_EQ(check_field(field(FieldType::Date), "2024-11-03"), FieldProblem::None);
    EXPECT_EQ(check_field(field(FieldType::Date), "2024-02-29"), FieldProblem::None);
    EXPECT_EQ(check_field(field(FieldType::Date), "2024-02-30"), FieldProblem::Date);
    EXPECT_EQ(check_field(field(FieldType::Date), "2023-02-29"), FieldProblem::Date);
    EXPECT_EQ(check_field(field(FieldType::Date), "20241103"), FieldProblem::Date);
    EXPECT_EQ(normalise_date("20241103"), "2024-11-03");
    EXPECT_EQ(normalise_date("2024110"), "2024110");
    EXPECT_EQ(normalise_date("2024-11-03"), "2024-11-03");
}

TEST(FormRules, ANumberIsDigitsOnlyAndAtMostThirty) {
    EXPECT_EQ(check_field(field(FieldType::Number), "6222020200112233445"), FieldProblem::None);
    EXPECT_EQ(check_field(field(FieldType::Number), std::string(30, '9')), FieldProblem::None);
    EXPECT_EQ(check_field(field(FieldType::Number), std::string(31, '9')), FieldProblem::Number);
    EXPECT_EQ(check_field(field(FieldType::Number), "12.5"), FieldProblem::Number);
}

TEST(FormRules, TextIsFiftyCharactersAtMostWithoutControlCharacters) {
    std::string fifty;
    for (int i = 0; i < 50; ++i)
        fifty += "字";
    EXPECT_EQ(check_field(field(FieldType::Text), fifty), FieldProblem::None);
    EXPECT_EQ(check_field(field(FieldType::Text), fifty + "a"), FieldProblem::TooLong);
    EXPECT_EQ(count_code_points("张三 A"), 4u);
    EXPECT_EQ(check_field(field(FieldType::Text), "张\n三"), FieldProblem::BadChars);
    EXPECT_EQ(check_field(field(FieldType::Text), "张\x7f三"), FieldProblem::BadChars);
    EXPECT_EQ(check_field(field(FieldType::Text), "张\xc2\x85三"), FieldProblem::BadChars); // U+0085
    EXPECT_EQ(check_field(field(FieldType::Text), "Zoë"), FieldProblem::None);
}

TEST(FormRules, RequiredFieldsNeedAValueOptionalOnesMayBeEmpty) {
    EXPECT_EQ(check_field(field(FieldType::Text), ""), FieldProblem::Missing);
    EXPECT_EQ(check_field(field(FieldType::Phone, false), ""), FieldProblem::None);
    EXPECT_EQ(check_field(field(FieldType::Phone, false), "123"), FieldProblem::Phone);
}

TEST(FormRules, AChoiceIsOneOfItsChoices) {
    EXPECT_EQ(check_field(field(FieldType::Choice), "母亲"), FieldProblem::None);
    EXPECT_EQ(check_field(field(FieldType::Choice), "叔叔"), FieldProblem::NotAChoice);
}

TEST(FormRules, ACardFieldNamesItsIdentityValue) {
    Identity identity;
    identity.name = "林晓燕";
    identity.id_number = "110102199208150046";
    identity.address = "北京市西城区展览路";
    EXPECT_EQ(identity_value(identity, "name"), "林晓燕");
    EXPECT_EQ(identity_value(identity, "id_number"), "110102199208150046");
    EXPECT_EQ(identity_value(identity, "address"), "北京市西城区展览路");
    EXPECT_EQ(identity_value(identity, "nationality"), ""); // a resident card has none
    EXPECT_EQ(identity_value(identity, "photo_wlt"), "");   // not a form value
}

} // namespace
} // namespace kiosk::domain
