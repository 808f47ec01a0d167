#include "core/base/JsonReader.h"

#include <climits>

namespace kiosk {

Result<nlohmann::json> parse_json(std::string_view text, std::string_view origin) {
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        // Not only parse_error: a number too large for a double ("1e999", a long run of digits) is
        // out_of_range. e.what() carries the byte offset; enough for an engineer to find a missing comma.
        return make_error(ErrorCode::InvalidData,
                          std::string(origin) + ": not valid JSON (" + e.what() + ")");
    }
}

JsonReader::JsonReader(const nlohmann::json& object, std::string origin, std::string path)
    : m_object(object), m_origin(std::move(origin)), m_path(std::move(path)) {}

const nlohmann::json* JsonReader::take(const char* key) {
    if (!ok())
        return nullptr;
    m_seen.insert(key);
    auto it = m_object.find(key);
    return it == m_object.end() ? nullptr : &*it;
}

void JsonReader::fail_at(const std::string& path, const std::string& what) {
    if (ok())
        m_error = make_error(ErrorCode::InvalidData, m_origin + ": " + path + ": " + what);
}

void JsonReader::optional(const char* key, std::string& out) {
    if (auto* node = take(key)) {
        if (!node->is_string())
            return fail(key, "expected a string");
        out = node->get<std::string>();
    }
}

void JsonReader::optional(const char* key, int& out, int min, int max) {
    if (auto* node = take(key)) {
        if (!node->is_number_integer())
            return fail(key, "expected an integer");
        // An unsigned value past LLONG_MAX would wrap to a negative long long in get<long long>().
        bool too_big = node->is_number_unsigned() &&
                       node->get<unsigned long long>() > static_cast<unsigned long long>(LLONG_MAX);
        auto value = too_big ? 0LL : node->get<long long>();
        if (too_big || value < min || value > max)
            return fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
        out = static_cast<int>(value);
    }
}

void JsonReader::optional(const char* key, bool& out) {
    if (auto* node = take(key)) {
        if (!node->is_boolean())
            return fail(key, "expected true or false");
        out = node->get<bool>();
    }
}

static bool read_localized(const nlohmann::json& node, LocalizedText& out, std::string& why) {
    if (!node.is_object()) {
        why = "expected an object {\"zh-CN\": ..., \"en\": ...}";
        return false;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (it.key() != "zh-CN" && it.key() != "en") {
            why = "unknown language '" + it.key() + "' (expected zh-CN and en)";
            return false;
        }
        if (!it.value().is_string()) {
            why = "text for '" + it.key() + "' must be a string";
            return false;
        }
    }
    auto zh = node.find("zh-CN");
    auto en = node.find("en");
    if (zh == node.end() || zh->get<std::string>().empty()) {
        why = "missing zh-CN text";
        return false;
    }
    if (en == node.end() || en->get<std::string>().empty()) {
        why = "missing en text";
        return false;
    }
    out.zh = zh->get<std::string>();
    out.en = en->get<std::string>();
    return true;
}

void JsonReader::optional(const char* key, LocalizedText& out) {
    if (auto* node = take(key)) {
        std::string why;
        if (!read_localized(*node, out, why))
            fail(key, why);
    }
}

void JsonReader::required(const char* key, std::string& out) {
    auto* node = take(key);
    if (!ok())
        return;
    if (!node)
        return fail(key, "missing");
    if (!node->is_string() || node->get<std::string>().empty())
        return fail(key, "expected a non-empty string");
    out = node->get<std::string>();
}

void JsonReader::required(const char* key, LocalizedText& out) {
    auto* node = take(key);
    if (!ok())
        return;
    if (!node)
        return fail(key, "missing");
    std::string why;
    if (!read_localized(*node, out, why))
        fail(key, why);
}

void JsonReader::string_array(const char* key, std::vector<std::string>& out) {
    if (auto* node = take(key)) {
        if (!node->is_array())
            return fail(key, "expected an array of strings");
        out.clear();
        for (const auto& element : *node) {
            if (!element.is_string())
                return fail(key, "expected an array of strings");
            out.push_back(element.get<std::string>());
        }
    }
}

void JsonReader::localized_array(const char* key, std::vector<LocalizedText>& out) {
    if (auto* node = take(key)) {
        if (!node->is_array())
            return fail(key, "expected an array of texts");
        out.clear();
        for (size_t i = 0; i < node->size(); ++i) {
            LocalizedText text;
            std::string why;
            if (!read_localized((*node)[i], text, why))
                return fail_at(child_path(key) + "[" + std::to_string(i) + "]", why);
            out.push_back(std::move(text));
        }
    }
}

void JsonReader::finish() {
    if (!ok())
        return;
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (!m_seen.count(it.key()))
            return fail(it.key().c_str(), "unknown key");
    }
}

} // namespace kiosk
