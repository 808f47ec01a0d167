#include "ui/toolkit/Translator.h"

#include "core/base/Config.h"
#include "core/base/JsonReader.h"
#include "core/base/Log.h"

#include <fmt/format.h>
#include <set>

namespace kiosk::ui {
namespace {

// Every "{name}" (lowercase letters and '_'). A plain scan, not std::regex: libstdc++'s matcher recurses
// once per character, and a long enough run in a strings file overflowed the stack (fuzz_strings).
std::set<std::string> placeholders(std::string_view text) {
    std::set<std::string> found;
    for (size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        size_t end = open + 1;
        while (end < text.size() && ((text[end] >= 'a' && text[end] <= 'z') || text[end] == '_'))
            ++end;
        if (end > open + 1 && end < text.size() && text[end] == '}')
            found.emplace(text.substr(open + 1, end - open - 1));
    }
    return found;
}

} // namespace

Result<Translator> Translator::parse(std::string_view json_text, std::string_view origin) {
    auto json = TRY(parse_json(json_text, origin));
    if (!json.is_object())
        return make_error(ErrorCode::InvalidData, std::string(origin) + ": expected an object of strings");
    Translator translator;
    JsonReader reader(json, std::string(origin), "");
    for (auto it = json.begin(); it != json.end() && reader.ok(); ++it) {
        LocalizedText text;
        reader.required(it.key().c_str(), text);
        if (reader.ok() && placeholders(text.zh) != placeholders(text.en))
            reader.fail(it.key().c_str(), "zh-CN and en use different {placeholders}");
        translator.m_entries.emplace(it.key(), std::move(text));
    }
    if (!reader.ok())
        return reader.error();
    return translator;
}

Result<Translator> Translator::load(const std::string& path) {
    auto text = TRY(read_file(path));
    return parse(text, path);
}

const std::string& Translator::tr(std::string_view key) const {
    if (auto it = m_entries.find(key); it != m_entries.end())
        return it->second.in(m_language);
    auto [it, inserted] = m_missing.emplace(std::string(key), "⟦" + std::string(key) + "⟧");
    if (inserted)
        log::error("translation missing: {}", key);
    return it->second;
}

std::string
Translator::format(std::string_view key,
                   std::initializer_list<std::pair<std::string_view, std::string_view>> values) const {
    std::string text = tr(key);
    for (auto& [name, value] : values) {
        std::string token = fmt::format("{{{}}}", name);
        for (size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size()))
            text.replace(at, token.size(), value);
    }
    return text;
}

std::vector<std::string> Translator::missing() const {
    std::vector<std::string> result;
    for (auto& [key, shown] : m_missing)
        result.push_back(key);
    return result;
}

std::vector<std::string> Translator::keys() const {
    std::vector<std::string> result;
    for (auto& [key, text] : m_entries)
        result.push_back(key);
    return result;
}

} // namespace kiosk::ui
