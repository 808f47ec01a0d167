#pragma once
// Takes sealed applications from the outbox to the hub, on its own thread, while the kiosk goes on
// serving citizens. For each unfinished application, oldest first: HEAD each blob and PUT the ones the
// hub lacks (decrypted just before sending; resumable blob by blob), then POST the application exactly
// as sealed (idempotent by application id: a retry after a lost answer comes back as a replay). On
// 422 missing-blobs it uploads those and posts again. Accepted -> the hub's application number is
// recorded and the payload and blobs are dropped. Refused in the contract's words (HubClient.h) ->
// the application is kept whole for staff (Outbox.h "States"), never dropped. When the hub cannot be
// reached it waits with exponential back-off and jitter (Backoff.h) and tries again.
//
// Threads: the worker owns its own Outbox (its own SQLite connection to the kiosk's database: WAL lets
// the UI side's Outbox seal at the same time). start(), kick(), status() may be called from any thread;
// the event sink is called on the worker thread and must be thread-safe (AppEventQueue::post is).
//
// No hub configured (hub.url empty): applications stay sealed in the outbox, status says so.

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/base/Worker.h"
#include "services/outbox/Backoff.h"
#include "services/outbox/HubClient.h"
#include "services/outbox/OutboxEvents.h"

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
    BackoffOptions backoff;
    Backoff::Random random;          // jitter source; empty: libsodium
    int max_missing_blob_rounds = 3; // POSTs answered "missing-blobs" in a row before backing off
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
    enum class Delivery { Done, Retry, Blocked };

    void pass(unsigned generation);
    bool ensure_open();
    Delivery deliver(const OutboxApplication& application);
    // ask_first: HEAD before PUT (resuming); false when the hub has just said it lacks the blob.
    Delivery send_blob(const OutboxApplication& application, const std::string& sha256, bool ask_first);
    Delivery retry_later(const OutboxApplication& application, const std::string& why,
                         UploaderFailure failure = UploaderFailure::HubUnavailable);
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
    Backoff m_backoff;
    unsigned m_generation = 0; // a pass or scheduled retry from an older generation does nothing
    std::string m_last_failure;

    mutable std::mutex m_status_mutex;
    UploaderStatus m_status;

    Worker m_worker{"outbox-upload"}; // last: stopped (joined) before the members above go
};

} // namespace kiosk::outbox
