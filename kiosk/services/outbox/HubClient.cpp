#include "kiosk/services/outbox/HubClient.h"
#include "kiosk/base/Log.h"
#include "kiosk/domain/QrPayload.h"

#include <filesystem>
#include <httplib.h>

namespace kiosk::outbox {
namespace {

HubError retry(std::string code, std::string message) {
    return HubError{HubVerdict::Retry, 0, std::move(code), std::move(message), {}};
}

HubError refuse_locally(std::string code, std::string message) {
    return HubError{HubVerdict::Rejected, 0, std::move(code), std::move(message), {}};
}

// The hub's message is one line of English, but it is outside text: keep it short and printable.
std::string tidy(std::string text) {
    for (auto& c : text)
        if (static_cast<unsigned char>(c) < 0x20)
            c = ' ';
    if (text.size() > 200)
        text = text.substr(0, 200) + "…";
    return text;
}

HubError transport_error(httplib::Error error, long verify_result) {
    auto what = httplib::to_string(error);
    switch (error) {
    case httplib::Error::Connection:
        return retry("connection", "cannot connect to the hub: " + what);
    case httplib::Error::ConnectionTimeout:
    case httplib::Error::Read:
    case httplib::Error::Write:
        return retry("timeout", "no answer from the hub: " + what);
    case httplib::Error::SSLServerVerification:
        return retry("tls-untrusted", "the hub's certificate is not trusted by the hall CA (verify result " +
                                          std::to_string(verify_result) + ")");
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLLoadingCerts:
        return retry("tls", "TLS with the hub failed: " + what);
    default:
        return retry("transport", "request to the hub failed: " + what);
    }
}

// "/v1/status/OW1-…" -> "/v1/status": logs name the route, never a token or a hash.
std::string route_of(const std::string& path) {
    auto third = path.find('/', path.find('/', 1) + 1);
    return third == std::string::npos ? path : path.substr(0, third);
}

bool is_sha256_hex(const std::string& text) {
    return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

bool is_safe_path_segment(const std::string& text) {
    return !text.empty() && text.size() <= 128 &&
           text.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.") ==
               std::string::npos &&
           text != "." && text != "..";
}

std::string text_at(const nlohmann::json& object, const char* key) {
    auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::optional<std::string> optional_text(const nlohmann::json& object, const char* key) {
    auto found = object.find(key);
    if (found == object.end() || !found->is_string())
        return std::nullopt;
    return found->get<std::string>();
}

const nlohmann::json& array_at(const nlohmann::json& object, const char* key) {
    static const nlohmann::json empty = nlohmann::json::array();
    auto found = object.find(key);
    return found != object.end() && found->is_array() ? *found : empty;
}

HubError unexpected_body(const std::string& what) {
    // A 2xx we cannot read is the hub's bug or a proxy's page: retrying is the safe side (an application
    // submit is idempotent, so the next attempt comes back as a replay).
    return retry("bad-response", "the hub's answer to " + what + " is not what the contract says");
}

} // namespace

const char* to_string(HubVerdict verdict) {
    switch (verdict) {
    case HubVerdict::Accepted:
        return "accepted";
    case HubVerdict::Rejected:
        return "rejected";
    case HubVerdict::Retry:
        break;
    }
    return "retry";
}

std::string HubError::describe() const {
    std::string text = to_string(verdict);
    text += ": ";
    if (http_status)
        text += std::to_string(http_status) + " ";
    text += code;
    if (!message.empty())
        text += ": " + message;
    return text;
}

HubError classify_http_error(int status, const std::string& body) {
    HubError error;
    error.http_status = status;
    auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_object()) {
        error.code = text_at(json, "error");
        error.message = tidy(text_at(json, "message"));
        for (const auto& hash : array_at(json, "missing"))
            if (hash.is_string() && is_sha256_hex(hash.get<std::string>()))
                error.missing.push_back(hash.get<std::string>());
    }
    if (error.code.empty())
        error.code = "http-" + std::to_string(status);
    // The contract: 5xx and no answer are retried; 4xx are refusals for good. Some 4xx say "not now"
    // rather than "never": a timeout or a rate limit, and every 403 — the hub refusing *this kiosk*
    // (unknown, revoked, a certificate whose CN is not our kiosk id, not a kiosk certificate). That is
    // for staff to fix, and the citizen's application is not at fault, so it waits instead of being
    // dropped (docs/specs/hub-contract.md §8; hub/openapi.yaml still lists 403 among the refusals).
    bool not_now = status >= 500 || status < 400 || status == 408 || status == 429 || status == 403;
    error.verdict = not_now ? HubVerdict::Retry : HubVerdict::Rejected;
    return error;
}

Result<HubEndpoint> parse_hub_url(const std::string& url) {
    constexpr std::string_view kScheme = "https://";
    if (url.rfind(kScheme, 0) != 0)
        return make_error(ErrorCode::InvalidArgument, "hub url '" + url + "' must start with https://");
    auto authority = url.substr(kScheme.size());
    if (authority.empty() || authority.find_first_of("/?#@ ") != std::string::npos)
        return make_error(ErrorCode::InvalidArgument, "hub url '" + url + "' must be https://host[:port]");
    HubEndpoint endpoint{authority, 443};
    auto colon = authority.rfind(':');
    if (colon != std::string::npos && authority.find(']') == std::string::npos) {
        auto port = authority.substr(colon + 1);
        if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
            std::stoi(port) < 1 || std::stoi(port) > 65535)
            return make_error(ErrorCode::InvalidArgument, "hub url '" + url + "': bad port");
        endpoint.host = authority.substr(0, colon);
        endpoint.port = std::stoi(port);
    }
    if (endpoint.host.empty())
        return make_error(ErrorCode::InvalidArgument, "hub url '" + url + "' has no host");
    return endpoint;
}

Result<HubClient> HubClient::create(const HubOptions& options) {
    auto endpoint = TRY(parse_hub_url(options.url));
    for (const auto* file : {&options.ca_file, &options.cert_file, &options.key_file}) {
        if (file->empty())
            return make_error(ErrorCode::InvalidArgument,
                              "hub: ca_file, cert_file and key_file are all needed");
        std::error_code error;
        if (!std::filesystem::is_regular_file(*file, error))
            return make_error(ErrorCode::NotFound, *file + ": hub TLS file not found");
    }
    return HubClient(options, endpoint);
}

HubResult<HubClient::Response> HubClient::request(const char* method, const std::string& path,
                                                  const std::string& body, const char* content_type) const {
    httplib::SSLClient client(m_endpoint.host, m_endpoint.port, m_options.cert_file, m_options.key_file);
    if (!client.is_valid()) {
        // Our own certificate or key does not load: nothing the hub can fix; staff must re-provision.
        log::error("hub: cannot load the kiosk's client certificate {} or key {}", m_options.cert_file,
                   m_options.key_file);
        return retry("tls-client-cert", "the kiosk's client certificate or key does not load");
    }
    // The hall CA and nothing else: a hub certificate from any other CA (the OS's public ones included)
    // fails the handshake.
    client.set_ca_cert_path(m_options.ca_file);
    client.enable_server_certificate_verification(true);
    client.set_connection_timeout(std::chrono::milliseconds(m_options.connect_timeout_ms));
    client.set_read_timeout(std::chrono::milliseconds(m_options.read_timeout_ms));
    client.set_write_timeout(std::chrono::milliseconds(m_options.read_timeout_ms));
    client.set_keep_alive(false);
    // Headers and body go out in separate writes: without this, Nagle + delayed ACK stall each request
    // ~40 ms (the hub's measurement, docs/specs/hub-contract.md §10 "Changes by the hub").
    client.set_tcp_nodelay(true);

    httplib::Result result{nullptr, httplib::Error::Unknown};
    std::string verb = method;
    try {
        if (verb == "HEAD")
            result = client.Head(path);
        else if (verb == "GET")
            result = client.Get(path);
        else if (verb == "PUT")
            result = client.Put(path, body.data(), body.size(), content_type);
        else
            result = client.Post(path, body, content_type);
    } catch (const std::exception& exception) {
        // cpp-httplib may throw from deep inside (std::regex, allocation); it stops here.
        log::error("hub: {} {} threw: {}", verb, route_of(path), exception.what());
        return retry("transport", std::string("request to the hub failed: ") + exception.what());
    }
    if (!result) {
        auto error = transport_error(result.error(), client.get_openssl_verify_result());
        if (error.code.rfind("tls", 0) == 0)
            log::warn("hub: {} {}: {}", verb, route_of(path), error.message);
        return error;
    }
    return Response{result->status, result->body};
}

HubResult<HubClient::JsonAnswer> HubClient::json_request(const char* method, const std::string& path,
                                                         const std::string& body) const {
    auto response = request(method, path, body, "application/json");
    if (!response.ok())
        return response.error();
    auto& answer = response.value();
    if (answer.status < 200 || answer.status > 299)
        return classify_http_error(answer.status, answer.body);
    auto json = nlohmann::json::parse(answer.body, nullptr, false);
    if (!json.is_object())
        return unexpected_body(std::string(method) + " " + path);
    return JsonAnswer{answer.status, std::move(json)};
}

HubResult<bool> HubClient::head_blob(const std::string& sha256) const {
    if (!is_sha256_hex(sha256))
        return refuse_locally("bad-hash", "not a sha256");
    auto response = request("HEAD", "/v1/blobs/" + sha256, "", nullptr);
    if (!response.ok())
        return response.error();
    int status = response.value().status;
    if (status == 200)
        return true;
    if (status == 404)
        return false;
    return classify_http_error(status, response.value().body);
}

HubResult<BlobStored> HubClient::put_blob(const std::string& sha256, const std::string& bytes) const {
    if (!is_sha256_hex(sha256))
        return refuse_locally("bad-hash", "not a sha256");
    auto response = request("PUT", "/v1/blobs/" + sha256, bytes, "application/octet-stream");
    if (!response.ok())
        return response.error();
    auto& answer = response.value();
    if (answer.status != 200 && answer.status != 201)
        return classify_http_error(answer.status, answer.body);
    auto json = nlohmann::json::parse(answer.body, nullptr, false);
    if (!json.is_object() || text_at(json, "sha256") != sha256)
        return unexpected_body("PUT blob");
    auto bytes_stored = json.value("bytes", static_cast<std::int64_t>(-1));
    return BlobStored{sha256, bytes_stored, answer.status == 200};
}

HubResult<SubmitReceipt> HubClient::submit_application(const std::string& body) const {
    auto answer = json_request("POST", "/v1/applications", body);
    if (!answer.ok())
        return answer.error();
    const auto& json = answer.value().body;
    SubmitReceipt receipt{text_at(json, "application_id"),
                          text_at(json, "application_number"),
                          answer.value().status == 200,
                          {}};
    if (receipt.application_number.empty())
        return unexpected_body("POST application");
    for (const auto& matter : array_at(json, "matters"))
        if (matter.is_object())
            receipt.matters.push_back(
                MatterReceived{text_at(matter, "matter_id"), text_at(matter, "department_id"),
                               text_at(matter, "work_item_id"), text_at(matter, "promised_date")});
    return receipt;
}

HubResult<ApplicationProgress> HubClient::status_by_token(const std::string& query_token) const {
    // Checked here too: the token goes into a URL path, and a malformed one cannot be ours anyway.
    if (!domain::is_receipt_token(query_token))
        return refuse_locally("bad-token", "not a receipt token");
    auto answer = json_request("GET", "/v1/status/" + query_token, "");
    if (!answer.ok())
        return answer.error();
    const auto& json = answer.value().body;
    ApplicationProgress progress{text_at(json, "application_number"),
                                 text_at(json, "submitted_at"),
                                 optional_text(json, "package_id"),
                                 text_at(json, "status"),
                                 {}};
    if (progress.application_number.empty() || progress.status.empty())
        return unexpected_body("GET status");
    for (const auto& matter : array_at(json, "matters")) {
        if (!matter.is_object())
            continue;
        auto overdue = matter.find("overdue");
        progress.matters.push_back(MatterProgress{
            text_at(matter, "matter_id"), text_at(matter, "department_id"), text_at(matter, "state"),
            text_at(matter, "promised_date"), overdue != matter.end() && overdue->is_boolean() && *overdue,
            optional_text(matter, "decided_at"), optional_text(matter, "reason"),
            optional_text(matter, "certificate_id")});
    }
    return progress;
}

HubResult<std::vector<CertificateSummary>>
HubClient::search_certificates(const std::string& id_number) const {
    auto answer =
        json_request("POST", "/v1/certificates/search", nlohmann::json{{"id_number", id_number}}.dump());
    if (!answer.ok())
        return answer.error();
    std::vector<CertificateSummary> certificates;
    for (const auto& item : array_at(answer.value().body, "certificates"))
        if (item.is_object())
            certificates.push_back(CertificateSummary{
                text_at(item, "certificate_id"), text_at(item, "application_number"),
                text_at(item, "matter_id"), text_at(item, "title"), text_at(item, "issued_at")});
    return certificates;
}

HubResult<std::string> HubClient::download_certificate(const std::string& certificate_id,
                                                       const std::string& id_number) const {
    if (!is_safe_path_segment(certificate_id))
        return refuse_locally("bad-certificate-id", "not a certificate id");
    auto response = request("POST", "/v1/certificates/" + certificate_id + "/download",
                            nlohmann::json{{"id_number", id_number}}.dump(), "application/json");
    if (!response.ok())
        return response.error();
    auto& answer = response.value();
    if (answer.status != 200)
        return classify_http_error(answer.status, answer.body);
    if (answer.body.rfind("%PDF-", 0) != 0)
        return unexpected_body("certificate download");
    return std::move(answer.body);
}

} // namespace kiosk::outbox
