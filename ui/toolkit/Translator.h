#pragma once
// The translation table: every user-visible string of the program (catalog texts come with the
// catalog). zh-CN is the default language, en the second; switching is instant.
// Placeholders: "{name}" in a string is replaced by format(key, {{"name", value}}).

#include "core/base/LocalizedText.h"
#include "core/base/Result.h"

#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::ui {

class Translator {
public:
    // Every entry must have both languages and the same placeholders in each.
    static Result<Translator> parse(std::string_view json_text, std::string_view origin);
    static Result<Translator> load(const std::string& path);

    Language language() const { return m_language; }
    void set_language(Language language) { m_language = language; }

    // A missing key shows as "⟦key⟧" on screen (and fails the translation test), never as blank.
    const std::string& tr(std::string_view key) const;
    std::string format(std::string_view key,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> values) const;
    bool has(std::string_view key) const { return m_entries.count(std::string(key)) > 0; }
    std::vector<std::string> keys() const;
    // The keys asked for (tr, format) that the table does not have, sorted.
    std::vector<std::string> missing() const;

private:
    std::map<std::string, LocalizedText, std::less<>> m_entries;
    Language m_language = Language::ZhCN;
    mutable std::map<std::string, std::string, std::less<>> m_missing;
};

} // namespace kiosk::ui
