#include "core/protocol/Errors.h"
#include "core/base/Digest.h"
#include "core/protocol/Values.h"

namespace kiosk::protocol {

nlohmann::json to_json(const ErrorBody& body) {
    nlohmann::json json = {{"error", body.error}, {"message", body.message}};
    if (!body.missing.empty())
        json["missing"] = body.missing;
    return json;
}

Result<ErrorBody> parse_error_body(const nlohmann::json& json) {
    auto code = json.is_object() ? json.find("error") : json.end();
    if (!json.is_object() || code == json.end() || !code->is_string() ||
        code->get_ref<const std::string&>().empty())
        return make_error(ErrorCode::InvalidData, "error: expected the error code (a string)");
    ErrorBody body;
    body.error = code->get<std::string>();
    if (auto message = json.find("message"); message != json.end() && message->is_string())
        body.message = message->get<std::string>();
    if (auto missing = json.find("missing"); missing != json.end() && missing->is_array())
        for (const auto& hash : *missing)
            if (hash.is_string() && is_sha256_hex(hash.get_ref<const std::string&>()))
                body.missing.push_back(hash.get<std::string>());
    return body;
}

const ErrorKind& refusal_kind(const Error& parse_error) {
    return parse_error.code == ErrorCode::Unsupported ? kUnknownField : kInvalidField;
}

} // namespace kiosk::protocol
