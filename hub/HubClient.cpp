#include "hub/HubClient.h"
#include "core/protocol/Routes.h"

#include <httplib.h>

namespace kiosk::hub {

Result<std::unique_ptr<httplib::SSLClient>> connect_hub(const std::string& url, const ClientTls& tls) {
    auto endpoint = TRY(protocol::parse_hub_url(url));
    auto client =
        std::make_unique<httplib::SSLClient>(endpoint.host, endpoint.port, tls.cert_file, tls.key_file);
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
