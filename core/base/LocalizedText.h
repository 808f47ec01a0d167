#pragma once
// A text shown to citizens, in every language the kiosk speaks (zh-CN first, en second).

#include <string>
#include <string_view>

namespace kiosk {

enum class Language { ZhCN, En };

const char* language_tag(Language language); // "zh-CN", "en"
bool parse_language_tag(std::string_view tag, Language& out);

struct LocalizedText {
    std::string zh; // zh-CN, always present
    std::string en; // en, always present in shipped data

    const std::string& in(Language language) const {
        return language == Language::En && !en.empty() ? en : zh;
    }
    bool operator==(const LocalizedText&) const = default;
};

// Overwrites a string's characters before clearing it, so personal data does not linger in freed heap.
void secure_wipe(std::string& text);

} // namespace kiosk
