#include "OpenApiShapes.h"
#include "core/protocol/Errors.h"

#include <cstdio>
#include <gtest/gtest.h>
#include <regex>

namespace kiosk::protocol::test {
namespace {

using json = nlohmann::json;
using Names = std::set<std::string>;

std::string list(const Names& names) {
    return "[" + join(std::vector<std::string>(names.begin(), names.end()), ", ") + "]";
}

Names keys(const json& object) {
    Names names;
    for (const auto& item : object.items())
        names.insert(item.key());
    return names;
}

// A schema with $ref followed and allOf merged into one object schema.
json resolve(const json& spec, const json& schema) {
    if (schema.contains("$ref"))
        return resolve(spec, spec.at(json::json_pointer(schema["$ref"].get<std::string>().substr(1))));
    if (!schema.contains("allOf"))
        return schema;
    json merged = {{"type", "object"}, {"properties", json::object()}, {"required", json::array()}};
    for (const auto& part : schema["allOf"]) {
        json resolved = resolve(spec, part);
        merged["properties"].update(resolved.value("properties", json::object()));
        for (const auto& name : resolved.value("required", json::array()))
            merged["required"].push_back(name);
    }
    return merged;
}

// "/materials/0" -> "materials[]"; "" -> "body".
std::string part_name(const std::string& pointer) {
    if (pointer.empty())
        return "body";
    std::string name = std::regex_replace(pointer.substr(1), std::regex("/0"), "[]");
    return std::regex_replace(name, std::regex("/"), ".");
}

// The schema of `pointer` inside `schema`: properties for keys, items for array indexes.
json descend(const json& spec, json schema, const std::string& pointer) {
    size_t at = 1;
    while (at <= pointer.size()) {
        size_t next = pointer.find('/', at);
        std::string token = pointer.substr(at, next == std::string::npos ? std::string::npos : next - at);
        bool index = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
        const char* key = index ? "items" : "properties";
        if (!schema.contains(key) || (!index && !schema[key].contains(token)))
            return nullptr;
        schema = resolve(spec, index ? schema[key] : schema[key][token]);
        if (next == std::string::npos)
            break;
        at = next + 1;
    }
    return schema;
}

struct Probe {
    const Message& message;
    std::string part;
    bool reads_with(const std::string& key, const json& value) const {
        json body = message.full;
        body[json::json_pointer(part + "/" + escape(key))] = value;
        return message.reads(body);
    }
    bool reads_without(const std::string& key) const {
        json body = message.full;
        body[json::json_pointer(part.empty() ? "" : part)].erase(key);
        return message.reads(body);
    }
};

// The limits a request schema states for `key`, each checked at its edge.
void compare_limits(const Probe& probe, const std::string& key, const json& schema, const json& sample,
                    std::vector<std::string>& out) {
    std::string where = part_name(probe.part) + ": " + key + ": ";
    auto edge = [&](const char* limit, const json& at, const json& beyond, long long value) {
        if (!probe.reads_with(key, at))
            out.push_back(where + limit + " " + std::to_string(value) + ", but the module refuses it");
        if (probe.reads_with(key, beyond))
            out.push_back(where + limit + " " + std::to_string(value) + ", but the module accepts beyond it");
    };
    std::string type = schema.value("type", "");
    if (type == "string" && !schema.contains("enum") && !schema.contains("pattern")) {
        if (!schema.contains("maxLength"))
            return out.push_back(where + "no maxLength published");
        size_t max = schema["maxLength"];
        edge("maxLength", std::string(max, 'a'), std::string(max + 1, 'a'), static_cast<long long>(max));
    } else if (type == "integer") {
        for (const char* limit : {"minimum", "maximum"}) {
            if (!schema.contains(limit))
                return out.push_back(where + "no " + limit + " published");
            long long value = schema[limit];
            edge(limit, value, limit[1] == 'i' ? value - 1 : value + 1, value);
        }
    } else if (type == "array" && !sample.empty()) {
        if (!schema.contains("maxItems"))
            return out.push_back(where + "no maxItems published");
        size_t max = schema["maxItems"];
        edge("maxItems", json(std::vector<json>(max, sample[0])), json(std::vector<json>(max + 1, sample[0])),
             static_cast<long long>(max));
    } else if (type == "object" && !schema.contains("properties") && sample.is_object()) { // a map (form)
        if (!schema.contains("maxProperties"))
            return out.push_back(where + "no maxProperties published");
        size_t max = schema["maxProperties"];
        json at, beyond;
        for (size_t i = 0; i <= max; ++i)
            (i < max ? at : beyond)["field_" + std::to_string(i)] = "x";
        beyond.update(at);
        edge("maxProperties", at, beyond, static_cast<long long>(max));
    }
}

} // namespace

const json& openapi_spec() {
    static const json spec = [] {
        // Debian's python3 first: scripts/packages.txt gives it PyYAML (python3-yaml).
        std::string script =
            KIOSK_SOURCE_DIR "/tests/unit/protocol/openapi_to_json.py " KIOSK_SOURCE_DIR "/hub/openapi.yaml";
        std::string command = "if [ -x /usr/bin/python3 ]; then /usr/bin/python3 " + script +
                              "; else python3 " + script + "; fi";
        std::string text;
        if (FILE* pipe = popen(command.c_str(), "r")) {
            char buffer[4096];
            while (size_t n = fread(buffer, 1, sizeof buffer, pipe))
                text.append(buffer, n);
            if (pclose(pipe) != 0)
                ADD_FAILURE() << command << " failed (python3 with PyYAML: apt-get install python3-yaml)";
        }
        return json::parse(text, nullptr, false);
    }();
    return spec;
}

std::vector<std::string> compare(const json& spec, const Message& message) {
    std::vector<std::string> out;
    json::json_pointer pointer(message.pointer);
    if (!spec.contains(pointer))
        return {"no schema at " + message.pointer};
    json root = resolve(spec, spec.at(pointer));
    bool request = message.direction == Direction::Request;
    if (!message.reads(message.full))
        out.push_back("the module does not read what it writes");
    if (!request && !message.reads(message.minimal))
        out.push_back("the module does not read its minimal answer");
    for (const auto& part : message.parts) {
        std::string name = part_name(part);
        json schema = descend(spec, root, part);
        if (!schema.is_object() || !schema.contains("properties")) {
            out.push_back(name + ": no object schema published");
            continue;
        }
        const json& sample = message.full.at(json::json_pointer(part));
        Names published = keys(schema["properties"]), written = keys(sample);
        Names published_required, published_nullable, required, nullable;
        for (const auto& key : schema.value("required", json::array()))
            published_required.insert(key.get<std::string>());
        for (const auto& [key, property] : schema["properties"].items())
            if (property.value("nullable", false))
                published_nullable.insert(key);
        Probe probe{message, part};
        for (const auto& key : written) {
            if (request) {
                if (!probe.reads_without(key))
                    required.insert(key);
                if (probe.reads_with(key, nullptr))
                    nullable.insert(key);
            } else {
                const json& minimal = message.minimal.at(json::json_pointer(part));
                if (minimal.contains(key))
                    required.insert(key);
                if (minimal.contains(key) && minimal[key].is_null())
                    nullable.insert(key);
                if (!minimal.contains(key) && !probe.reads_without(key))
                    out.push_back(name + ": the module's reader requires " + key +
                                  ", which it does not always write");
            }
        }
        Names only_written, only_published;
        for (const auto& key : written)
            if (!published.count(key))
                only_written.insert(key);
        for (const auto& key : published)
            if (!written.count(key))
                only_published.insert(key);
        if (!only_written.empty())
            out.push_back(name + ": written but not published: " +
                          join({only_written.begin(), only_written.end()}, ", "));
        if (!only_published.empty())
            out.push_back(name + ": published but not written: " +
                          join({only_published.begin(), only_published.end()}, ", "));
        if (published_required != required)
            out.push_back(name + ": required: published " + list(published_required) + ", module " +
                          list(required));
        if (published_nullable != nullable)
            out.push_back(name + ": nullable: published " + list(published_nullable) + ", module " +
                          list(nullable));
        if (!request)
            continue;
        if (schema.value("additionalProperties", true) != false)
            out.push_back(name + ": read strictly, but additionalProperties is not false");
        for (const auto& key : written)
            if (published.count(key))
                compare_limits(probe, key, resolve(spec, schema["properties"][key]), sample[key], out);
    }
    return out;
}

std::vector<std::string> codes_by_status(const json& spec) {
    std::vector<std::string> out;
    const std::regex code_in_backticks("`([a-z0-9-]+)`");
    const Names fields = {"error", "message", "missing"}; // the error body's keys, not codes
    for (const auto& [path, methods] : spec.at("paths").items())
        for (const auto& [method, operation] : methods.items()) {
            if (!operation.contains("responses"))
                continue;
            for (const auto& [status, response] : operation["responses"].items()) {
                std::string description = resolve(spec, response).value("description", "");
                for (std::sregex_iterator match(description.begin(), description.end(), code_in_backticks),
                     end;
                     match != end; ++match) {
                    std::string code = (*match)[1];
                    if (fields.count(code))
                        continue;
                    const ErrorKind* kind = nullptr;
                    for (const auto& candidate : kErrorKinds)
                        kind = code == candidate.code ? &candidate : kind;
                    std::string where = upper(method) + " " + path + " " + status + ": ";
                    if (!kind)
                        out.push_back(where + code + " is not an error code of the module");
                    else if (std::to_string(kind->status) != status)
                        out.push_back(where + code + " is answered with " + std::to_string(kind->status));
                }
            }
        }
    return out;
}

std::string escape(const std::string& key) {
    std::string escaped;
    for (char c : key)
        escaped += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return escaped;
}

std::string join(const std::vector<std::string>& lines, const std::string& separator) {
    std::string text;
    for (const auto& line : lines)
        text += (text.empty() ? "" : separator) + line;
    return text;
}

std::string upper(std::string text) {
    for (auto& c : text)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

} // namespace kiosk::protocol::test
