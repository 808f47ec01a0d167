#include "hub/HubSession.h"
#include "core/base/Log.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace kiosk::hub {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

constexpr auto kShutdownTimeout = std::chrono::seconds(1);

// The CN of the certificate the client presented (OpenSSL has verified it against the hall CA).
std::string peer_common_name(SSL* ssl) {
    X509* certificate = SSL_get1_peer_certificate(ssl);
    if (!certificate)
        return {};
    char text[256] = {};
    int length =
        X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName, text, sizeof text);
    X509_free(certificate);
    return length > 0 ? std::string(text, static_cast<size_t>(length)) : std::string();
}

std::string lowercase_trimmed(std::string_view text) {
    size_t first = text.find_first_not_of(" \t");
    size_t last = text.find_last_not_of(" \t");
    std::string out(first == std::string_view::npos ? std::string_view()
                                                    : text.substr(first, last - first + 1));
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_json(std::string_view content_type) {
    return content_type.rfind(protocol::kJsonContentType, 0) == 0;
}

// An HTTP-level refusal of the parser (as opposed to the connection failing or timing out).
bool is_http_error(const beast::error_code& error) {
    return error.category() == http::make_error_code(http::error::bad_method).category();
}

} // namespace

HubSession::HubSession(asio::ip::tcp::socket socket, ServerShared& shared)
    : m_shared(shared), m_limits(shared.options.limits), m_stream(std::move(socket), shared.tls),
      m_buffer(m_limits.max_header_bytes + (64 << 10)) {}

HubSession::~HubSession() {
    std::lock_guard lock(m_shared.sessions_mutex);
    m_shared.sessions.erase(this);
    if (m_shared.stopping && m_shared.sessions.empty() && m_shared.stop_grace)
        asio::post(m_shared.io, [grace = m_shared.stop_grace] { grace->cancel(); });
}

void HubSession::start() {
    beast::error_code ignored;
    beast::get_lowest_layer(m_stream).socket().set_option(asio::ip::tcp::no_delay(true), ignored);
    m_waiting = true;
    beast::get_lowest_layer(m_stream).expires_after(m_limits.handshake_timeout);
    m_stream.async_handshake(
        asio::ssl::stream_base::server,
        [self = shared_from_this()](beast::error_code error) { self->on_handshake(error); });
}

void HubSession::stop() {
    asio::dispatch(m_stream.get_executor(), [self = shared_from_this()] {
        if (self->m_waiting)
            beast::get_lowest_layer(self->m_stream).cancel();
    });
}

void HubSession::on_handshake(beast::error_code error) {
    if (error || m_shared.stopping)
        return drop(); // not a hall-CA certificate, no certificate, too slow, or not TLS at all
    m_caller = caller_from_cn(peer_common_name(m_stream.native_handle()));
    admit_then(&HubSession::after_handshake_admit);
}

void HubSession::after_handshake_admit(std::optional<Reply> refused) {
    // A refused client still gets the contract's JSON 403 for its first request, read without its body.
    m_refused_at_handshake = std::move(refused);
    m_deadline = Clock::now() + m_limits.request_timeout;
    read_header();
}

void HubSession::admit_then(void (HubSession::*next)(std::optional<Reply>)) {
    asio::post(m_shared.workers, [self = shared_from_this(), next,
                                  work = asio::make_work_guard(m_shared.io)] {
        std::optional<Reply> refused;
        try {
            refused = self->m_shared.service.admit(self->m_caller);
        } catch (const std::exception&) {
            refused =
                error_reply(protocol::kInternal, "the hub could not complete the request; try again later");
        }
        asio::post(self->m_stream.get_executor(), [self, next, refused = std::move(refused)]() mutable {
            ((*self).*next)(std::move(refused));
        });
    });
}

void HubSession::read_header() {
    if (m_shared.stopping)
        return close();
    auto now = Clock::now();
    if (m_requests > 0)
        m_deadline = now + m_limits.request_timeout;
    m_parser.emplace();
    m_parser->header_limit(static_cast<std::uint32_t>(m_limits.max_header_bytes));
    // The largest body any route takes; a Content-Length above it is refused while the header is read.
    const auto& hub = m_shared.service.options();
    m_parser->body_limit(std::max(hub.max_blob_bytes, hub.max_json_bytes));
    m_waiting = true;
    beast::get_lowest_layer(m_stream).expires_at(
        m_requests == 0 ? m_deadline : std::min(m_deadline, now + m_limits.idle_timeout));
    http::async_read_header(
        m_stream, m_buffer, *m_parser,
        [self = shared_from_this()](beast::error_code error, size_t) { self->on_header(error); });
}

void HubSession::on_header(beast::error_code error) {
    m_waiting = false;
    if (error == http::error::header_limit)
        return answer(transport_error(431), true);
    if (error == http::error::body_limit)
        return answer(transport_error(413), true);
    if (error && is_http_error(error) && error != http::error::end_of_stream)
        return answer(transport_error(400), true);
    if (error)
        return drop(); // closed by the client, idle or too slow (no answer is possible), or stopping

    const auto& request = m_parser->get();
    // Bodies are taken as they are: nothing is inflated, so a small compressed body cannot become a
    // large one; any framing other than Content-Length or plain chunked is refused the same way.
    auto encoding = request.find(http::field::content_encoding);
    if (encoding != request.end() && lowercase_trimmed(encoding->value()) != "identity")
        return answer(transport_error(415), true);
    auto transfer = request.find(http::field::transfer_encoding);
    if (transfer != request.end() && lowercase_trimmed(transfer->value()) != "chunked")
        return answer(transport_error(415), true);

    m_head = request.method() == http::verb::head;
    auto match = match_route(request.method_string(), request.target());
    if (!match.entry)
        return answer(transport_error(match.status), true);
    m_route = match.entry;
    m_request = RouteRequest{};
    m_request.captures = std::move(match.captures);
    auto target = request.target();
    if (auto question = target.find('?'); question != beast::string_view::npos)
        m_request.query = std::string(target.substr(question + 1));
    if (auto type = request.find(http::field::content_type); type != request.end())
        m_request.content_type = std::string(type->value());

    // The registry again (a revocation takes effect at the next request), before the body is read.
    if (m_requests == 0)
        return check_request(std::move(m_refused_at_handshake));
    admit_then(&HubSession::check_request);
}

