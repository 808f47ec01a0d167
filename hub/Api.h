#pragma once
// The transport-independent shape of the hub's API (hub/openapi.yaml; its messages are core/protocol's):
// who is calling, and what to answer. HubServer maps HTTPS onto it; HubService implements it.

#include "core/base/Result.h"
#include "core/protocol/Errors.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::hub {

// Who a verified client certificate's CN says the caller is.
struct Caller {
    enum class Kind { Kiosk, Department, Admin, Other };
    std::string cn;
    Kind kind = Kind::Other;
    std::string id; // kiosk id, department id or admin name
};
Caller caller_from_cn(const std::string& cn);

struct Reply {
    int status = 200;
    nlohmann::json body = nlohmann::json::object(); // sent as JSON unless `bytes` is set
    std::string bytes;                              // a binary answer (certificate PDF)
    std::string content_type;                       // for `bytes`
    int retry_after = 0;                            // s, sent as Retry-After when > 0 (429)
};

// Every 4xx/5xx body is protocol::ErrorBody: the kind's code with its status, and one English line.
Reply error_reply(const protocol::ErrorKind& kind, const std::string& message,
                  std::vector<std::string> missing = {});
Reply error_reply(const protocol::Refusal& refusal);
// 400 for a request body a protocol parse_* refused: unknown-field or invalid-field (protocol::refusal_kind).
Reply bad_body(const Error& parse_error);

Reply json_reply(int status, nlohmann::json body);
// 500 "internal" for a failure of ours; the Error goes to the log (it never holds personal data).
Reply internal_error(const Error& error);
// 403 "forbidden" unless the caller is a kiosk.
std::optional<Reply> only_kiosks(const Caller& caller);

} // namespace kiosk::hub
