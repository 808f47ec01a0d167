#include "core/protocol/Routes.h"

#include "core/base/Digest.h"

namespace kiosk::protocol {
namespace {

Error bad_url(std::string_view url, const char* what) {
    return make_error(ErrorCode::InvalidArgument, "hub url '" + std::string(url) + "' " + what);
}

Error refuse(const char* parameter) {
    return make_error(ErrorCode::InvalidArgument, std::string(parameter) + ": not a valid path segment");
}

} // namespace

Result<HubEndpoint> parse_hub_url(std::string_view url) {
    constexpr std::string_view kScheme = "https://";
    if (url.substr(0, kScheme.size()) != kScheme)
        return bad_url(url, "must start with https://");
    std::string_view authority = url.substr(kScheme.size());
    while (!authority.empty() && authority.back() == '/')
        authority.remove_suffix(1);
    if (authority.empty() || authority.find_first_of("/?#@ ") != std::string_view::npos)
        return bad_url(url, "must be https://host[:port]");
    HubEndpoint endpoint{std::string(authority), 443};
    std::string_view port;
    if (authority.front() == '[') { // [IPv6]:port
        auto close = authority.find(']');
        if (close == std::string_view::npos || (close + 1 < authority.size() && authority[close + 1] != ':'))
            return bad_url(url, "has a malformed IPv6 host");
        endpoint.host = std::string(authority.substr(1, close - 1));
        if (close + 1 < authority.size())
            port = authority.substr(close + 2);
        else
            port = "443";
    } else if (auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        endpoint.host = std::string(authority.substr(0, colon));
        port = authority.substr(colon + 1);
    } else {
        port = "443";
    }
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos ||
        std::stoi(std::string(port)) < 1 || std::stoi(std::string(port)) > 65535)
        return bad_url(url, "has a bad port");
    endpoint.port = std::stoi(std::string(port));
    if (endpoint.host.empty())
        return bad_url(url, "has no host");
    return endpoint;
}

Result<std::string> blob_path(std::string_view sha256) {
    if (!is_sha256_hex(sha256))
        return refuse("sha256");
    return "/v1/blobs/" + std::string(sha256);
}

Result<std::string> status_by_token_path(std::string_view query_token) {
    if (!is_query_token(query_token))
        return refuse("query_token");
    return "/v1/status/" + std::string(query_token);
}

Result<std::string> status_by_number_path(std::string_view application_number, std::string_view query_token) {
    if (!is_path_segment(application_number))
        return refuse("application_number");
    if (!is_query_token(query_token))
        return refuse("token");
    return "/v1/applications/" + std::string(application_number) +
           "/status?token=" + std::string(query_token);
}

Result<std::string> certificate_download_path(std::string_view certificate_id) {
    if (!is_path_segment(certificate_id))
        return refuse("certificate_id");
    return "/v1/certificates/" + std::string(certificate_id) + "/download";
}

Result<std::string> print_grant_path(std::string_view certificate_id) {
    if (!is_path_segment(certificate_id))
        return refuse("certificate_id");
    return "/v1/certificates/" + std::string(certificate_id) + "/print-grant";
}

Result<std::string> print_outcome_path(std::string_view grant_id) {
    if (!is_path_segment(grant_id))
        return refuse("grant_id");
    return "/v1/print-grants/" + std::string(grant_id) + "/outcome";
}

Result<std::string> work_items_path(std::string_view department_id, std::optional<WorkItemState> state) {
    if (!is_path_segment(department_id))
        return refuse("department_id");
    std::string path = "/v1/departments/" + std::string(department_id) + "/work-items";
    if (state)
        path += std::string("?state=") + to_string(*state);
    return path;
}

Result<std::string> work_item_path(std::string_view work_item_id) {
    if (!is_path_segment(work_item_id))
        return refuse("work_item_id");
    return "/v1/work-items/" + std::string(work_item_id);
}

Result<std::string> decision_path(std::string_view work_item_id) {
    auto path = TRY(work_item_path(work_item_id));
    return path + "/decision";
}

bool looks_like_pdf(std::string_view bytes) {
    return bytes.substr(0, 5) == "%PDF-";
}

} // namespace kiosk::protocol
