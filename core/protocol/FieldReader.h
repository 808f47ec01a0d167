#pragma once
// How every parse_* of this module reads a JSON object: field by field, the first problem wins and
// later calls are no-ops. Problems name the key path ("materials[2].sha256: expected 64 lowercase hex
// digits"), never a value: values are personal data. A key outside `keys` is refused at once with
// ErrorCode::Unsupported (requests: 400 unknown-field) or ignored (answers: a newer hub may add keys);
// every other problem is ErrorCode::InvalidData. A null value counts as absent.

#include "core/base/Result.h"

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::protocol {

// One JSON object from `text`; InvalidData when it is not JSON or not an object (400 malformed-json).
Result<nlohmann::json> parse_json_object(std::string_view text);

class FieldReader {
public:
    enum class OtherKeys { Refuse, Ignore };

    FieldReader(const nlohmann::json& object, std::string path, std::initializer_list<const char*> keys,
                std::optional<Error>& error, OtherKeys other_keys = OtherKeys::Refuse);

    // A string of 1..max_bytes bytes.
    std::string text(const char* key, size_t max_bytes);
    // Absent, null or "" is nullopt; else a string of at most max_bytes bytes.
    std::optional<std::string> optional_text(const char* key, size_t max_bytes);
    // Like optional_text, but the key must be there (answers write null rather than leave it out).
    std::optional<std::string> nullable_text(const char* key, size_t max_bytes);
    // A date "YYYY-MM-DD" / a UTC time (Values.h), required or (nullable_*) present but maybe null.
    std::string date(const char* key);
    std::string time(const char* key);
    std::optional<std::string> nullable_time(const char* key);
    std::int64_t integer(const char* key, std::int64_t min, std::int64_t max);
    bool boolean(const char* key);
    // The raw node, checked to be an object / an array (required); null when absent or wrong.
    const nlohmann::json* object(const char* key);
    const nlohmann::json* array(const char* key);
    // text() that must be one of a vocabulary's spellings (Values.h): parse(text) or fail.
    template <typename Parse>
    auto choice(const char* key, Parse parse, const std::string& expected) {
        using Value = typename decltype(parse(std::string_view()))::value_type;
        std::string spelling = text(key, 32);
        std::optional<Value> value;
        if (ok() && !(value = parse(spelling)))
            fail(key, "expected " + expected);
        return value.value_or(Value{});
    }

    bool ok() const { return !m_error.has_value(); }
    void fail(const char* key, const std::string& what);
    std::string child_path(const char* key) const { return m_path.empty() ? key : m_path + "." + key; }

private:
    const nlohmann::json* take(const char* key, bool required);
    const nlohmann::json* present(const char* key); // required key, null allowed (returns null then)

    const nlohmann::json& m_object;
    std::string m_path;
    std::optional<Error>& m_error;
};

// The value read, or the first problem met reading it.
template <typename T>
Result<T> read_result(T value, const std::optional<Error>& error) {
    if (error)
        return *error;
    return value;
}

// Records `path: what` as the problem unless one was found already.
void fail_at(std::optional<Error>& error, const std::string& path, const std::string& what);

// "materials[2]".
inline std::string element_path(const std::string& array_path, size_t index) {
    return array_path + "[" + std::to_string(index) + "]";
}

} // namespace kiosk::protocol
