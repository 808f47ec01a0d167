#include "services/outbox/HubClient.h"
#include "core/base/Log.h"
#include "core/protocol/Errors.h"

#include <algorithm>
#include <filesystem>
#include <httplib.h>

namespace kiosk::outbox {
namespace {

// A lookup by token or certificate id: the hub's own 404 not-found is an answer ("no such thing").
constexpr std::array<protocol::ErrorKind, 1> kLookupRefusals = {protocol::kNotFound};
constexpr std::array<protocol::ErrorKind, 2> kDownloadRefusals = {protocol::kNotFound,
                                                                  protocol::kNoPrintGrant};
constexpr std::array<protocol::ErrorKind, 2> kGrantRefusals = {protocol::kNotFound,
                                                               protocol::kNothingToReprint};
constexpr std::array<protocol::ErrorKind, 2> kOutcomeRefusals = {protocol::kNotFound,
                                                                 protocol::kOutcomeRecorded};

HubError retry(std::string code, std::string message) {
    return HubError{HubVerdict::Retry, 0, std::move(code), std::move(message), {}};
}

HubError refuse_locally(std::string code, std::string message) {
    return HubError{HubVerdict::Rejected, 0, std::move(code), std::move(message), {}};
}

// The hub's message is one line of English, but it is outside text: keep it short and printable, and
// cut it between UTF-8 characters.
std::string tidy(std::string text) {
    for (auto& c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            c = ' ';
    if (text.size() > 200) {
        size_t cut = 200;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;
        text = text.substr(0, cut) + "…";
    }
    return text;
}

// An error code as the contract spells them ("missing-blobs"): anything else in "error" is not the
// hub's answer (and must not reach a log line or the outbox's table as it came).
bool is_error_code(const std::string& code) {
    return !code.empty() && code.size() <= 64 && std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
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

HubError unexpected_body(const std::string& what, const std::string& why = "") {
    // A 2xx we cannot read is the hub's bug or a proxy's page: retrying is the safe side (an application
    // submit is idempotent, so the next attempt comes back as a replay). `why` names a field, never a value.
    return retry("bad-response", "the hub's answer to " + what + " is not what the contract says" +
                                     (why.empty() ? "" : ": " + why));
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

bool HubError::hub_wide() const {
    if (verdict != HubVerdict::Retry)
        return false;
    if (http_status == 0 || http_status == 429)
        return true;
    if (http_status == 403)
        return code != protocol::kKioskMismatch.code; // an application sealed under another kiosk id
    return !from_hub && (http_status == 502 || http_status == 503 || http_status == 504);
}

HubError classify_http_error(int status, const std::string& body,
                             std::span<const protocol::ErrorKind> final_refusals) {
    HubError error;
    error.http_status = status;
    if (auto refusal = protocol::parse_error_body(nlohmann::json::parse(body, nullptr, false));
        refusal.ok() && is_error_code(refusal.value().error)) {
        error.code = refusal.value().error;
        error.message = tidy(refusal.value().message);
        error.missing = refusal.value().missing;
        error.from_hub = true;
    }
    if (error.code.empty())
        error.code = "http-" + std::to_string(status);
    // Final only when the hub itself said so in the contract's words (docs/specs/hub-contract.md §8):
    // a proxy's 404 page, a 413 from a body limit on the way or a code we do not know says nothing
    // about the application, and an application refused by mistake is one a citizen was told is
    // submitted and nobody will handle.
    bool final =
        error.from_hub && status >= 400 && status < 500 &&
        std::any_of(final_refusals.begin(), final_refusals.end(), [&](const protocol::ErrorKind& kind) {
            return kind.status == status && error.code == kind.code;
        });
    error.verdict = final ? HubVerdict::Rejected : HubVerdict::Retry;
    return error;
}

Result<HubClient> HubClient::create(const HubOptions& options) {
    auto endpoint = TRY(protocol::parse_hub_url(options.url));
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
    // ~40 ms (the hub's measurement: hub/HubServer.cpp).
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

HubResult<HubClient::JsonAnswer>
HubClient::json_request(const char* method, const std::string& path, const std::string& body,
                        std::span<const protocol::ErrorKind> final_refusals) const {
    auto response = request(method, path, body, protocol::kJsonContentType);
    if (!response.ok())
        return response.error();
    auto& answer = response.value();
    if (answer.status < 200 || answer.status > 299)
        return classify_http_error(answer.status, answer.body, final_refusals);
    auto json = nlohmann::json::parse(answer.body, nullptr, false);
    if (!json.is_object())
        return unexpected_body(std::string(method) + " " + route_of(path));
    return JsonAnswer{answer.status, std::move(json)};
}

HubResult<bool> HubClient::head_blob(const std::string& sha256) const {
    auto path = protocol::blob_path(sha256);
    if (!path.ok())
        return refuse_locally("bad-hash", "not a sha256");
    auto response = request("HEAD", path.value(), "", nullptr);
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
    auto path = protocol::blob_path(sha256);
    if (!path.ok())
        return refuse_locally("bad-hash", "not a sha256");
    auto response = request("PUT", path.value(), bytes, protocol::kBlobContentType);
    if (!response.ok())
        return response.error();
    auto& answer = response.value();
    if (answer.status != 200 && answer.status != 201)
        return classify_http_error(answer.status, answer.body);
    auto blob = protocol::parse_blob_info(nlohmann::json::parse(answer.body, nullptr, false));
    if (!blob.ok())
        return unexpected_body("PUT blob", blob.error().message);
    if (blob.value().sha256 != sha256)
        return unexpected_body("PUT blob", "sha256: another blob");
    return BlobStored{sha256, blob.value().bytes, answer.status == 200};
}

HubResult<SubmitReceipt> HubClient::submit_application(const std::string& body) const {
    auto answer =
        json_request("POST", protocol::kSubmitApplication.path, body, protocol::kFinalApplicationRefusals);
    if (!answer.ok())
        return answer.error();
    auto accepted = protocol::parse_application_accepted(answer.value().body);
    if (!accepted.ok())
        return unexpected_body("POST application", accepted.error().message);
    SubmitReceipt receipt;
    static_cast<protocol::ApplicationAccepted&>(receipt) = accepted.release_value();
    receipt.replay = answer.value().status == 200;
    return receipt;
}

HubResult<ApplicationProgress> HubClient::status_by_token(const std::string& query_token) const {
    // Checked here too: the token goes into a URL path, and a malformed one cannot be ours anyway.
    auto path = protocol::status_by_token_path(query_token);
    if (!path.ok())
        return refuse_locally("bad-token", "not a receipt token");
    auto answer = json_request("GET", path.value(), "", kLookupRefusals);
    if (!answer.ok())
        return answer.error();
    auto progress = protocol::parse_application_status(answer.value().body);
    if (!progress.ok())
        return unexpected_body("GET status", progress.error().message);
    return progress.release_value();
}

HubResult<std::vector<CertificateSummary>>
HubClient::search_certificates(const std::string& id_number) const {
    auto answer = json_request("POST", protocol::kSearchCertificates.path,
                               protocol::to_json(protocol::CertificateQuery{id_number}).dump(), {});
    if (!answer.ok())
        return answer.error();
    auto list = protocol::parse_certificate_list(answer.value().body);
    if (!list.ok())
        return unexpected_body("certificate search", list.error().message);
    return std::move(list.value().certificates);
}

HubResult<PrintGrantAnswer>
HubClient::request_print_grant(const std::string& certificate_id,
                               const protocol::PrintGrantRequest& grant_request) const {
    auto path = protocol::print_grant_path(certificate_id);
    if (!path.ok())
        return refuse_locally("bad-certificate-id", "not a certificate id");
    auto response =
        request("POST", path.value(), protocol::to_json(grant_request).dump(), protocol::kJsonContentType);
    if (!response.ok())
        return response.error();
    const auto& answer = response.value();
    PrintGrantAnswer result;
    if (answer.status == 409) {
        auto body = protocol::parse_json_object(answer.body);
        auto error =
            body.ok() ? protocol::parse_error_body(body.value()) : Result<protocol::ErrorBody>(body.error());
        for (const auto* kind :
             {&protocol::kAlreadyPrinted, &protocol::kPrintInProgress, &protocol::kPrintUnknown})
            if (error.ok() && error.value().error == kind->code) {
                auto held = protocol::parse_print_held(body.value());
                if (!held.ok())
                    return unexpected_body("print grant refusal", held.error().message);
                result.refusal = kind->code;
                result.held = held.release_value();
                return result;
            }
    }
    if (answer.status != 200 && answer.status != 201)
        return classify_http_error(answer.status, answer.body, kGrantRefusals);
    auto body = protocol::parse_json_object(answer.body);
    auto grant =
        body.ok() ? protocol::parse_print_grant(body.value()) : Result<protocol::PrintGrant>(body.error());
    if (!grant.ok() || grant.value().certificate_id != certificate_id)
        return unexpected_body("print grant",
                               grant.ok() ? "certificate_id: another certificate" : grant.error().message);
    result.grant = grant.release_value();
    return result;
}

HubResult<bool> HubClient::report_print_outcome(const std::string& grant_id,
                                                const protocol::PrintOutcomeReport& report) const {
    auto path = protocol::print_outcome_path(grant_id);
    if (!path.ok())
        return refuse_locally("bad-grant-id", "not a grant id");
    auto answer = json_request("POST", path.value(), protocol::to_json(report).dump(), kOutcomeRefusals);
    if (!answer.ok())
        return answer.error();
    return true;
}

HubResult<std::string> HubClient::download_certificate(const std::string& certificate_id,
                                                       const std::string& id_number,
                                                       const std::string& grant_id) const {
    auto path = protocol::certificate_download_path(certificate_id);
    if (!path.ok())
        return refuse_locally("bad-certificate-id", "not a certificate id");
    auto response = request("POST", path.value(),
                            protocol::to_json(protocol::CertificateDownload{id_number, grant_id}).dump(),
                            protocol::kJsonContentType);
    if (!response.ok())
        return response.error();
    auto& answer = response.value();
    if (answer.status != 200)
        return classify_http_error(answer.status, answer.body, kDownloadRefusals);
    if (!protocol::looks_like_pdf(answer.body))
        return unexpected_body("certificate download");
    return std::move(answer.body);
}

} // namespace kiosk::outbox
