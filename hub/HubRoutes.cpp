#include "hub/HubRoutes.h"
#include "hub/HubService.h"

namespace kiosk::hub {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// %XX decoded (a malformed escape stays as it is); '+' is a space in a query only.
std::string percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            int high = hex_value(text[i + 1]);
            int low = hex_value(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out += static_cast<char>(high * 16 + low);
                i += 2;
                continue;
            }
        }
        out += plus_is_space && c == '+' ? ' ' : c;
    }
    return out;
}

std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    size_t start = 1; // after the leading '/'
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        out.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// The path's captures when it fits the template (a "{name}" matches one non-empty segment).
bool path_matches(const char* pattern, std::string_view path, std::vector<std::string>* captures) {
    auto want = segments(pattern);
    auto have = segments(path);
    if (want.size() != have.size())
        return false;
    std::vector<std::string> found;
    for (size_t i = 0; i < want.size(); ++i) {
        if (!want[i].empty() && want[i].front() == '{') {
            if (have[i].empty())
                return false;
            found.push_back(percent_decode(have[i], false));
        } else if (want[i] != have[i]) {
            return false;
        }
    }
    if (captures)
        *captures = std::move(found);
    return true;
}

bool method_fits(std::string_view route_method, std::string_view method) {
    if (route_method == method)
        return true;
    // HEAD is GET without the body, for every GET route (and GET on a HEAD route, as before).
    return (route_method == "GET" && method == "HEAD") || (route_method == "HEAD" && method == "GET");
}

using Request = RouteRequest;

} // namespace

std::string RouteRequest::query_param(std::string_view name) const {
    std::string_view rest = query;
    while (!rest.empty()) {
        size_t amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        size_t equals = pair.find('=');
        if (percent_decode(pair.substr(0, equals), true) == name)
            return equals == std::string_view::npos ? std::string()
                                                    : percent_decode(pair.substr(equals + 1), true);
    }
    return {};
}

const std::vector<RouteEntry>& hub_routes() {
    static const std::vector<RouteEntry> routes = {
        {protocol::kPutBlob, RouteBody::Blob,
         [](HubService& service, const Caller& caller, const Request& request) {
             return service.put_blob(caller, request.captures[0], request.body);
         }},
        {protocol::kHeadBlob, RouteBody::None,
         [](HubService& service, const Caller& caller, const Request& request) {
             return service.head_blob(caller, request.captures[0]);
         }},
        {protocol::kSubmitApplication, RouteBody::Json,
         [](HubService& service, const Caller& caller, const Request& request) {
             return service.submit_application(caller, request.body);
         }},
        {protocol::kStatusByToken, RouteBody::None,
         [](HubService& service, const Caller& caller, const Request& request) {
             return service.status_by_token(caller, request.captures[0]);
         }},
        {protocol::kStatusByNumber, RouteBody::None,
         [](HubService& service, const Caller& caller, const Request& request) {
             return service.status_by_number(caller, request.captures[0], request.query_param("token"));
         }},
        {protocol::kSearchCertificates, RouteBody::Json,
         [](HubService& service, const Caller& caller, const Request& request) {
             return service.search_certificates(caller, request.body);
         }},
        {protocol::kDownloadCertificate, RouteBody::Json,
         [](HubService& service, const Caller& caller, const Request& request) {
             return service.download_certificate(caller, request.captures[0], request.body);
         }},
        {protocol::kRequestPrintGrant, RouteBody::Json,
         [](HubService& service, const Caller& caller, const Request& request) {
             return service.request_print_grant(caller, request.captures[0], request.body);
         }},
        {protocol::kReportPrintOutcome, RouteBody::Json,
         [](HubService& service, const Caller& caller, const Request& request) {
             return service.report_print_outcome(caller, request.captures[0], request.body);
         }},
        {protocol::kListWorkItems, RouteBody::None,
         [](HubService& service, const Caller& caller, const Request& request) {
             return service.list_work_items(caller, request.captures[0], request.query_param("state"));
         }},
        {protocol::kGetWorkItem, RouteBody::None,
         [](HubService& service, const Caller& caller, const Request& request) {
             return service.get_work_item(caller, request.captures[0]);
         }},
        {protocol::kDecide, RouteBody::Json,
         [](HubService& service, const Caller& caller, const Request& request) {
             return service.decide(caller, request.captures[0], request.body);
         }},
    };
    return routes;
}

RouteMatch match_route(std::string_view method, std::string_view target) {
    std::string_view path = target.substr(0, target.find('?'));
    RouteMatch match;
    match.status = 404;
    if (path.empty() || path.front() != '/')
        return match;
    for (const auto& entry : hub_routes()) {
        std::vector<std::string> captures;
        if (!path_matches(entry.route.path, path, &captures))
            continue;
        if (method_fits(entry.route.method, method)) {
            match.entry = &entry;
            match.status = 0;
            match.captures = std::move(captures);
            return match;
        }
        match.status = 405; // the path is known; keep looking for its method
    }
    return match;
}

Reply transport_error(int status) {
    switch (status) {
    case 400:
        return error_reply(protocol::kBadRequest, "the HTTP request is malformed");
    case 404:
        return error_reply(protocol::kNotFound, "no such endpoint (hub/openapi.yaml lists them)");
    case 405:
        return error_reply(protocol::kMethodNotAllowed, "this endpoint does not take that method");
    case 408:
        return error_reply({408, protocol::kRefused.code}, "the request took longer than the hub allows");
    case 413:
        return error_reply(protocol::kTooLarge, "the request body is larger than the hub accepts");
    case 414:
        return error_reply(protocol::kUriTooLong, "the request path is too long");
    case 415:
        return error_reply(protocol::kUnsupportedMediaType,
                           "the hub accepts request bodies without Content-Encoding only");
    case 431:
        return error_reply({431, protocol::kRefused.code},
                           "the request header is larger than the hub accepts");
    default:
        if (status >= 500)
            return error_reply({status, protocol::kInternal.code},
                               "the hub could not complete the request; try again later");
        return error_reply({status, protocol::kRefused.code}, "the hub refused the request");
    }
}

} // namespace kiosk::hub
