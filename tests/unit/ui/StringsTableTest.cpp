// The shipped translation table (data/i18n/strings.json) against the code that uses it: every key the
// UI names exists in both languages, and every entry in the table is still used somewhere.

#include "SourceLiterals.h"
#include "core/domain/Identity.h"
#include "ui/toolkit/TextLayout.h"
#include "ui/toolkit/Translator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

using kiosk::test::SourceLiteral;

namespace {

const std::string kSourceDir = KIOSK_SOURCE_DIR;
const std::string kStringsPath = kSourceDir + "/data/i18n/strings.json";

// Where user-visible text is chosen: the toolkit, the scenes and the app shell (demo strip).
const std::vector<std::string> kTextFolders = {"ui", "kiosk"};

// Dotted lower-case literals in those folders that are names of something else, not translation keys.
const std::set<std::string> kNotTranslationKeys = {
    "kiosk.starts", // a counter in the local store (kiosk/App.cpp)
    "page.pnm",     // a file name (kiosk/devctl/ScanCommands.cpp)
    "content.json", // a content folder's index (kiosk/content/Content.h)
};

// Keys built at run time as prefix + name. The prefix appears in the code as a literal ending in '.'.
std::map<std::string, std::vector<std::string>> dynamic_families() {
    using kiosk::domain::DocumentType;
    std::map<std::string, std::vector<std::string>> families;
    // HomeScene: tr("document." + to_string(identity->document_type)).
    for (auto type : {DocumentType::ResidentId, DocumentType::HmtResidencePermit,
                      DocumentType::ForeignPermanentResidence2017,
                      DocumentType::ForeignPermanentResidence2023, DocumentType::Passport})
        families["document."].push_back(kiosk::domain::to_string(type));
    families["weekday."] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    // OutOfServiceScene: "out_of_service.reason." + the reason the app set. "storage" is the reason for a
    // failed local store, reserved in the design; the others are found where the code sets a reason.
    families["out_of_service.reason."] = {"storage"};
    // ScanScene: "evidence." + the evidence field a wrong page lacked (the sample catalog's field ids;
    // a field without a string is named by its id).
    // ProgressScene: the hub's words for an application, a matter, and a failed query.
    families["progress.status."] = {"in_progress", "completed", "rejected", "more_requested"};
    families["progress.state."] = {"pending", "approved", "rejected", "more_requested"};
    families["progress.failure."] = {"not_found", "unreachable", "not_configured"};
    families["certificates.failure."] = {"unreachable", "not_configured"};
    // The attract screen's message while the kiosk takes no citizens: chosen by
    // services/staff/mode/ServiceMode::attract_message (services/ is not scanned: its audit kinds,
    // "service.out", look like keys).
    families["service."] = {"maintenance", "out_of_hours", "out_of_service"};
    families["evidence."] = {"id_number",    "uscc",    "birth_date", "registration_date",
                             "company_name", "address", "established"};
    return families;
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

nlohmann::json shipped_json() {
    return nlohmann::json::parse(read_text(kStringsPath));
}

bool is_key(const std::string& text) {
    static const std::regex pattern(R"([a-z][a-z0-9_]*(\.[a-z0-9_]+)+)");
    return std::regex_match(text, pattern);
}

bool is_key_prefix(const std::string& text) {
    static const std::regex pattern(R"([a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.)");
    return std::regex_match(text, pattern);
}

std::vector<SourceLiteral> text_literals() {
    return kiosk::test::string_literals_under(kSourceDir, kTextFolders);
}

// Reasons the app puts the kiosk out of service with: out_of_service_reason = "catalog",
// set_out_of_service(... "staff" ...).
std::set<std::string> out_of_service_reasons_in_sources() {
    static const std::regex assignment(R"(out_of_service(_reason)?\s*(=|\()([^;]*))");
    static const std::regex quoted(R"re("([a-z_]+)")re");
    std::set<std::string> reasons;
    for (const auto& folder : kTextFolders) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(kSourceDir + "/" + folder)) {
            if (entry.path().extension() != ".cpp")
                continue;
            std::string text = read_text(entry.path().string());
            for (auto it = std::sregex_iterator(text.begin(), text.end(), assignment);
                 it != std::sregex_iterator(); ++it) {
                std::string tail = (*it)[3];
                for (auto q = std::sregex_iterator(tail.begin(), tail.end(), quoted);
                     q != std::sregex_iterator(); ++q)
                    reasons.insert((*q)[1]);
            }
        }
    }
    return reasons;
}

std::set<std::string> all_dynamic_keys() {
    std::set<std::string> keys;
    auto families = dynamic_families();
    for (const auto& reason : out_of_service_reasons_in_sources())
        families["out_of_service.reason."].push_back(reason);
    for (const auto& [prefix, names] : families) {
        for (const auto& name : names)
            keys.insert(prefix + name);
    }
    return keys;
}

std::set<std::string> placeholders(const std::string& text) {
    // Wider than the Translator's own pattern, so "{N}" or "{ days }" typos show up here too.
    static const std::regex pattern(R"(\{([^{}]*)\})");
    std::set<std::string> found;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern); it != std::sregex_iterator();
         ++it)
        found.insert((*it)[1]);
    return found;
}

