#pragma once
// The comparison behind ProtocolOpenApiTest: hub/openapi.yaml loaded as JSON, and what the module
// writes and requires for a message, set against the schema the document publishes for it.

#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace kiosk::protocol::test {

// hub/openapi.yaml through openapi_to_json.py; a discarded value (and a test failure) when it does not load.
const nlohmann::json& openapi_spec();

enum class Direction { Request, Answer };

struct Message {
    std::string name;
    std::string pointer; // JSON pointer of its schema in the document
    Direction direction;
    nlohmann::json full;    // to_json of a value with every optional part set
    nlohmann::json minimal; // answers: to_json of a value with every optional part left out
    std::function<bool(const nlohmann::json&)> reads; // the module's parse_* accepts it
    std::vector<std::string> parts; // JSON pointers into the message to compare: "", "/materials/0"
};

// One line per difference, "materials[]: required: published [...], module [...]"; empty when equal.
std::vector<std::string> compare(const nlohmann::json& spec, const Message& message);
// Each error code named (`code`) in a response's description against that response's status.
std::vector<std::string> codes_by_status(const nlohmann::json& spec);

std::string escape(const std::string& key); // for a JSON pointer: "~" -> "~0", "/" -> "~1"
std::string join(const std::vector<std::string>& lines, const std::string& separator);
std::string upper(std::string text);

} // namespace kiosk::protocol::test
