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
#include "core/protocol/PrintGrants.h"
#include "core/store/PrintLedger.h"
#include "services/Events.h"

#include <chrono>
#include <cstdint>
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
    // Asks the hub for the one print grant of the certificate, then its PDF under that grant
    // (docs/specs/hub-contract.md §6.1); answered with CertificateFetched (held: which kiosk, when).
    void fetch_certificate(const std::string& certificate_id, const std::string& id_number);
    // Tells the hub how the print under `grant_id` ended; sent again with back-off (up to
    // `retry_max`) until the hub has it, then answered with PrintOutcomeReported. The caller keeps it
    // (the print ledger) until then, so a restart sends it again.
    void report_print_outcome(std::int64_t ledger_id, const std::string& grant_id,
                              protocol::PrintOutcome outcome, const std::string& reason);
    // The same for a finished print of the ledger under a hub grant (PrintService's outcome reporter):
    // Completed → printed, Failed → failed, Unknown → unknown; its reason as a keyword only.
    void report_print_outcome(const store::PrintRecord& print);

    std::chrono::milliseconds retry_first{2000}; // ms before the first retry of an outcome report
    std::chrono::milliseconds retry_max{300000}; // ms, the longest wait between retries (5 min)

private:
    void send_outcome(std::int64_t ledger_id, std::string grant_id, protocol::PrintOutcomeReport report,
                      std::chrono::milliseconds next_wait);

    AppEventQueue& m_queue;
    std::unique_ptr<outbox::HubClient> m_client; // null: no hub configured (or its files are missing)
    std::unique_ptr<Worker> m_worker;            // last: joined first
};

} // namespace kiosk::services
