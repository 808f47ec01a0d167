#include "hub/Api.h"
#include "kiosk/base/Log.h"

namespace kiosk::hub {

Caller caller_from_cn(const std::string& cn) {
    struct Prefix {
        const char* text;
        Caller::Kind kind;
    };
    for (auto prefix : {Prefix{"kiosk:", Caller::Kind::Kiosk}, Prefix{"dept:", Caller::Kind::Department},
                        Prefix{"admin:", Caller::Kind::Admin}}) {
        std::string_view text(prefix.text);
        if (cn.size() > text.size() && cn.compare(0, text.size(), text) == 0)
            return {cn, prefix.kind, cn.substr(text.size())};
    }
    return {cn, Caller::Kind::Other, {}};
}

Reply error_reply(int status, const std::string& code, const std::string& message, nlohmann::json extra) {
    Reply reply;
    reply.status = status;
    reply.body = std::move(extra);
    reply.body["error"] = code;
    reply.body["message"] = message;
    return reply;
}

Reply json_reply(int status, nlohmann::json body) {
    Reply reply;
    reply.status = status;
    reply.body = std::move(body);
    return reply;
}

Reply internal_error(const Error& error) {
    log::error("hub: {}", error.describe());
    return error_reply(500, "internal", "the hub could not complete the request; try again later");
}

std::optional<Reply> only_kiosks(const Caller& caller) {
    if (caller.kind != Caller::Kind::Kiosk)
        return error_reply(403, "forbidden", "only kiosks may do this");
    return std::nullopt;
}

} // namespace kiosk::hub
