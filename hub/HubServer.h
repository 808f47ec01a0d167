#pragma once
// HTTPS with mutual TLS in front of HubService (Boost.Beast + Boost.Asio over OpenSSL; hub/README.md
// says why). The TLS layer admits only certificates from the hall CA (the handshake fails for any
// other); the CN of the verified certificate names the caller, and the clients registry decides,
// right after the handshake and again from each request's header, before any body is read, whether
// it may go on. Event-driven: a connection that is idle or slow costs a socket and a timer, never a
// thread; the handlers (SQLite, PDF rendering) run on a small worker pool.

#include "hub/HubService.h"

#include <chrono>
#include <memory>
#include <string>

namespace kiosk::hub {

// What one client may cost the hub. Body limits are HubOptions' (max_blob_bytes for PUT blob,
// max_json_bytes for the JSON endpoints), applied to the bytes as they arrive whatever the framing
// (Content-Length or chunked); a request with a Content-Encoding other than identity is refused with
// 415 before its body is read, so nothing is ever inflated.
struct ServerLimits {
    size_t max_header_bytes = 16 << 10; // request line + header fields; beyond: 431
    // From TCP accept to a finished TLS handshake (a ClientHello sent a byte at a time ends here).
    std::chrono::milliseconds handshake_timeout{5000};
    // Header + body of one request, from when the hub starts waiting for it. 16 MiB (the default
    // largest blob) in 30 s needs 4.5 Mbit/s; a hall LAN does 100 Mbit/s or more.
    std::chrono::milliseconds request_timeout{30000};
    // Keep-alive: from one answer to the next request's complete header.
    std::chrono::milliseconds idle_timeout{5000};
    std::chrono::milliseconds write_timeout{30000}; // writing one answer (a certificate PDF)
    // After an answer given without reading the body (413, 415, 403…), the hub reads and drops what
    // the client still sends for this long (and at most max_blob_bytes), so the client can finish
    // writing and read the answer, then closes.
    std::chrono::milliseconds linger_timeout{2000};
    int max_requests_per_connection = 1000;
    // Connections open at once; a connection beyond is closed as soon as it is accepted.
    int max_connections = 512;
    int worker_threads = 0; // handler threads; 0: max(4, cores)
    int io_threads = 2;     // threads that run TLS and HTTP parsing for every connection
};

struct ServerOptions {
    std::string listen = "127.0.0.1";
    int port = 0;               // 0: any free port (port() says which)
    std::string cert_file;      // the hub's certificate (PEM)
    std::string key_file;       // its private key (PEM)
    std::string client_ca_file; // the hall CA that issues kiosk, department and admin certificates
    ServerLimits limits;
};

class HubServer {
public:
    static Result<std::unique_ptr<HubServer>> create(const ServerOptions& options, HubService& service);
    ~HubServer();

    // Binds; after this port() is known and run() serves until stop().
    Result<void> bind();
    int port() const { return m_port; }
    Result<void> run(); // blocks
    // From any thread: no new connections; connections waiting for a request close, requests in
    // flight are answered (for at most request_timeout); then run() returns.
    void stop();

    struct Impl;

private:
    explicit HubServer(std::unique_ptr<Impl> impl);

    std::unique_ptr<Impl> m_impl;
    int m_port = 0;
};

} // namespace kiosk::hub
