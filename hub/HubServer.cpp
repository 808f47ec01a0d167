#include "hub/HubServer.h"
#include "core/base/Log.h"
#include "core/protocol/Routes.h"

#include <httplib.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace kiosk::hub {
namespace {

// The CN of the certificate the client presented (OpenSSL has verified it against the hall CA).
std::string peer_common_name(const httplib::Request& request) {
    if (!request.ssl)
        return {};
    X509* certificate = SSL_get1_peer_certificate(request.ssl);
    if (!certificate)
        return {};
    char text[256] = {};
    int length =
        X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName, text, sizeof text);
    X509_free(certificate);
    return length > 0 ? std::string(text, static_cast<size_t>(length)) : std::string();
}

void send(const Reply& reply, httplib::Response& response) {
    response.status = reply.status;
    if (reply.retry_after > 0)
        response.set_header("Retry-After", std::to_string(reply.retry_after));
    if (!reply.content_type.empty())
        response.set_content(reply.bytes, reply.content_type.c_str());
    else
        response.set_content(reply.body.dump(), protocol::kJsonContentType);
}

// The contract's JSON error for answers httplib makes by itself, before any handler runs.
Reply transport_error(int status) {
    switch (status) {
    case 400:
        return error_reply(protocol::kBadRequest, "the HTTP request is malformed");
    case 404:
        return error_reply(protocol::kNotFound, "no such endpoint (hub/openapi.yaml lists them)");
    case 405:
        return error_reply(protocol::kMethodNotAllowed, "this endpoint does not take that method");
    case 413:
        return error_reply(protocol::kTooLarge, "the request body is larger than the hub accepts");
    case 414:
        return error_reply(protocol::kUriTooLong, "the request path is too long");
    default:
        if (status >= 500)
            return error_reply({status, protocol::kInternal.code},
                               "the hub could not complete the request; try again later");
        return error_reply({status, protocol::kRefused.code}, "the hub refused the request");
    }
}

bool is_json(const httplib::Request& request) {
    std::string type = request.get_header_value("Content-Type");
    return type.rfind(protocol::kJsonContentType, 0) == 0;
}

// A route's path template as httplib's pattern: each "{name}" matches one path segment.
std::string pattern(const protocol::Route& route) {
    std::string text = route.path;
    for (size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open))
        text.replace(open, text.find('}', open) - open + 1, "([^/]+)");
    return text;
}

} // namespace

HubServer::HubServer(const ServerOptions& options, HubService& service)
    : m_options(options), m_service(service) {}
HubServer::~HubServer() = default;

Result<std::unique_ptr<HubServer>> HubServer::create(const ServerOptions& options, HubService& service) {
    std::unique_ptr<HubServer> server(new HubServer(options, service));
    // With a client CA file, httplib asks for a client certificate and fails the handshake without a
    // valid one (SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT).
    server->m_server = std::make_unique<httplib::SSLServer>(
        options.cert_file.c_str(), options.key_file.c_str(), options.client_ca_file.c_str());
    if (!server->m_server->is_valid())
        return make_error(ErrorCode::InvalidData, "cannot set up TLS from " + options.cert_file + ", " +
                                                      options.key_file + " and " + options.client_ca_file);
    // One limit for every body, the largest (a blob); JSON endpoints check their own smaller one.
    server->m_server->set_payload_max_length(service.options().max_blob_bytes);
    server->m_server->set_read_timeout(options.read_timeout_seconds, 0);
    // httplib writes headers and body separately: with Nagle's algorithm and the peer's delayed ACK
    // every answer on a keep-alive connection would wait ~40 ms (scripts/bench-hub showed 92 ms/request).
    server->m_server->set_tcp_nodelay(true);
    server->m_server->set_keep_alive_max_count(static_cast<size_t>(options.keep_alive_max_requests));
    server->install_routes();
    return server;
}

