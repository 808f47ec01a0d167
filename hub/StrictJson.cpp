#include "hub/StrictJson.h"

#include <algorithm>

namespace kiosk::hub {

std::optional<Reply> parse_json_object(const std::string& text, nlohmann::json& out) {
    // No exceptions: parse(…, nullptr, false) gives a "discarded" value for malformed text.
    out = nlohmann::json::parse(text, nullptr, false);
    if (out.is_discarded())
        return error_reply(400, "malformed-json", "the request body is not valid JSON");
    if (!out.is_object())
        return error_reply(400, "malformed-json", "the request body must be a JSON object");
    return std::nullopt;
}

StrictReader::StrictReader(const nlohmann::json& object, std::string path,
                           std::initializer_list<const char*> allowed, std::optional<Reply>& problem)
    : m_object(object), m_path(std::move(path)), m_problem(problem) {
    if (!ok())
        return;
    for (const auto& item : object.items()) {
        // A plain reference, not a structured binding: clang before 16 (the fuzz preset's) cannot
        // capture a binding in the lambda below.
        const std::string& key = item.key();
        bool known =
            std::any_of(allowed.begin(), allowed.end(), [&](const char* name) { return key == name; });
        if (!known) {
            // The key comes from outside: quote only a bounded, printable prefix of it.
            std::string shown;
            for (char c : key.substr(0, 40))
                shown += (c >= 0x20 && c < 0x7f) ? c : '?';
            m_problem = error_reply(400, "unknown-field", "unknown field " + child_path(shown.c_str()));
            return;
        }
    }
}

void StrictReader::fail(const char* key, const std::string& what) {
    if (ok())
        m_problem = error_reply(400, "invalid-field", child_path(key) + ": " + what);
}

const nlohmann::json* StrictReader::take(const char* key, bool optional) {
    if (!ok())
        return nullptr;
    auto found = m_object.find(key);
    if (found == m_object.end() || found->is_null()) {
        if (!optional)
            fail(key, "missing");
        return nullptr;
    }
    return &*found;
}

std::string StrictReader::string(const char* key, size_t max_bytes, bool optional) {
    auto* node = take(key, optional);
    if (!node)
        return {};
    if (!node->is_string()) {
        fail(key, "expected a string");
        return {};
    }
    const auto& text = node->get_ref<const std::string&>();
    if (text.empty() && !optional)
        fail(key, "must not be empty");
    else if (text.size() > max_bytes)
        fail(key, "longer than " + std::to_string(max_bytes) + " bytes");
    return text;
}

std::int64_t StrictReader::integer(const char* key, std::int64_t min, std::int64_t max) {
    auto* node = take(key, false);
    if (!node)
        return 0;
    if (!node->is_number_integer()) {
        fail(key, "expected an integer");
        return 0;
    }
    auto value = node->get<std::int64_t>();
    if (value < min || value > max)
        fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return value;
}

const nlohmann::json* StrictReader::object(const char* key) {
    auto* node = take(key, false);
    if (node && !node->is_object()) {
        fail(key, "expected an object");
        return nullptr;
    }
    return node;
}

const nlohmann::json* StrictReader::array(const char* key) {
    auto* node = take(key, false);
    if (node && !node->is_array()) {
        fail(key, "expected an array");
        return nullptr;
    }
    return node;
}

} // namespace kiosk::hub
