#include "hub/HubServer.h"
#include "core/base/Log.h"
#include "hub/HubSession.h"

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <openssl/ssl.h>
#include <thread>
#include <vector>

namespace kiosk::hub {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// After stop(), requests in flight get this long to finish before run() returns regardless.
constexpr auto kStopGrace = std::chrono::seconds(10);
// After a failed accept (out of file descriptors), wait before accepting again.
constexpr auto kAcceptRetry = std::chrono::milliseconds(50);

int worker_count(const ServerLimits& limits) {
    if (limits.worker_threads > 0)
        return limits.worker_threads;
    return std::max(4, static_cast<int>(std::thread::hardware_concurrency()));
}

} // namespace

struct HubServer::Impl {
    Impl(const ServerOptions& options_, HubService& service)
        : options(options_), shared(service, options, tls, io, workers),
          workers(static_cast<size_t>(worker_count(options_.limits))) {}

    Result<void> set_up_tls();
    void accept();
    void on_accept(boost::system::error_code error, tcp::socket socket);
    void stop();

    ServerOptions options;
    asio::ssl::context tls{asio::ssl::context::tls_server};
    // Before io: connections still queued in io when it is destroyed reach it from their destructors.
    ServerShared shared;
    asio::thread_pool workers;
    asio::io_context io;
    tcp::acceptor acceptor{io};
    asio::steady_timer retry{io};
    asio::steady_timer grace{io};
};

Result<void> HubServer::Impl::set_up_tls() {
    boost::system::error_code error;
    tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                        asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                        asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use,
                    error);
    SSL_CTX* native = tls.native_handle();
    bool ok = !error && SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) == 1;
    if (ok)
        tls.use_certificate_chain_file(options.cert_file, error);
    if (ok && !error)
        tls.use_private_key_file(options.key_file, asio::ssl::context::pem, error);
    if (ok && !error)
        tls.load_verify_file(options.client_ca_file, error);
    ok = ok && !error && SSL_CTX_check_private_key(native) == 1;
    if (ok) {
        // The certificate request names the hall CA; a client without a valid certificate from it
        // fails the handshake.
        if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(options.client_ca_file.c_str()))
            SSL_CTX_set_client_CA_list(native, names);
        tls.set_verify_mode(asio::ssl::verify_peer | asio::ssl::verify_fail_if_no_peer_cert);
        static const unsigned char kContext[] = "kiosk-hub";
        SSL_CTX_set_session_id_context(native, kContext, sizeof kContext - 1);
    }
    if (!ok)
        return make_error(ErrorCode::InvalidData, "cannot set up TLS from " + options.cert_file + ", " +
                                                      options.key_file + " and " + options.client_ca_file);
    return {};
}

void HubServer::Impl::accept() {
    acceptor.async_accept(asio::make_strand(io), [this](boost::system::error_code error, tcp::socket socket) {
        on_accept(error, std::move(socket));
    });
}

void HubServer::Impl::on_accept(boost::system::error_code error, tcp::socket socket) {
    if (error == asio::error::operation_aborted || !acceptor.is_open())
        return;
    if (error) {
        log::warn("hub: accept failed ({}); retrying", error.message());
        retry.expires_after(kAcceptRetry);
        retry.async_wait([this](boost::system::error_code waited) {
            if (!waited && acceptor.is_open())
                accept();
        });
        return;
    }
    // One accept at a time, and connections only leave meanwhile: the count cannot pass the cap.
    bool full = false;
    {
        std::lock_guard lock(shared.sessions_mutex);
        full = static_cast<int>(shared.sessions.size()) >= options.limits.max_connections;
    }
    if (full) {
        boost::system::error_code ignored;
        socket.close(ignored); // over the connection cap: closed at once, before any TLS work
    } else {
        auto session = std::make_shared<HubSession>(std::move(socket), shared);
        {
            std::lock_guard lock(shared.sessions_mutex);
            shared.sessions.insert(session.get());
        }
        session->start();
    }
    accept();
}

void HubServer::Impl::stop() {
    shared.stopping = true;
    boost::system::error_code ignored;
    acceptor.close(ignored);
    retry.cancel();
    std::vector<std::shared_ptr<HubSession>> live;
    {
        std::lock_guard lock(shared.sessions_mutex);
        for (HubSession* session : shared.sessions)
            if (auto alive = session->weak_from_this().lock())
                live.push_back(std::move(alive));
        if (shared.sessions.empty())
            return;
        shared.stop_grace = &grace;
        grace.expires_after(kStopGrace);
        grace.async_wait([this](boost::system::error_code waited) {
            if (!waited)
                io.stop();
        });
    }
    for (auto& session : live)
        session->stop();
}

HubServer::HubServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

HubServer::~HubServer() {
    if (m_impl)
        m_impl->workers.join();
}

Result<std::unique_ptr<HubServer>> HubServer::create(const ServerOptions& options, HubService& service) {
    auto impl = std::make_unique<Impl>(options, service);
    TRY(impl->set_up_tls());
    return std::unique_ptr<HubServer>(new HubServer(std::move(impl)));
}

Result<void> HubServer::bind() {
    auto failed = [this](const boost::system::error_code& error) {
        return make_error(ErrorCode::Io, "cannot listen on " + m_impl->options.listen + ":" +
                                             std::to_string(m_impl->options.port) + ": " + error.message());
    };
    boost::system::error_code error;
    tcp::resolver resolver(m_impl->io);
    auto endpoints = resolver.resolve(m_impl->options.listen, std::to_string(m_impl->options.port),
                                      tcp::resolver::passive | tcp::resolver::numeric_service, error);
    if (error || endpoints.empty())
        return failed(error);
    tcp::endpoint endpoint = endpoints.begin()->endpoint();
    auto& acceptor = m_impl->acceptor;
    acceptor.open(endpoint.protocol(), error);
    if (!error)
        acceptor.set_option(asio::socket_base::reuse_address(true), error);
    if (!error)
        acceptor.bind(endpoint, error);
    if (!error)
        acceptor.listen(asio::socket_base::max_listen_connections, error);
    if (error)
        return failed(error);
    m_port = acceptor.local_endpoint(error).port();
    return {};
}

Result<void> HubServer::run() {
    if (!m_impl->acceptor.is_open())
        return make_error(ErrorCode::Internal, "HubServer::run() before a successful bind()");
    m_impl->accept();
    // A handler that throws (a bug of ours) loses its connection, never the server.
    auto serve = [this] {
        for (;;) {
            try {
                m_impl->io.run();
                return;
            } catch (const std::exception& error) {
                log::error("hub: a connection handler threw ({}); serving on", error.what());
            }
        }
    };
    std::vector<std::thread> threads;
    for (int i = 1; i < std::max(1, m_impl->options.limits.io_threads); ++i)
        threads.emplace_back(serve);
    serve();
    for (auto& thread : threads)
        thread.join();
    m_impl->workers.join();
    std::lock_guard lock(m_impl->shared.sessions_mutex);
    m_impl->shared.stop_grace = nullptr; // connections left over now end with io, not through the timer
    return {};
}

void HubServer::stop() {
    asio::post(m_impl->io, [impl = m_impl.get()] { impl->stop(); });
}

} // namespace kiosk::hub
