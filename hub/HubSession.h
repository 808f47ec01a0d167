#pragma once
// One client connection of HubServer (HubServer.h): the TLS handshake, then requests read with
// Beast's parser under the limits of ServerLimits, each answered by a hub_routes() entry run on the
// worker pool. Internal to HubServer.cpp; every step runs on the connection's strand.

#include "hub/HubRoutes.h"
#include "hub/HubServer.h"

#include <array>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <mutex>
#include <optional>
#include <set>

namespace kiosk::hub {

class HubSession;

// What every connection of one server shares; it outlives them all.
struct ServerShared {
    ServerShared(HubService& service_, const ServerOptions& options_, boost::asio::ssl::context& tls_,
                 boost::asio::io_context& io_, boost::asio::thread_pool& workers_)
        : service(service_), options(options_), tls(tls_), io(io_), workers(workers_) {}

    HubService& service;
    const ServerOptions& options;
    boost::asio::ssl::context& tls;
    boost::asio::io_context& io;
    boost::asio::thread_pool& workers;
    std::atomic<bool> stopping{false};

    std::mutex sessions_mutex;
    std::set<HubSession*> sessions; // every live connection (the connection cap counts these)
    // Armed by stop(): ends run() at the latest after a grace period; cancelled by the last connection
    // to close, so run() returns as soon as nothing is left.
    boost::asio::steady_timer* stop_grace = nullptr;
};

class HubSession : public std::enable_shared_from_this<HubSession> {
public:
    HubSession(boost::asio::ip::tcp::socket socket, ServerShared& shared);
    ~HubSession();
    HubSession(const HubSession&) = delete;
    HubSession& operator=(const HubSession&) = delete;

    void start();
    // The server stops: a connection that waits for a handshake or a request closes now; one with a
    // request in flight answers it, then closes.
    void stop();

private:
    using Clock = std::chrono::steady_clock;
    using Stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;
    using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;

    void on_handshake(boost::beast::error_code error);
    void read_header();
    void on_header(boost::beast::error_code error);
    void check_request(std::optional<Reply> refused);
    void read_body();
    void on_body(boost::beast::error_code error);
    void dispatch();
    // Writes `reply`; body_unread: the request's body was not read, so the connection lingers and
    // closes after this answer.
    void answer(Reply reply, bool body_unread);
    void linger(Clock::time_point until, size_t budget);
    void close(); // TLS close_notify, then the socket
    void drop();  // the socket at once (the peer is gone, too slow, or never spoke TLS)
    // Runs HubService::admit for m_caller on the worker pool, then `next` on this strand.
    void admit_then(void (HubSession::*next)(std::optional<Reply>));
    void after_handshake_admit(std::optional<Reply> refused);

    ServerShared& m_shared;
    const ServerLimits& m_limits;
    Stream m_stream;
    boost::beast::flat_buffer m_buffer;
    std::optional<Parser> m_parser;
    Caller m_caller;
    std::optional<Reply> m_refused_at_handshake; // the registry's answer right after the handshake
    int m_requests = 0;                          // answered on this connection
    bool m_waiting = false;                      // for a handshake or a request header: stop() closes
    bool m_head = false;
    const RouteEntry* m_route = nullptr;
    RouteRequest m_request;
    Clock::time_point m_deadline; // of the request being read
    std::array<char, 16 << 10> m_discard{};
};

} // namespace kiosk::hub
