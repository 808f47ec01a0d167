#pragma once
// The hub's route table, independent of HTTP: each protocol::Route (core/protocol/Routes.h) with what
// its body may be and the HubService call that answers it. HubServer matches a request's method and
// path here, checks the body against the entry's limit before reading it, and runs `handle` on a
// worker thread. A new endpoint is one more row in hub_routes() (HubRoutes.cpp).

#include "core/protocol/Routes.h"
#include "hub/Api.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::hub {

class HubService;

// What a route reads from the request once the caller is admitted and the body is in.
struct RouteRequest {
    std::vector<std::string> captures; // the path's "{name}" segments, percent-decoded, in order
    std::string query;                 // the raw query string after '?' ("" without one)
    std::string content_type;
    std::string body;
    std::string query_param(std::string_view name) const; // percent-decoded; "" when absent
};

enum class RouteBody {
    None, // no body expected (GET, HEAD): anything sent is bounded like a JSON body and ignored
    Json, // application/json, at most HubOptions::max_json_bytes (else 415 / 413)
    Blob, // any bytes, at most HubOptions::max_blob_bytes
};

struct RouteEntry {
    protocol::Route route;
    RouteBody body;
    std::function<Reply(HubService&, const Caller&, const RouteRequest&)> handle;
};

// Every endpoint of the contract. GET routes also answer HEAD (same handler, no body).
const std::vector<RouteEntry>& hub_routes();

struct RouteMatch {
    const RouteEntry* entry = nullptr; // null: see status
    int status = 0;                    // 404 (no such path) or 405 (path known, method not) when null
    std::vector<std::string> captures;
};
// `target` is the request target ("/v1/…?query"); the query is not part of the match.
RouteMatch match_route(std::string_view method, std::string_view target);

// The contract's JSON error for answers the HTTP layer makes by itself, before any handler runs
// (400, 404, 405, 408, 413, 414, 415, 431, 5xx).
Reply transport_error(int status);

} // namespace kiosk::hub
