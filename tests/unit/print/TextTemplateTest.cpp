#include "core/documents/TextTemplate.h"

#include <gtest/gtest.h>

namespace kiosk::print {
namespace {

const nlohmann::json kData = nlohmann::json::parse(R"({
    "applicant": {"name": "林晓燕", "id_number": "110102199208150046"},
    "submitted_at": "2024-05-20T14:32:05+08:00",
    "promised": "2024-05-27",
    "fee_fen": 1250, "free": 0,
    "original": true,
    "departments": ["市公安局", "市医疗保障局"],
    "matters": [{"name": "出生登记"}, {"name": "医保参保"}],
    "nothing": null
})");

std::string expand(const std::string& text, const Scope& scope = {&kData, nullptr, 0}) {
    auto parsed = TextTemplate::parse(text);
    if (!parsed.ok())
        return "parse error: " + parsed.error().message;
    auto expanded = parsed->expand(scope);
    return expanded.ok() ? expanded.value() : "error: " + expanded.error().message;
}

TEST(PrintTextTemplate, MaskIdKeepsTheFirstAndLastFour) {
    EXPECT_EQ(mask_id("110102199208150046"), "1101**********0046");
    EXPECT_EQ(mask_id("11010219920815004X"), "1101**********004X");
    EXPECT_EQ(mask_id("H12345678"), "H123*5678");
    EXPECT_EQ(mask_id("12345678"), "********"); // too short to show anything
    EXPECT_EQ(expand("证件号码：{{applicant.id_number|mask_id}}"), "证件号码：1101**********0046");
}

TEST(PrintTextTemplate, DatesAreFormattedWithoutTimeZoneArithmetic) {
    EXPECT_EQ(expand("{{submitted_at|datetime:zh}}"), "2024年5月20日 14:32");
    EXPECT_EQ(expand("{{submitted_at|datetime}}"), "2024-05-20 14:32");
    EXPECT_EQ(expand("{{submitted_at|date:zh}}"), "2024年5月20日");
    EXPECT_EQ(expand("{{promised|date}}"), "2024-05-27");
    EXPECT_EQ(expand("{{promised|datetime}}"), "error: {{promised|datetime}}: not a date and time (expected "
                                               "YYYY-MM-DDThh:mm)");
    // The value is personal data: the error names the placeholder only.
    EXPECT_EQ(expand("{{applicant.name|date}}"),
              "error: {{applicant.name|date}}: not a date (expected YYYY-MM-DD)");
}

TEST(PrintTextTemplate, FeesYesNoJoinCountAndDefault) {
    EXPECT_EQ(expand("{{fee_fen|fee}}"), "¥12.50");
    EXPECT_EQ(expand("{{free|fee:免费}}"), "免费");
    EXPECT_EQ(expand("{{free|fee}}"), "¥0.00");
    EXPECT_EQ(expand("{{original|yesno:原件:复印件}}"), "原件");
    EXPECT_EQ(expand("{{departments|join}}"), "市公安局、市医疗保障局");
    EXPECT_EQ(expand("{{departments|join:, }}"), "市公安局, 市医疗保障局");
    EXPECT_EQ(expand("共{{matters|count}}项"), "共2项");
    EXPECT_EQ(expand("{{phone|default:—}}"), "—");
    EXPECT_EQ(expand("{{nothing|default:无}}"), "无");
    EXPECT_EQ(expand("{{applicant.name|default:无}}"), "林晓燕");
}

TEST(PrintTextTemplate, PathsIntoArraysItemsAndTheRoot) {
    EXPECT_EQ(expand("{{matters.1.name}}"), "医保参保");
    Scope item{&kData, &kData["matters"][1], 2};
    EXPECT_EQ(expand("{{#}}. {{name}}（{{$.applicant.name}}）", item), "2. 医保参保（林晓燕）");
    Scope text_item{&kData, &kData["departments"][0], 1};
    EXPECT_EQ(expand("{{@}}", text_item), "市公安局");
}

TEST(PrintTextTemplate, MissingOrUnprintableDataIsAnErrorNamingThePlaceholder) {
    EXPECT_EQ(expand("{{applicant.phone}}"), "error: {{applicant.phone}}: no such data");
    EXPECT_EQ(expand("{{nothing}}"), "error: {{nothing}}: no such data");
    EXPECT_EQ(expand("{{matters.5.name}}"), "error: {{matters.5.name}}: no such data");
    EXPECT_EQ(expand("{{applicant}}"),
              "error: {{applicant}}: is an object or an array, not a text (use join or count)");
    EXPECT_EQ(expand("{{applicant.name|yesno:是:否}}"),
              "error: {{applicant.name|yesno:是:否}}: yesno needs true or false");
    EXPECT_EQ(expand("{{#}}"), "error: {{#}}: no such data"); // no repeat around it
}

TEST(PrintTextTemplate, SyntaxErrors) {
    EXPECT_EQ(expand("a }} b"), "parse error: '}}' without '{{'");
    EXPECT_EQ(expand("{{a b}}"), "parse error: {{a b}}: 'a b' is not a dotted path of a-z, 0-9, '_' or '-'");
    EXPECT_EQ(expand("{{}}"), "parse error: {{}}: '' is not a dotted path of a-z, 0-9, '_' or '-'");
    EXPECT_EQ(expand("no placeholders at all"), "no placeholders at all");
}

} // namespace
} // namespace kiosk::print
