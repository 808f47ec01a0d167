#include "hub/Api.h"
#include "core/base/Log.h"

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

Reply error_reply(const protocol::ErrorKind& kind, const std::string& message,
                  std::vector<std::string> missing) {
    Reply reply;
    reply.status = kind.status;
    reply.body = protocol::to_json(protocol::ErrorBody{kind.code, message, std::move(missing)});
    return reply;
}

Reply error_reply(const protocol::Refusal& refusal) {
    return error_reply(refusal.kind, refusal.message);
}

Reply bad_body(const Error& parse_error) {
    return error_reply(protocol::refusal_kind(parse_error), parse_error.message);
}

Reply json_reply(int status, nlohmann::json body) {
    Reply reply;
    reply.status = status;
    reply.body = std::move(body);
    return reply;
}

Reply internal_error(const Error& error) {
    log::error("hub: {}", error.describe());
    return error_reply(protocol::kInternal, "the hub could not complete the request; try again later");
}

std::optional<Reply> only_kiosks(const Caller& caller) {
    if (caller.kind != Caller::Kind::Kiosk)
        return error_reply(protocol::kForbidden, "only kiosks may do this");
    return std::nullopt;
}

} // namespace kiosk::hub
