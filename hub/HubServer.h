#pragma once
// HTTPS with mutual TLS in front of HubService (cpp-httplib 0.11.4 + OpenSSL). The TLS layer admits
// only certificates from the hall CA (the handshake fails for any other); the CN of the verified
// certificate names the caller, and the clients registry decides whether it may go on.

#include "hub/HubService.h"

#include <memory>
#include <string>

namespace httplib {
class SSLServer;
}

namespace kiosk::hub {

struct ServerOptions {
    std::string listen = "127.0.0.1";
    int port = 0;                       // 0: any free port (port() says which)
    std::string cert_file;              // the hub's certificate (PEM)
    std::string key_file;               // its private key (PEM)
    std::string client_ca_file;         // the hall CA that issues kiosk, department and admin certificates
    int read_timeout_seconds = 30;      // s without bytes from a client before its request is dropped
    int keep_alive_max_requests = 1000; // requests on one connection before the hub closes it
};

class HubServer {
public:
    static Result<std::unique_ptr<HubServer>> create(const ServerOptions& options, HubService& service);
    ~HubServer();

    // Binds; after this port() is known and run() serves until stop().
    Result<void> bind();
    int port() const { return m_port; }
    Result<void> run(); // blocks
    void stop();        // from any thread; run() returns soon after

private:
    HubServer(const ServerOptions& options, HubService& service);
    void install_routes();

    ServerOptions m_options;
    HubService& m_service;
    std::unique_ptr<httplib::SSLServer> m_server;
    int m_port = 0;
};

} // namespace kiosk::hub
