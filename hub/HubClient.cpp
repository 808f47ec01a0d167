#include "hub/HubClient.h"

#include <httplib.h>

namespace kiosk::hub {

Result<std::unique_ptr<httplib::SSLClient>> connect_hub(const std::string& url, const ClientTls& tls) {
    const std::string scheme = "https://";
    if (url.rfind(scheme, 0) != 0)
        return make_error(ErrorCode::InvalidArgument, "hub URL must start with https://: " + url);
    std::string rest = url.substr(scheme.size());
    while (!rest.empty() && rest.back() == '/')
        rest.pop_back();
    size_t colon = rest.rfind(':');
    if (colon == std::string::npos || rest.find('/') != std::string::npos)
        return make_error(ErrorCode::InvalidArgument, "hub URL must be https://HOST:PORT: " + url);
    std::string host = rest.substr(0, colon);
    int port = 0;
    try {
        port = std::stoi(rest.substr(colon + 1));
    } catch (const std::exception&) {
        port = 0;
    }
    if (host.empty() || port <= 0 || port > 65535)
        return make_error(ErrorCode::InvalidArgument, "hub URL must be https://HOST:PORT: " + url);
    auto client = std::make_unique<httplib::SSLClient>(host, port, tls.cert_file, tls.key_file);
    if (!client->is_valid())
        return make_error(ErrorCode::InvalidData,
                          "cannot load the client certificate " + tls.cert_file + " and key " + tls.key_file);
    client->set_ca_cert_path(tls.ca_file.c_str());
    client->enable_server_certificate_verification(true);
    client->set_tcp_nodelay(true); // requests are written in pieces too (HubServer.cpp)
    client->set_connection_timeout(5, 0);
    client->set_read_timeout(30, 0);
    client->set_write_timeout(30, 0);
    return client;
}

} // namespace kiosk::hub
