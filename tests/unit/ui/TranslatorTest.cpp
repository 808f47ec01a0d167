// The translation table's contract: both languages always, the same {placeholders} in each, a visible
// marker for a missing key, and a clear error (never a crash) for a damaged strings file.

#include "ui/toolkit/Translator.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using kiosk::ErrorCode;
using kiosk::Language;
using kiosk::ui::Translator;

namespace {

const char* kSmallTable = R"({
  "nav.back": { "zh-CN": "返回", "en": "Back" },
  "timeout.message": { "zh-CN": "{seconds}秒后将自动退出", "en": "Signing out in {seconds} s" },
  "catalog.package_trailing": { "zh-CN": "{matters}个事项 · {days}", "en": "{matters} services · {days}" },
  "echo": { "zh-CN": "{word}，{word}！", "en": "{word}, {word}!" }
})";

Translator small_table() {
    auto parsed = Translator::parse(kSmallTable, "test.json");
    EXPECT_TRUE(parsed.ok()) << parsed.error().describe();
    return parsed.release_value();
}

std::string parse_error(const std::string& json) {
    auto parsed = Translator::parse(json, "strings.json");
    if (parsed.ok())
        return "(parsed without error)";
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidData);
    return parsed.error().message;
}

} // namespace

TEST(Translator, StartsInChineseAndSwitchesToEnglish) {
    Translator tr = small_table();
    EXPECT_EQ(tr.language(), Language::ZhCN);
    EXPECT_EQ(tr.tr("nav.back"), "返回");
    tr.set_language(Language::En);
    EXPECT_EQ(tr.tr("nav.back"), "Back");
}

TEST(Translator, FormatSubstitutesEachPlaceholder) {
    Translator tr = small_table();
    EXPECT_EQ(tr.format("timeout.message", {{"seconds", "20"}}), "20秒后将自动退出");
    EXPECT_EQ(tr.format("catalog.package_trailing", {{"matters", "3"}, {"days", "5个工作日"}}),
              "3个事项 · 5个工作日");
    tr.set_language(Language::En);
    EXPECT_EQ(tr.format("catalog.package_trailing", {{"days", "5 working days"}, {"matters", "3"}}),
              "3 services · 5 working days");
}

TEST(Translator, FormatReplacesEveryOccurrenceAndToleratesValuesThatLookLikePlaceholders) {
    Translator tr = small_table();
    EXPECT_EQ(tr.format("echo", {{"word", "好"}}), "好，好！");
    // A citizen's name could contain anything; it must not be substituted again or loop forever.
    EXPECT_EQ(tr.format("echo", {{"word", "{word}"}}), "{word}，{word}！");
}

TEST(Translator, FormatLeavesUnknownPlaceholdersVisible) {
    Translator tr = small_table();
    EXPECT_EQ(tr.format("timeout.message", {}), "{seconds}秒后将自动退出");
    EXPECT_EQ(tr.format("nav.back", {{"unused", "x"}}), "返回");
}

TEST(Translator, MissingKeyShowsAVisibleMarkerInEveryLanguage) {
    Translator tr = small_table();
    EXPECT_FALSE(tr.has("no.such_key"));
    EXPECT_EQ(tr.tr("no.such_key"), "⟦no.such_key⟧");
    EXPECT_EQ(tr.format("no.such_key", {{"n", "1"}}), "⟦no.such_key⟧");
    tr.set_language(Language::En);
    EXPECT_EQ(tr.tr("no.such_key"), "⟦no.such_key⟧");
}

TEST(Translator, MissingKeyMarkerStaysValidAcrossLookups) {
    Translator tr = small_table();
    // Widgets may keep the returned reference; later misses must not invalidate it.
    const std::string& first = tr.tr("missing.one");
    for (int i = 0; i < 100; ++i)
        (void)tr.tr("missing.other_" + std::to_string(i));
    EXPECT_EQ(first, "⟦missing.one⟧");
}

TEST(Translator, ListsItsKeys) {
    Translator tr = small_table();
    EXPECT_EQ(tr.keys(),
              (std::vector<std::string>{"catalog.package_trailing", "echo", "nav.back", "timeout.message"}));
    EXPECT_TRUE(tr.has("echo"));
}

