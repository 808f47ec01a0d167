#include "core/base/LocalizedText.h"

#include <cstring>

namespace kiosk {

const char* language_tag(Language language) {
    return language == Language::En ? "en" : "zh-CN";
}

bool parse_language_tag(std::string_view tag, Language& out) {
    if (tag == "zh-CN" || tag == "zh") {
        out = Language::ZhCN;
        return true;
    }
    if (tag == "en") {
        out = Language::En;
        return true;
    }
    return false;
}

void secure_wipe(std::string& text) {
    if (!text.empty())
        explicit_bzero(text.data(), text.size());
    text.clear();
    text.shrink_to_fit();
}

} // namespace kiosk
