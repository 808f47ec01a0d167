#pragma once
// A client of the hub's API with mutual TLS and the hall CA pinned (kioskctl, tests, bench-hub):
// verifies the hub's certificate against only that CA, host name included.

#include "core/base/Result.h"

#include <memory>
#include <string>

namespace httplib {
class SSLClient;
}

namespace kiosk::hub {

struct ClientTls {
    std::string ca_file;   // the hall CA (PEM): the only CA the hub's certificate may chain to
    std::string cert_file; // this client's certificate (PEM), CN "kiosk:…", "dept:…" or "admin:…"
    std::string key_file;  // its private key (PEM)
};

// url: "https://HOST[:PORT]" (protocol::parse_hub_url). InvalidArgument for anything else.
Result<std::unique_ptr<httplib::SSLClient>> connect_hub(const std::string& url, const ClientTls& tls);

} // namespace kiosk::hub
