// libFuzzer target for the translation table (ui/toolkit/Translator.h), which arrives with the kiosk's
// data: any bytes go through Translator::parse, and every entry of an accepted table is then shown and
// formatted in both languages as the screens do. Beyond "no crash, no sanitizer report", it checks what
// the screens rely on: an error names the file, every key listed is found, and formatting replaces a
// placeholder even when the value looks like one.

#include "ui/toolkit/Translator.h"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

void require(bool condition) {
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = kiosk::ui::Translator::parse(text, "strings.json");
    if (!parsed.ok()) {
        require(parsed.error().message.rfind("strings.json: ", 0) == 0);
        return 0;
    }
    auto& translator = parsed.value();
    for (kiosk::Language language : {kiosk::Language::ZhCN, kiosk::Language::En}) {
        translator.set_language(language);
        for (const auto& key : translator.keys()) {
            require(translator.has(key));
            const std::string& shown = translator.tr(key);
            std::string formatted = translator.format(key, {{"name", "{name}"}, {"count", "3"}, {"x", ""}});
            if (shown.find("{name}") == std::string::npos && shown.find("{count}") == std::string::npos &&
                shown.find("{x}") == std::string::npos)
                require(formatted == shown);
        }
    }
    return 0;
}
