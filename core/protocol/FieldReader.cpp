#include "core/protocol/FieldReader.h"
#include "core/protocol/Values.h"

#include <algorithm>

namespace kiosk::protocol {

Result<nlohmann::json> parse_json_object(std::string_view text) {
    // No exceptions: parse(…, nullptr, false) gives a "discarded" value for malformed text.
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded())
        return make_error(ErrorCode::InvalidData, "the request body is not valid JSON");
    if (!json.is_object())
        return make_error(ErrorCode::InvalidData, "the request body must be a JSON object");
    return json;
}

FieldReader::FieldReader(const nlohmann::json& object, std::string path,
                         std::initializer_list<const char*> keys, std::optional<Error>& error,
                         OtherKeys other_keys)
    : m_object(object), m_path(std::move(path)), m_error(error) {
    if (!ok())
        return;
    if (!object.is_object()) {
        m_error = make_error(ErrorCode::InvalidData, m_path.empty() ? "the body must be a JSON object"
                                                                    : m_path + ": expected an object");
        return;
    }
    if (other_keys == OtherKeys::Ignore)
        return;
    for (const auto& item : object.items()) {
        // A plain reference, not a structured binding: clang before 16 (the fuzz preset's) cannot
        // capture a binding in the lambda below.
        const std::string& key = item.key();
        if (std::any_of(keys.begin(), keys.end(), [&](const char* name) { return key == name; }))
            continue;
        // The key comes from outside: quote only a bounded, printable prefix of it.
        std::string shown;
        for (char c : key.substr(0, 40))
            shown += (c >= 0x20 && c < 0x7f) ? c : '?';
        m_error = make_error(ErrorCode::Unsupported, "unknown field " + child_path(shown.c_str()));
        return;
    }
}

void fail_at(std::optional<Error>& error, const std::string& path, const std::string& what) {
    if (!error)
        error = make_error(ErrorCode::InvalidData, path + ": " + what);
}

void FieldReader::fail(const char* key, const std::string& what) {
    fail_at(m_error, child_path(key), what);
}

const nlohmann::json* FieldReader::take(const char* key, bool required) {
    if (!ok() || !m_object.is_object())
        return nullptr;
    auto found = m_object.find(key);
    if (found == m_object.end() || found->is_null()) {
        if (required)
            fail(key, "missing");
        return nullptr;
    }
    return &*found;
}

const nlohmann::json* FieldReader::present(const char* key) {
    if (!ok() || !m_object.is_object())
        return nullptr;
    auto found = m_object.find(key);
    if (found == m_object.end()) {
        fail(key, "missing");
        return nullptr;
    }
    return found->is_null() ? nullptr : &*found;
}

std::string FieldReader::text(const char* key, size_t max_bytes) {
    auto* node = take(key, true);
    if (!node)
        return {};
    if (!node->is_string()) {
        fail(key, "expected a string");
        return {};
    }
    const auto& value = node->get_ref<const std::string&>();
    if (value.empty())
        fail(key, "must not be empty");
    else if (value.size() > max_bytes)
        fail(key, "longer than " + std::to_string(max_bytes) + " bytes");
    return value;
}

std::optional<std::string> FieldReader::optional_text(const char* key, size_t max_bytes) {
    auto* node = take(key, false);
    if (!node)
        return std::nullopt;
    if (!node->is_string()) {
        fail(key, "expected a string");
        return std::nullopt;
    }
    const auto& value = node->get_ref<const std::string&>();
    if (value.size() > max_bytes)
        fail(key, "longer than " + std::to_string(max_bytes) + " bytes");
    if (value.empty() || !ok())
        return std::nullopt;
    return value;
}

std::optional<std::string> FieldReader::nullable_text(const char* key, size_t max_bytes) {
    if (!present(key))
        return std::nullopt;
    return optional_text(key, max_bytes);
}

std::string FieldReader::date(const char* key) {
    std::string value = text(key, 10);
    if (ok() && !parse_iso_date(value).ok())
        fail(key, "expected a date YYYY-MM-DD");
    return value;
}

std::string FieldReader::time(const char* key) {
    std::string value = text(key, 40);
    if (ok() && !parse_utc_time(value).ok())
        fail(key, "expected a UTC time YYYY-MM-DDTHH:MM:SSZ");
    return value;
}

std::optional<std::string> FieldReader::nullable_time(const char* key) {
    auto value = nullable_text(key, 40);
    if (value && !parse_utc_time(*value).ok())
        fail(key, "expected a UTC time YYYY-MM-DDTHH:MM:SSZ");
    return value;
}

std::int64_t FieldReader::integer(const char* key, std::int64_t min, std::int64_t max) {
    auto* node = take(key, true);
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

bool FieldReader::boolean(const char* key) {
    auto* node = take(key, true);
    if (node && !node->is_boolean())
        fail(key, "expected true or false");
    return node && node->is_boolean() && node->get<bool>();
}

const nlohmann::json* FieldReader::object(const char* key) {
    auto* node = take(key, true);
    if (node && !node->is_object()) {
        fail(key, "expected an object");
        return nullptr;
    }
    return node;
}

const nlohmann::json* FieldReader::array(const char* key) {
    auto* node = take(key, true);
    if (node && !node->is_array()) {
        fail(key, "expected an array");
        return nullptr;
    }
    return node;
}

} // namespace kiosk::protocol
