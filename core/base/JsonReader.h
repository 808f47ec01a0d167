#pragma once
// Strict reading of JSON objects from outside: every key must be known, every type right, and every
// error names the file and the key path ("kiosk.json: display.width: expected an integer").

#include "core/base/LocalizedText.h"
#include "core/base/Result.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kiosk {

Result<nlohmann::json> parse_json(std::string_view text, std::string_view origin);

class JsonReader {
public:
    JsonReader(const nlohmann::json& object, std::string origin, std::string path);

    // Each getter records the first error it meets; later calls are no-ops once failed.
    void optional(const char* key, std::string& out);
    void optional(const char* key, int& out, int min, int max);
    void optional(const char* key, bool& out);
    void optional(const char* key, LocalizedText& out);
    void required(const char* key, std::string& out);
    void required(const char* key, LocalizedText& out);
    // Calls read(child) for a nested object, if present.
    template <typename F>
    void optional_object(const char* key, F&& read) {
        if (auto* node = take(key)) {
            if (!node->is_object())
                return fail(key, "expected an object");
            JsonReader child(*node, m_origin, child_path(key));
            read(child);
            if (!child.ok() && ok())
                m_error = child.m_error;
        }
    }
    // Calls read(element_reader, index) for each object of an array.
    template <typename F>
    void array_of_objects(const char* key, bool required_key, F&& read) {
        auto* node = take(key);
        if (!node) {
            if (required_key)
                fail(key, "missing");
            return;
        }
        if (!node->is_array())
            return fail(key, "expected an array");
        for (size_t i = 0; i < node->size() && ok(); ++i) {
            const auto& element = (*node)[i];
            std::string element_path = child_path(key) + "[" + std::to_string(i) + "]";
            if (!element.is_object())
                return fail_at(element_path, "expected an object");
            JsonReader child(element, m_origin, element_path);
            read(child, i);
            if (!child.ok() && ok())
                m_error = child.m_error;
            if (ok())
                child.finish();
            if (!child.ok() && ok())
                m_error = child.m_error;
        }
    }
    void string_array(const char* key, std::vector<std::string>& out);
    void localized_array(const char* key, std::vector<LocalizedText>& out);

    // Whether the object names key (asking does not count as reading it for finish()).
    bool has(const char* key) const { return m_object.is_object() && m_object.contains(key); }
    // Fails on keys nobody asked for (a typo in a config must not be silently ignored).
    void finish();
    void fail(const char* key, const std::string& what) { fail_at(child_path(key), what); }
    void fail_at(const std::string& path, const std::string& what);

    bool ok() const { return !m_error.has_value(); }
    const Error& error() const { return *m_error; }
    const std::string& path() const { return m_path; }
    std::string child_path(const char* key) const { return m_path.empty() ? key : m_path + "." + key; }

private:
    const nlohmann::json* take(const char* key);

    const nlohmann::json& m_object;
    std::string m_origin;
    std::string m_path;
    std::set<std::string> m_seen;
    std::optional<Error> m_error;
};

} // namespace kiosk
