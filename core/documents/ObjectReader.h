#pragma once
// Internal to kiosk_print: the reader of one template object.
// JsonReader reads texts, integers and booleans strictly; lengths here are decimals (2.5 mm) and
// blocks nest, so numbers and child arrays are taken out of a copy of the object first and the rest
// goes through JsonReader, which still rejects keys nobody asked for.

#include "core/base/JsonReader.h"
#include "core/documents/TextTemplate.h"

#include <optional>
#include <sstream>
#include <string>

namespace kiosk::print::detail {

class ObjectReader {
public:
    ObjectReader(const nlohmann::json& object, const std::string& origin, const std::string& path)
        : m_rest(object), m_origin(origin), m_path(path), reader(m_rest, origin, path) {}

    void number(const char* key, double& out, double min, double max) {
        auto it = m_rest.find(key);
        if (it == m_rest.end())
            return;
        if (!it->is_number())
            fail(key, "expected a number");
        else if (it->get<double>() < min || it->get<double>() > max)
            fail(key, "must be between " + format(min) + " and " + format(max));
        else
            out = it->get<double>();
        m_rest.erase(it);
    }
    // Takes a nested array or object out for the caller to read; null when absent.
    std::optional<nlohmann::json> child(const char* key) {
        auto it = m_rest.find(key);
        if (it == m_rest.end())
            return std::nullopt;
        nlohmann::json value = std::move(*it);
        m_rest.erase(it);
        return value;
    }
    void text(const char* key, TextTemplate& out, bool required) {
        std::string source;
        if (required)
            reader.required(key, source);
        else
            reader.optional(key, source);
        if (!reader.ok() || source.empty())
            return;
        auto parsed = TextTemplate::parse(source);
        if (!parsed.ok())
            return fail(key, parsed.error().message);
        out = parsed.release_value();
    }
    void fail(const std::string& key, const std::string& what) {
        if (!m_error)
            m_error = make_error(ErrorCode::InvalidData, m_origin + ": " + child_path(key) + ": " + what);
    }
    std::string child_path(const std::string& key) const { return m_path.empty() ? key : m_path + "." + key; }
    bool ok() const { return !m_error && reader.ok(); }
    Result<void> finish() {
        if (!m_error && reader.ok())
            reader.finish();
        if (m_error)
            return *m_error;
        if (!reader.ok())
            return reader.error();
        return {};
    }

private:
    static std::string format(double value) {
        std::ostringstream out;
        out << value;
        return out.str();
    }
    nlohmann::json m_rest;
    std::string m_origin, m_path;
    std::optional<Error> m_error;

public:
    JsonReader reader;
};

} // namespace kiosk::print::detail