TEST(TranslatorErrors, NotJsonNamesTheFile) {
    std::string error = parse_error(R"({"nav.back": {"zh-CN": "返回", "en": "Back"},})");
    EXPECT_NE(error.find("strings.json"), std::string::npos) << error;
    EXPECT_NE(error.find("not valid JSON"), std::string::npos) << error;
}

TEST(TranslatorErrors, TopLevelMustBeAnObject) {
    EXPECT_NE(parse_error(R"(["nav.back"])").find("expected an object"), std::string::npos);
    EXPECT_NE(parse_error("null").find("expected an object"), std::string::npos);
}

TEST(TranslatorErrors, EntryWithoutEnglishNamesTheKey) {
    std::string error = parse_error(R"({"nav.back": {"zh-CN": "返回"}})");
    EXPECT_NE(error.find("nav.back"), std::string::npos) << error;
    EXPECT_NE(error.find("missing en"), std::string::npos) << error;
}

TEST(TranslatorErrors, EmptyChineseIsRejected) {
    std::string error = parse_error(R"({"nav.back": {"zh-CN": "", "en": "Back"}})");
    EXPECT_NE(error.find("missing zh-CN"), std::string::npos) << error;
}

TEST(TranslatorErrors, PlainStringInsteadOfBothLanguagesIsRejected) {
    std::string error = parse_error(R"({"nav.back": "返回"})");
    EXPECT_NE(error.find("nav.back"), std::string::npos) << error;
}

TEST(TranslatorErrors, UnknownLanguageIsRejected) {
    std::string error = parse_error(R"({"nav.back": {"zh-CN": "返回", "en": "Back", "fr": "Retour"}})");
    EXPECT_NE(error.find("unknown language 'fr'"), std::string::npos) << error;
}

TEST(TranslatorErrors, NonStringTextIsRejected) {
    std::string error = parse_error(R"({"unit.days": {"zh-CN": "天", "en": 5}})");
    EXPECT_NE(error.find("must be a string"), std::string::npos) << error;
}

TEST(TranslatorErrors, DifferentPlaceholdersInTheTwoLanguagesAreRejected) {
    std::string error =
        parse_error(R"({"timeout.message": {"zh-CN": "{seconds}秒后退出", "en": "Signing out soon"}})");
    EXPECT_NE(error.find("timeout.message"), std::string::npos) << error;
    EXPECT_NE(error.find("placeholders"), std::string::npos) << error;
    EXPECT_NE(parse_error(R"({"x": {"zh-CN": "{n}个", "en": "{count} items"}})").find("placeholders"),
              std::string::npos);
}

// A strings file is outside data: a very long "{placeholder}" is compared like any other, not a stack
// overflow (std::regex recursed once per character; found by fuzz_strings).
TEST(TranslatorErrors, AVeryLongPlaceholderIsNotACrash) {
    std::string name(1'000'000, 'a');
    auto same = Translator::parse(
        nlohmann::json{{"x", {{"zh-CN", "{" + name + "}"}, {"en", "{" + name + "}"}}}}.dump(),
        "strings.json");
    ASSERT_TRUE(same.ok()) << same.error().describe();
    std::string error = parse_error(nlohmann::json{{"x", {{"zh-CN", "{" + name + "}"}, {"en", "x"}}}}.dump());
    EXPECT_NE(error.find("placeholders"), std::string::npos) << error;
    EXPECT_TRUE(Translator::parse(R"({"x": {"zh-CN": "{a{b}", "en": "{b}"}})", "strings.json").ok())
        << "\"{a{b}\" holds the placeholder {b} only";
}

TEST(TranslatorErrors, MissingFileIsAnErrorNotACrash) {
    auto loaded = Translator::load("/nonexistent/i18n/strings.json");
    ASSERT_FALSE(loaded.ok());
    EXPECT_NE(loaded.error().message.find("/nonexistent/i18n/strings.json"), std::string::npos)
        << loaded.error().describe();
}