bool has_cjk(const std::string& text) {
    for (size_t i = 0; i < text.size();) {
        char32_t c = kiosk::ui::next_code_point(text, i);
        if ((c >= 0x3000 && c <= 0x9FFF) || (c >= 0xFF00 && c <= 0xFFEF))
            return true;
    }
    return false;
}

} // namespace

TEST(ShippedStrings, LoadThroughTheTranslator) {
    auto loaded = kiosk::ui::Translator::load(kStringsPath);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    EXPECT_GT(loaded->keys().size(), 50u);
}

TEST(ShippedStrings, HaveNoDuplicateKeys) {
    // A JSON parser keeps the last of two equal keys silently; a hand-edited table must not have any.
    std::set<std::string> seen;
    std::vector<std::string> duplicates;
    nlohmann::json::parser_callback_t callback = [&](int depth, nlohmann::json::parse_event_t event,
                                                     nlohmann::json& parsed) {
        if (event == nlohmann::json::parse_event_t::key && depth == 1 &&
            !seen.insert(parsed.get<std::string>()).second)
            duplicates.push_back(parsed.get<std::string>());
        return true;
    };
    auto parsed = nlohmann::json::parse(read_text(kStringsPath), callback);
    EXPECT_TRUE(parsed.is_object());
    EXPECT_TRUE(duplicates.empty()) << "duplicate key: " << duplicates.front();
}

TEST(ShippedStrings, EveryEntryHasTrimmedChineseAndEnglish) {
    auto json = shipped_json();
    for (const auto& [key, entry] : json.items()) {
        SCOPED_TRACE(key);
        EXPECT_TRUE(is_key(key)) << "keys are dotted lower_case names";
        ASSERT_TRUE(entry.is_object());
        EXPECT_EQ(entry.size(), 2u);
        for (const char* language : {"zh-CN", "en"}) {
            ASSERT_TRUE(entry.contains(language) && entry[language].is_string()) << language;
            std::string text = entry[language].get<std::string>();
            EXPECT_FALSE(text.empty()) << language;
            EXPECT_FALSE(!text.empty() && (text.front() == ' ' || text.back() == ' '))
                << language << ": padded";
            EXPECT_EQ(text.find('\n'), std::string::npos) << language << ": line breaks are the layout's job";
        }
    }
}

TEST(ShippedStrings, BothLanguagesUseTheSamePlaceholders) {
    static const std::regex name(R"([a-z_]+)");
    auto json = shipped_json();
    for (const auto& [key, entry] : json.items()) {
        SCOPED_TRACE(key);
        auto zh = placeholders(entry.value("zh-CN", ""));
        auto en = placeholders(entry.value("en", ""));
        EXPECT_EQ(zh, en);
        for (const auto& placeholder : zh)
            EXPECT_TRUE(std::regex_match(placeholder, name))
                << "{" << placeholder << "} is not a placeholder name";
    }
}

TEST(ShippedStrings, ChineseIsChineseAndEnglishIsEnglish) {
    // Bilingual on purpose: reached by someone who may not read the current language, or a logo.
    const std::set<std::string> bilingual = {"attract.language", "language.title", "header.emblem"};
    auto json = shipped_json();
    for (const auto& [key, entry] : json.items()) {
        SCOPED_TRACE(key);
        EXPECT_TRUE(has_cjk(entry.value("zh-CN", ""))) << "zh-CN text looks untranslated";
        if (!bilingual.count(key)) {
            EXPECT_FALSE(has_cjk(entry.value("en", ""))) << "en text contains Chinese";
        }
    }
}

TEST(SourceKeys, EveryKeyNamedInTheSourcesIsInTheTable) {
    auto json = shipped_json();
    size_t checked = 0;
    for (const auto& literal : text_literals()) {
        if (!is_key(literal.text) || kNotTranslationKeys.count(literal.text))
            continue;
        ++checked;
        EXPECT_TRUE(json.contains(literal.text)) << literal.file << ":" << literal.line << ": \""
                                                 << literal.text << "\" is not in data/i18n/strings.json";
    }
    EXPECT_GT(checked, 50u) << "the source scan found suspiciously few keys";
}

TEST(SourceKeys, EveryDynamicFamilyIsKnownAndComplete) {
    auto json = shipped_json();
    auto families = dynamic_families();
    for (const auto& literal : text_literals()) {
        if (is_key_prefix(literal.text) && !kNotTranslationKeys.count(literal.text)) {
            EXPECT_TRUE(families.count(literal.text))
                << literal.file << ":" << literal.line << ": keys are built from \"" << literal.text
                << "\"; list the family's members in dynamic_families()";
        }
    }
    for (const auto& key : all_dynamic_keys())
        EXPECT_TRUE(json.contains(key)) << key << " is not in data/i18n/strings.json";
}

TEST(SourceKeys, FindsTheOutOfServiceReasonsTheAppSets) {
    auto reasons = out_of_service_reasons_in_sources();
    EXPECT_TRUE(reasons.count("staff"));  // F9 in demo mode, --scene out-of-service
    EXPECT_TRUE(reasons.count("config")); // no content loaded (kiosk/content/ContentChoice.h)
}

TEST(SourceKeys, EveryTableEntryIsStillUsed) {
    std::set<std::string> used = all_dynamic_keys();
    for (const auto& literal : text_literals())
        used.insert(literal.text);
    auto json = shipped_json();
    for (const auto& [key, entry] : json.items())
        EXPECT_TRUE(used.count(key)) << key << " is in strings.json but no code names it";
}