void HubSession::check_request(std::optional<Reply> refused) {
    if (refused)
        return answer(std::move(*refused), true);
    const auto& hub = m_shared.service.options();
    size_t limit = m_route->body == RouteBody::Blob ? hub.max_blob_bytes : hub.max_json_bytes;
    if (m_route->body == RouteBody::Json && !is_json(m_request.content_type))
        return answer(
            error_reply(protocol::kUnsupportedMediaType, "the request body must be application/json"), true);
    auto length = m_parser->content_length();
    if (length && *length > limit)
        return answer(transport_error(413), true);
    m_parser->body_limit(limit); // counts every byte of a chunked body too
    if (lowercase_trimmed(m_parser->get()[http::field::expect]) == "100-continue") {
        auto interim = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
        beast::get_lowest_layer(m_stream).expires_at(m_deadline);
        return http::async_write(m_stream, *interim,
                                 [self = shared_from_this(), interim](beast::error_code error, size_t) {
                                     if (error)
                                         return self->close();
                                     self->read_body();
                                 });
    }
    read_body();
}

void HubSession::read_body() {
    beast::get_lowest_layer(m_stream).expires_at(m_deadline);
    http::async_read(m_stream, m_buffer, *m_parser,
                     [self = shared_from_this()](beast::error_code error, size_t) { self->on_body(error); });
}

void HubSession::on_body(beast::error_code error) {
    if (error == http::error::body_limit)
        return answer(transport_error(413), true);
    if (error && is_http_error(error) && error != http::error::end_of_stream &&
        error != http::error::partial_message)
        return answer(transport_error(400), true);
    if (error)
        return drop(); // the client went away or took longer than request_timeout
    dispatch();
}

void HubSession::dispatch() {
    m_request.body = m_parser->release().body();
    asio::post(m_shared.workers, [self = shared_from_this(), work = asio::make_work_guard(m_shared.io)] {
        Reply reply;
        try {
            reply = self->m_route->handle(self->m_shared.service, self->m_caller, self->m_request);
        } catch (const std::exception&) {
            log::error("hub: a request handler threw; answered 500");
            reply =
                error_reply(protocol::kInternal, "the hub could not complete the request; try again later");
        }
        asio::post(self->m_stream.get_executor(),
                   [self, reply = std::move(reply)]() mutable { self->answer(std::move(reply), false); });
    });
}

void HubSession::answer(Reply reply, bool body_unread) {
    ++m_requests;
    bool keep_alive = !body_unread && m_parser && m_parser->is_header_done() &&
                      m_parser->get().keep_alive() && m_requests < m_limits.max_requests_per_connection &&
                      !m_shared.stopping;
    auto response = std::make_shared<http::response<http::string_body>>();
    response->result(static_cast<unsigned>(reply.status));
    response->version(11);
    if (reply.retry_after > 0)
        response->set(http::field::retry_after, std::to_string(reply.retry_after));
    if (!reply.content_type.empty()) {
        response->set(http::field::content_type, reply.content_type);
        response->body() = std::move(reply.bytes);
    } else {
        response->set(http::field::content_type, protocol::kJsonContentType);
        // A refusal may quote what the client sent (a path id that is not UTF-8): replace, never throw.
        response->body() = reply.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    response->keep_alive(keep_alive);
    response->prepare_payload();
    if (m_head)
        response->body().clear(); // Content-Length stays that of the GET answer
    m_head = false;
    beast::get_lowest_layer(m_stream).expires_after(m_limits.write_timeout);
    http::async_write(
        m_stream, *response,
        [self = shared_from_this(), response, keep_alive, body_unread](beast::error_code error, size_t) {
            if (error)
                return self->close();
            if (keep_alive)
                return self->read_header();
            if (body_unread)
                return self->linger(Clock::now() + self->m_limits.linger_timeout,
                                    self->m_shared.service.options().max_blob_bytes);
            self->close();
        });
}

void HubSession::linger(Clock::time_point until, size_t budget) {
    beast::get_lowest_layer(m_stream).expires_at(until);
    m_stream.async_read_some(asio::buffer(m_discard), [self = shared_from_this(), until,
                                                       budget](beast::error_code error, size_t read) {
        if (error || read >= budget)
            return self->close();
        self->linger(until, budget - read);
    });
}

void HubSession::drop() {
    m_waiting = false;
    beast::get_lowest_layer(m_stream).close();
}

void HubSession::close() {
    m_waiting = false;
    auto& tcp = beast::get_lowest_layer(m_stream);
    if (!tcp.socket().is_open())
        return;
    // A TLS close_notify, at most kShutdownTimeout; then the socket closes with the last reference.
    tcp.expires_after(kShutdownTimeout);
    m_stream.async_shutdown([self = shared_from_this()](beast::error_code) {
        beast::error_code ignored;
        beast::get_lowest_layer(self->m_stream)
            .socket()
            .shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        beast::get_lowest_layer(self->m_stream).close();
    });
}

} // namespace kiosk::hub
