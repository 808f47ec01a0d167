#pragma once
// Reading request bodies from outside strictly: malformed JSON, a key nobody defined or a value of
// the wrong type is refused with a 400 naming the key path, before anything is looked up or written.
// The first problem wins; later calls are no-ops once one was found.

#include "hub/Api.h"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

namespace kiosk::hub {

// 400 malformed-json unless `text` is one JSON object.
std::optional<Reply> parse_json_object(const std::string& text, nlohmann::json& out);

class StrictReader {
public:
    // Refuses keys outside `allowed` at once (400 unknown-field).
    StrictReader(const nlohmann::json& object, std::string path, std::initializer_list<const char*> allowed,
                 std::optional<Reply>& problem);

    // A string of 1..max_bytes bytes (required), or null/absent when `optional`.
    std::string string(const char* key, size_t max_bytes, bool optional = false);
    std::int64_t integer(const char* key, std::int64_t min, std::int64_t max);
    // The raw node, checked to be an object / an array (required).
    const nlohmann::json* object(const char* key);
    const nlohmann::json* array(const char* key);

    bool ok() const { return !m_problem.has_value(); }
    std::string child_path(const char* key) const { return m_path.empty() ? key : m_path + "." + key; }
    void fail(const char* key, const std::string& what);

private:
    const nlohmann::json* take(const char* key, bool optional);

    const nlohmann::json& m_object;
    std::string m_path;
    std::optional<Reply>& m_problem;
};

} // namespace kiosk::hub
