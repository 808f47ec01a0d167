#pragma once
// A citizen's application from the confirm screen to the hub. submit() seals it into the outbox on a
// worker of its own (seal() fsyncs: tens of milliseconds the screen must not freeze for) and answers
// on the UI thread with ApplicationSealed — only then may the citizen be told "submitted" — or
// SubmissionFailed (nothing was committed). Delivery is the uploader's (services/outbox): it
// runs from start() when a hub is configured, is kicked after every seal, and its news reaches the
// UI thread as HubAccepted, HubRefused and DeliveryChanged; delivery() is its latest status.
//
// Without a hub configured, applications are sealed and stay in the outbox (delivery() says
// NoHubConfigured); staff send them with kiosk-devctl outbox send.
//
// A kiosk that cannot seal says so before anyone applies: start() opens the outbox at once, and when
// it does not open (the key is not the one its waiting applications were sealed with, the key file is
// missing or unreadable, the database is in trouble) — checked again after every failed seal — sealing()
// turns not ready and SealingChanged tells the UI thread, which closes applying (the apply buttons
// say why; progress and certificates go on). The outbox is tried again every minute, so a
// fixed key file or freed disk opens applying again without a restart.

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/base/Worker.h"
#include "services/Events.h"
#include "services/outbox/ApplicationPackage.h"
#include "services/outbox/Outbox.h"
#include "services/outbox/OutboxEvents.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

namespace kiosk::outbox {
class Outbox;
class Uploader;
} // namespace kiosk::outbox

namespace kiosk::services {

class Submissions {
public:
    // database_path: the kiosk's database (the outbox's tables live in it; the uploader has its own
    // connection).
    Submissions(std::string database_path, OutboxOptions outbox, HubOptions hub, const Clock& clock,
                AppEventQueue& queue);
    ~Submissions(); // finishes a seal in flight, then stops the uploader
    Submissions(const Submissions&) = delete;
    Submissions& operator=(const Submissions&) = delete;

    // Opens the outbox on the worker (so the first citizen does not wait for its key and database)
    // and starts the uploader when a hub is configured. A failure to open is logged here and comes
    // back with the next submit().
    void start();

    // UI thread. Takes the package (personal data) to the worker; the answer carries the ticket.
    unsigned submit(outbox::ApplicationPackage package);

    bool hub_configured() const { return !m_hub.url.empty(); }
    outbox::UploaderStatus delivery() const;

    // Any thread. Ready until the first open says otherwise.
    struct Sealing {
        bool ready = true;
        std::string problem; // for staff, no personal data
    };
    Sealing sealing() const;
    // Staff in maintenance mode (hall IT; the staff desk checks the role and audits): the outbox as they
    // see it — counts, the oldest waiting application, the refused and held ones (ids, states, reasons:
    // no personal data) — and their actions on it, done on the worker (a seal in flight finishes first).
    //
    // For the UI thread: these return at once; the worker answers with StaffOutboxAnswered carrying
    // `request`, the action's outcome and the outbox as it is afterwards (Unsupported when the outbox
    // does not open; send-now without a hub: Unsupported).
    void ask_staff_outbox(unsigned request);
    void ask_retry(unsigned request, std::string application_id);
    void ask_discard(unsigned request, std::string application_id, std::string reason);
    void ask_send_now(unsigned request);
    //
    // For tools and tests, never the UI thread: the same, waited for at most kStaffWait.
    static constexpr std::chrono::seconds kStaffWait{5};
    struct StaffOutbox {
        outbox::OutboxCounts counts;
        std::string oldest_waiting_sealed_utc; // "" when nothing waits for the hub
        std::vector<outbox::OutboxApplication> for_staff;
    };
    Result<StaffOutbox> staff_outbox();
    Result<void> retry(const std::string& application_id);
    Result<void> discard(const std::string& application_id, const std::string& reason);
    // Delivers what waits now instead of at the uploader's next pass (no hub: Unsupported).
    Result<void> send_now();

    // How often an outbox that did not open is tried again (before start(); tests shorten it).
    void set_reopen_interval(std::chrono::milliseconds interval) { m_reopen_interval = interval; }

private:
    void seal(unsigned ticket, const outbox::ApplicationPackage& package);
    // Runs `task` with the open outbox on the worker and waits for its answer (kStaffWait at most).
    template <typename T>
    Result<T> on_outbox(std::function<Result<T>(outbox::Outbox&)> task);
    // The worker's: opens the outbox when it is not open; reports a change of sealing().
    bool open_outbox();
    void set_sealing(bool ready, std::string problem);
    void on_outbox_event(outbox::OutboxEvent event); // the uploader's worker
    // The worker's: runs `action` on the open outbox, reads the staff view after it, posts the answer.
    void answer_staff(unsigned request, std::string action,
                      std::function<Result<void>(outbox::Outbox&)> task);

    std::string m_database_path;
    OutboxOptions m_outbox_options;
    HubOptions m_hub;
    const Clock& m_clock;
    AppEventQueue& m_queue;
    unsigned m_tickets = 0; // UI thread

    mutable std::mutex m_mutex;
    outbox::UploaderStatus m_delivery;
    Sealing m_sealing;
    bool m_reopen_scheduled = false; // the worker's
    std::chrono::milliseconds m_reopen_interval{60000};

    std::unique_ptr<outbox::Outbox> m_outbox; // the worker's
    std::unique_ptr<outbox::Uploader> m_uploader;
    std::unique_ptr<Worker> m_worker; // last: joined first
};

} // namespace kiosk::services
