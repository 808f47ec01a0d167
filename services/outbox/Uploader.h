#pragma once
// Takes sealed applications from the outbox to the hub, on its own thread, while the kiosk goes on
// serving citizens. For each unfinished application that is due, oldest first: HEAD each blob and PUT
// the ones the hub lacks (decrypted just before sending; resumable blob by blob), then POST the
// application exactly as sealed (idempotent by application id: a retry after a lost answer comes back
// as a replay). On 422 missing-blobs it uploads those and posts again. Accepted -> the hub's
// application number is recorded and the payload and blobs are dropped. Refused in the contract's
// words (HubClient.h) -> the application is kept whole for staff (Outbox.h "States"), never dropped.
//
// Failures, so that one application never holds up the others (docs/specs/hub-contract.md §8.3):
//   - no answer from the hub at all, or one about the hub or this kiosk rather than the request
//     (HubError::hub_wide(): timeout, refused connection, TLS, a gateway's 502/503/504, 429, 403
//     client-unknown/revoked): the whole pass stops and waits with the global back-off (`backoff`),
//     so a dead hub is not hammered with every application; the application that met it goes last
//     in the next pass (if it is what the hub cannot take, the others still go first);
//   - any other failure (the hub answered this application with a 5xx, a proxy's page, 403
//     kiosk-mismatch, catalog-behind …, or a material blob is missing on the kiosk): that
//     application waits for its own back-off (`application_backoff`, persisted in the outbox with a
//     count of identical failures in a row) and the pass goes on with the next one. After
//     `hold_after` identical failures in a row it is held for staff (Outbox.h "States"), whole.
//
// Threads: the worker owns its own Outbox (its own SQLite connection to the kiosk's database: WAL lets
// the UI side's Outbox seal at the same time). start(), kick(), status() may be called from any thread;
// the event sink is called on the worker thread and must be thread-safe (AppEventQueue::post is).
// Staff act on the outbox from another process (kiosk-devctl outbox retry): a pass every `idle_poll`
// picks that up.
//
// No hub configured (hub.url empty): applications stay sealed in the outbox, status says so.

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/base/Worker.h"
#include "services/outbox/Backoff.h"
#include "services/outbox/HubClient.h"
#include "services/outbox/OutboxEvents.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace kiosk::outbox {

class Outbox;
struct OutboxApplication;
struct OutboxBlob;

struct UploaderOptions {
    BackoffOptions backoff; // the whole queue's, while the hub does not answer at all (1 s … 5 min)
    // One application's, while the hub answers it with a failure: 30 s, 1 min … 1 h.
    BackoffOptions application_backoff{Millis(30000), Millis(3600000), 0.2};
    Backoff::Random random;          // jitter source; empty: libsodium
    int max_missing_blob_rounds = 3; // POSTs answered "missing-blobs" in a row before backing off
    int hold_after = 8;              // identical failures of one application in a row: held for staff
    Millis idle_poll{60000};         // ms between passes while nothing is due (staff actions); 0: none
};

class Uploader {
public:
    using EventSink = std::function<void(OutboxEvent)>;

    Uploader(std::string database_path, OutboxOptions outbox, HubOptions hub, const Clock& clock,
             UploaderOptions options = {}, EventSink sink = {});
    // Stops the worker after the request in flight (bounded by the hub timeouts); what was not
    // finished is resumed by the next start.
    ~Uploader();
    Uploader(const Uploader&) = delete;
    Uploader& operator=(const Uploader&) = delete;

    // Opens the outbox on the worker and starts delivering what waits in it.
    void start();
    // Something was just sealed (or staff pressed "retry now"): try now instead of at the next back-off.
    void kick();
    UploaderStatus status() const;

private:
    enum class Delivery {
        Done,     // accepted, or moved to staff (refused, held): out of the queue
        Deferred, // waits for its own next attempt; the pass goes on
        Blocked,  // a material blob is missing on the kiosk: the same, counted as blocked
        Pause,    // no answer from the hub (or the kiosk's store fails): the whole pass waits
    };

    void pass(unsigned generation);
    bool ensure_open();
    Delivery deliver(const OutboxApplication& application);
    // ask_first: HEAD before PUT (resuming); false when the hub has just said it lacks the blob.
    Delivery send_blob(const OutboxApplication& application, const std::string& sha256, bool ask_first);
    // A hub answer that is not Accepted: Pause, Deferred or (held after hold_after) Done.
    Delivery failed(const OutboxApplication& application, const HubError& error);
    // This application waits for its own back-off; held for staff after hold_after of the same `kind`.
    Delivery defer(const OutboxApplication& application, const std::string& kind, const std::string& why,
                   UploaderFailure failure);
    // The whole pass waits (hub unreachable, or the kiosk's own store failing).
    Delivery pause(const OutboxApplication& application, const std::string& why, UploaderFailure failure);
    // -> refused (a final refusal of the hub) / held (staff must look): kept whole, out of the queue.
    Delivery refuse(const OutboxApplication& application, const std::string& reason);
    Delivery hold(const OutboxApplication& application, const std::string& reason);
    void schedule_retry(unsigned generation);
    void count_staff_queue(); // UploaderStatus::refused and held, from the outbox
    void update_status(const std::function<void(UploaderStatus&)>& change);
    void note_failure(UploaderFailure failure, const std::string& error);
    void emit(OutboxEvent event);

    std::string m_database_path;
    OutboxOptions m_outbox_options;
    HubOptions m_hub_options;
    const Clock& m_clock;
    UploaderOptions m_options;
    EventSink m_sink;

    // Worker thread only.
    std::unique_ptr<Outbox> m_outbox;
    std::optional<HubClient> m_hub;
    Backoff m_backoff;             // the whole queue's
    Backoff m_application_backoff; // delays only: each application's count is in the outbox
    unsigned m_generation = 0;     // a pass or scheduled retry from an older generation does nothing
    std::string m_tried_last;      // the application that met the last hub-wide failure
    std::optional<std::int64_t> m_next_due_ms; // this pass: the earliest next attempt of one waiting

    mutable std::mutex m_status_mutex;
    UploaderStatus m_status;

    Worker m_worker{"outbox-upload"}; // last: stopped (joined) before the members above go
};

} // namespace kiosk::outbox
