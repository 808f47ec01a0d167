#pragma once
// The citizen's questions to the kiosk-hub, asked on a worker of their own so the screen keeps
// drawing while the network answers (or does not): the progress of an application by the query
// token printed in its receipt's QR code, and the certificates waiting for an identified citizen
// (listed, then one fetched as its PDF for printing). The answer comes back to the UI thread as
// ProgressAnswered, in the kiosk's own terms — found, not found, or the hub not reachable now — never as an
// exception.
//
// Without a hub in the config every question is answered at once with "not_configured".

#include "core/base/Config.h"
#include "core/base/Worker.h"
#include "services/Events.h"

#include <memory>
#include <string>

namespace kiosk::outbox {
class HubClient;
}

namespace kiosk::services {

class HubQueries {
public:
    HubQueries(const HubOptions& options, AppEventQueue& queue);
    ~HubQueries();
    HubQueries(const HubQueries&) = delete;
    HubQueries& operator=(const HubQueries&) = delete;

    bool configured() const { return m_client != nullptr; }
    // `token` must be a receipt token (is_receipt_token); the answer carries it back.
    void query_progress(const std::string& token);
    // By the ID number the card reader read (sent in a request body, never in a URL); answered with
    // CertificatesListed, and CertificateFetched.
    void list_certificates(const std::string& id_number);
    void fetch_certificate(const std::string& certificate_id, const std::string& id_number);

private:
    AppEventQueue& m_queue;
    std::unique_ptr<outbox::HubClient> m_client; // null: no hub configured (or its files are missing)
    std::unique_ptr<Worker> m_worker;            // last: joined first
};

} // namespace kiosk::services