void HubServer::install_routes() {
    using httplib::Request;
    using httplib::Response;
    auto& server = *m_server;
    HubService& service = m_service;

    // Every handler runs only for an admitted caller; a refusal is the registry's 403.
    auto guarded = [&service](auto handler) {
        return [&service, handler](const Request& request, Response& response) {
            Caller caller = caller_from_cn(peer_common_name(request));
            if (auto refused = service.admit(caller))
                return send(*refused, response);
            send(handler(caller, request), response);
        };
    };
    auto json_only = [](auto handler) {
        return [handler](const Caller& caller, const Request& request) {
            if (!is_json(request))
                return error_reply(protocol::kUnsupportedMediaType,
                                   "the request body must be application/json");
            return handler(caller, request);
        };
    };

    server.Put(pattern(protocol::kPutBlob), guarded([&service](const Caller& caller, const Request& request) {
                   return service.put_blob(caller, request.matches[1], request.body);
               }));
    // httplib routes HEAD to the GET handlers (and leaves the body out).
    server.Get(pattern(protocol::kHeadBlob),
               guarded([&service](const Caller& caller, const Request& request) {
                   return service.head_blob(caller, request.matches[1]);
               }));
    server.Post(pattern(protocol::kSubmitApplication),
                guarded(json_only([&service](const Caller& caller, const Request& request) {
                    return service.submit_application(caller, request.body);
                })));
    server.Get(pattern(protocol::kStatusByToken),
               guarded([&service](const Caller& caller, const Request& request) {
                   return service.status_by_token(caller, request.matches[1]);
               }));
    server.Get(
        pattern(protocol::kStatusByNumber), guarded([&service](const Caller& caller, const Request& request) {
            return service.status_by_number(caller, request.matches[1], request.get_param_value("token"));
        }));
    server.Post(pattern(protocol::kSearchCertificates),
                guarded(json_only([&service](const Caller& caller, const Request& request) {
                    return service.search_certificates(caller, request.body);
                })));
    server.Post(pattern(protocol::kDownloadCertificate),
                guarded(json_only([&service](const Caller& caller, const Request& request) {
                    return service.download_certificate(caller, request.matches[1], request.body);
                })));
    server.Post(pattern(protocol::kRequestPrintGrant),
                guarded(json_only([&service](const Caller& caller, const Request& request) {
                    return service.request_print_grant(caller, request.matches[1], request.body);
                })));
    server.Post(pattern(protocol::kReportPrintOutcome),
                guarded(json_only([&service](const Caller& caller, const Request& request) {
                    return service.report_print_outcome(caller, request.matches[1], request.body);
                })));
    server.Get(
        pattern(protocol::kListWorkItems), guarded([&service](const Caller& caller, const Request& request) {
            return service.list_work_items(caller, request.matches[1], request.get_param_value("state"));
        }));
    server.Get(pattern(protocol::kGetWorkItem),
               guarded([&service](const Caller& caller, const Request& request) {
                   return service.get_work_item(caller, request.matches[1]);
               }));
    server.Post(pattern(protocol::kDecide),
                guarded(json_only([&service](const Caller& caller, const Request& request) {
                    return service.decide(caller, request.matches[1], request.body);
                })));

    // Answers httplib makes itself (no route, body over the limit) get the contract's JSON shape too.
    server.set_error_handler(httplib::Server::HandlerWithResponse([](const Request&, Response& response) {
        if (!response.body.empty())
            return httplib::Server::HandlerResponse::Unhandled;
        send(transport_error(response.status), response);
        return httplib::Server::HandlerResponse::Handled;
    }));
    server.set_exception_handler([](const Request&, Response& response, std::exception_ptr) {
        log::error("hub: a request handler threw; answered 500");
        send(error_reply(protocol::kInternal, "the hub could not complete the request; try again later"),
             response);
    });
}

Result<void> HubServer::bind() {
    if (m_options.port == 0)
        m_port = m_server->bind_to_any_port(m_options.listen);
    else
        m_port = m_server->bind_to_port(m_options.listen, m_options.port) ? m_options.port : -1;
    if (m_port <= 0)
        return make_error(ErrorCode::Io,
                          "cannot listen on " + m_options.listen + ":" + std::to_string(m_options.port));
    return {};
}

Result<void> HubServer::run() {
    if (!m_server->listen_after_bind())
        return make_error(ErrorCode::Io, "the HTTPS server stopped with an error");
    return {};
}

void HubServer::stop() {
    m_server->stop();
}

} // namespace kiosk::hub
