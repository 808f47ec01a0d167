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

// The one rule for a field's value: the document's (never typed over), else what was typed or kept
// (an empty entry is a cleared field), else what a scanned page read — and the form is that rule per
// field, fields without a value left out.
TEST(FormRules, AFieldsValueIsTheDocumentsElseTypedElseReadAndTheFormAgrees) {
    FormField name{.id = "applicant_name", .source = FieldSource::IdCard, .source_key = "name"};
    FormField phone{.id = "phone", .source = FieldSource::Typed, .type = FieldType::Phone};
    FormField birth{.id = "newborn_birth_date",
                    .source = FieldSource::Ocr,
                    .type = FieldType::Date,
                    .source_key = "birth_medical_certificate"};
    FormField note{.id = "note", .required = false};
    Checklist checklist;
    for (const FormField* field : {&name, &phone, &birth, &note})
        checklist.fields.push_back({field, {}});
    Identity identity;
    identity.name = "林晓燕";
    std::map<std::string, std::string> typed{{"applicant_name", "someone else"}, {"phone", "13800138000"}};
    std::map<std::string, std::string> read{{"newborn_birth_date", "2026-11-20"}, {"phone", "13900000000"}};

    EXPECT_EQ(resolve_field(name, &identity, typed, read), "林晓燕");       // the card wins over typing
    EXPECT_EQ(resolve_field(name, nullptr, typed, read), "someone else");   // nobody identified: typed
    EXPECT_EQ(resolve_field(phone, &identity, typed, read), "13800138000"); // a typed field is never read
    EXPECT_EQ(resolve_field(birth, &identity, typed, read), "2026-11-20");
    EXPECT_EQ(resolve_field(birth, &identity, {{"newborn_birth_date", ""}}, read),
              ""); // cleared stays cleared
    EXPECT_EQ(resolve_field(note, &identity, typed, read), "");

    auto form = resolve_form(checklist, &identity, typed, read);
    EXPECT_EQ(form.size(), 3u) << "the note has no value and is left out";
    for (const auto& entry : checklist.fields) {
        auto value = resolve_field(*entry.field, &identity, typed, read);
        EXPECT_EQ(form.contains(entry.field->id) ? form.at(entry.field->id) : "", value) << entry.field->id;
    }
}

} // namespace
} // namespace kiosk::domain
