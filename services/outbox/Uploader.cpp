#include "services/outbox/Uploader.h"
#include "core/base/Log.h"
#include "core/protocol/Errors.h"
#include "services/outbox/Outbox.h"

#include <algorithm>
#include <sodium.h>

namespace kiosk::outbox {

const char* to_string(UploaderState state) {
    switch (state) {
    case UploaderState::Starting:
        return "starting";
    case UploaderState::Idle:
        return "idle";
    case UploaderState::Sending:
        return "sending";
    case UploaderState::WaitingForHub:
        return "waiting-for-hub";
    case UploaderState::NoHubConfigured:
        return "no-hub-configured";
    case UploaderState::OutboxUnavailable:
        break;
    }
    return "outbox-unavailable";
}

const char* to_string(UploaderFailure failure) {
    switch (failure) {
    case UploaderFailure::None:
        return "none";
    case UploaderFailure::HubUnavailable:
        return "hub-unavailable";
    case UploaderFailure::ApplicationFailed:
        return "application-failed";
    case UploaderFailure::HubRefused:
        return "hub-refused";
    case UploaderFailure::HeldForStaff:
        return "held-for-staff";
    case UploaderFailure::Local:
        break;
    }
    return "local";
}

namespace {

std::int64_t epoch_ms(WallTime time) {
    return std::chrono::duration_cast<Millis>(time.time_since_epoch()).count();
}

} // namespace

Uploader::Uploader(std::string database_path, OutboxOptions outbox, HubOptions hub, const Clock& clock,
                   UploaderOptions options, EventSink sink)
    : m_database_path(std::move(database_path)), m_outbox_options(std::move(outbox)),
      m_hub_options(std::move(hub)), m_clock(clock), m_options(std::move(options)), m_sink(std::move(sink)),
      m_backoff(m_options.backoff, m_options.random),
      m_application_backoff(m_options.application_backoff, m_options.random) {}

Uploader::~Uploader() = default;

void Uploader::start() {
    kick();
}

void Uploader::kick() {
    m_worker.post([this] { pass(++m_generation); });
}

UploaderStatus Uploader::status() const {
    std::lock_guard lock(m_status_mutex);
    return m_status;
}

void Uploader::update_status(const std::function<void(UploaderStatus&)>& change) {
    UploaderStatus copy;
    {
        std::lock_guard lock(m_status_mutex);
        UploaderStatus before = m_status;
        change(m_status);
        if (m_status == before) // an idle poll that found nothing new is no news
            return;
        copy = m_status;
    }
    emit(UploaderStatusChanged{copy});
}

void Uploader::note_failure(UploaderFailure failure, const std::string& error) {
    update_status([&](UploaderStatus& s) {
        s.last_failure = failure;
        s.last_error = error;
    });
}

void Uploader::emit(OutboxEvent event) {
    if (m_sink)
        m_sink(std::move(event));
}

bool Uploader::ensure_open() {
    if (!m_outbox) {
        auto outbox = Outbox::open(m_database_path, m_outbox_options, m_clock);
        if (!outbox) {
            log::error("outbox: cannot open: {}", outbox.error().describe());
            update_status([&](UploaderStatus& s) { s.state = UploaderState::OutboxUnavailable; });
            note_failure(UploaderFailure::Local, outbox.error().describe());
            return false;
        }
        m_outbox = outbox.release_value();
    }
    if (!m_hub && !m_hub_options.url.empty()) {
        auto hub = HubClient::create(m_hub_options);
        if (!hub) {
            log::error("outbox: hub not usable: {}", hub.error().describe());
            update_status([&](UploaderStatus& s) { s.state = UploaderState::NoHubConfigured; });
            note_failure(UploaderFailure::Local, hub.error().describe());
            return true; // the outbox is fine; sealed applications wait for a usable hub configuration
        }
        m_hub.emplace(hub.release_value());
    }
    return true;
}

void Uploader::pass(unsigned generation) {
    if (generation != m_generation)
        return; // a kick or a newer retry took over
    if (!ensure_open()) {
        schedule_retry(generation);
        return;
    }
    auto waiting = m_outbox->unfinished();
    if (!waiting) {
        log::error("outbox: cannot read: {}", waiting.error().describe());
        update_status([&](UploaderStatus& s) { s.state = UploaderState::OutboxUnavailable; });
        note_failure(UploaderFailure::Local, waiting.error().describe());
        schedule_retry(generation);
        return;
    }
    auto& applications = waiting.value();
    int queued = static_cast<int>(applications.size());
    count_staff_queue();
    if (!m_hub) {
        update_status([&](UploaderStatus& s) {
            s.state = UploaderState::NoHubConfigured;
            s.queued = queued;
        });
        return;
    }
    // The one that met the last "no answer" goes last: if the hub cannot take *it* (a request that
    // always times out), the others are not stuck behind it.
    std::stable_partition(applications.begin(), applications.end(),
                          [&](const OutboxApplication& a) { return a.application_id != m_tried_last; });
    auto now = epoch_ms(m_clock.wall_now());
    bool any_due = std::any_of(applications.begin(), applications.end(),
                               [&](const OutboxApplication& a) { return a.next_attempt_ms <= now; });
    update_status([&](UploaderStatus& s) {
        s.state = any_due ? UploaderState::Sending : UploaderState::Idle;
        s.queued = queued;
    });

    int blocked = 0, retrying = 0;
    bool answered = false; // the hub answered something: it is there
    m_next_due_ms.reset();
    auto due_at = [&](std::int64_t at) { m_next_due_ms = std::min(m_next_due_ms.value_or(at), at); };
    for (const auto& application : applications) {
        if (application.next_attempt_ms > now) { // in its own back-off: the others go on
            ++retrying;
            due_at(application.next_attempt_ms);
            continue;
        }
        switch (deliver(application)) {
        case Delivery::Done:
            --queued;
            answered = true;
            break;
        case Delivery::Deferred:
            ++retrying;
            answered = true;
            break;
        case Delivery::Blocked:
            ++blocked;
            ++retrying;
            break;
        case Delivery::Pause:
            m_tried_last = application.application_id;
            update_status([&](UploaderStatus& s) {
                s.queued = queued;
                s.blocked = blocked;
            });
            count_staff_queue();
            schedule_retry(generation);
            return;
        }
    }
    m_tried_last.clear();
    if (answered)
        m_backoff.reset();
    count_staff_queue();
    // The next pass: when the first waiting application is due, else a poll for what staff changed.
    std::optional<Millis> next;
    if (m_next_due_ms)
        next = Millis(std::max<std::int64_t>(0, *m_next_due_ms - epoch_ms(m_clock.wall_now())));
    else if (m_options.idle_poll.count() > 0)
        next = m_options.idle_poll;
    update_status([&](UploaderStatus& s) {
        s.state = UploaderState::Idle;
        s.queued = queued;
        s.blocked = blocked;
        s.retrying = retrying;
        s.consecutive_failures = m_backoff.failures();
        s.next_attempt.reset();
        if (m_next_due_ms)
            s.next_attempt = WallTime(Millis(*m_next_due_ms));
        // A hub that answers again is no longer news, nor a failure nothing waits on any more; a
        // refusal, a hold or a local fault stays until staff see it.
        bool passed = s.last_failure == UploaderFailure::HubUnavailable ||
                      (s.last_failure == UploaderFailure::ApplicationFailed && retrying == 0);
        if (passed && answered) {
            s.last_failure = UploaderFailure::None;
            s.last_error.clear();
        }
    });
    if (next)
        m_worker.post_after(*next, [this, generation] { pass(generation); });
}

void Uploader::count_staff_queue() {
    auto counts = m_outbox->counts();
    if (!counts) // the next pass tries again; the queue itself is what matters now
        return log::warn("outbox: cannot count: {}", counts.error().describe());
    update_status([&](UploaderStatus& s) {
        s.refused = counts.value().refused;
        s.held = counts.value().held;
    });
}

void Uploader::schedule_retry(unsigned generation) {
    auto delay = m_backoff.next();
    log::info("outbox: next attempt in {} ms ({} failure(s) in a row)", delay.count(), m_backoff.failures());
    update_status([&](UploaderStatus& s) {
        if (s.state != UploaderState::OutboxUnavailable)
            s.state = UploaderState::WaitingForHub;
        s.consecutive_failures = m_backoff.failures();
        s.next_attempt = m_clock.wall_now() + delay;
    });
    m_worker.post_after(delay, [this, generation] { pass(generation); });
}

Uploader::Delivery Uploader::failed(const OutboxApplication& application, const HubError& error) {
    if (error.hub_wide())
        return pause(application, error.describe(), UploaderFailure::HubUnavailable);
    std::string why = error.describe();
    if (error.code == protocol::kKioskMismatch.code)
        why += " (the kiosk id changed? kiosk-devctl outbox reseal)";
    return defer(application, error.kind(), why, UploaderFailure::ApplicationFailed);
}

Uploader::Delivery Uploader::pause(const OutboxApplication& application, const std::string& why,
                                   UploaderFailure failure) {
    log::warn("outbox: application {} not delivered yet: {}", application.application_id, why);
    // Best effort: when the store itself is failing, the status below still tells staff.
    (void)m_outbox->note_failure(application.application_id, why);
    note_failure(failure, why);
    return Delivery::Pause;
}

Uploader::Delivery Uploader::defer(const OutboxApplication& application, const std::string& kind,
                                   const std::string& why, UploaderFailure failure) {
    int same = kind == application.failure_kind ? application.same_failures + 1 : 1;
    if (m_options.hold_after > 0 && same >= m_options.hold_after)
        return hold(application, why + " (" + std::to_string(same) + " times in a row)");
    auto delay = m_application_backoff.delay(same);
    auto next = epoch_ms(m_clock.wall_now()) + delay.count();
    log::warn("outbox: application {} not delivered yet ({} time(s) in a row; again in {} ms): {}",
              application.application_id, same, delay.count(), why);
    auto noted = m_outbox->note_retry(application.application_id, why, kind, same, next);
    if (!noted)
        return pause(application, "cannot note the failure: " + noted.error().describe(),
                     UploaderFailure::Local);
    m_next_due_ms = std::min(m_next_due_ms.value_or(next), next);
    note_failure(failure, "application " + application.application_id + ": " + why);
    return Delivery::Deferred;
}

Uploader::Delivery Uploader::refuse(const OutboxApplication& application, const std::string& reason) {
    log::warn("outbox: application {} refused by the hub: {}", application.application_id, reason);
    // Kept whole for staff (Outbox.h "States"): a refusal deletes nothing.
    auto recorded = m_outbox->mark_refused(application.application_id, reason);
    if (!recorded)
        return pause(application, "cannot record the refusal: " + recorded.error().describe(),
                     UploaderFailure::Local);
    note_failure(UploaderFailure::HubRefused,
                 "application " + application.application_id + " refused (kept for staff): " + reason);
    emit(ApplicationRefused{application.application_id, reason});
    return Delivery::Done;
}

Uploader::Delivery Uploader::hold(const OutboxApplication& application, const std::string& reason) {
    auto recorded = m_outbox->mark_held(application.application_id, reason);
    if (!recorded)
        return pause(application, "cannot hold it for staff: " + recorded.error().describe(),
                     UploaderFailure::Local);
    note_failure(UploaderFailure::HeldForStaff,
                 "application " + application.application_id + " held for staff: " + reason);
    return Delivery::Done;
}

Uploader::Delivery Uploader::send_blob(const OutboxApplication& application, const std::string& sha256,
                                       bool ask_first) {
    if (ask_first) {
        auto present = m_hub->head_blob(sha256);
        if (!present.ok()) {
            if (present.error().retryable())
                return failed(application, present.error());
            // Only the client's own refusal (a malformed hash in our row): nothing the hub can change.
            return hold(application, present.error().describe());
        }
        if (present.value())
            return Delivery::Done; // uploaded by an earlier attempt, or the same scan in another application
    }
    auto bytes = m_outbox->blob(sha256);
    if (!bytes) {
        // Never dropped: staff see it in the status and the audit log (Outbox::open_report()), and
        // in the staff queue once it has failed hold_after times.
        log::error("outbox: application {} cannot be sent: {}", application.application_id,
                   bytes.error().describe());
        auto waits = defer(application, "local blob", bytes.error().describe(), UploaderFailure::Local);
        return waits == Delivery::Deferred ? Delivery::Blocked : waits;
    }
    auto stored = m_hub->put_blob(sha256, bytes.value());
    sodium_memzero(bytes.value().data(), bytes.value().size());
    if (stored.ok())
        return Delivery::Done;
    if (stored.error().retryable())
        return failed(application, stored.error());
    return hold(application, stored.error().describe());
}

Uploader::Delivery Uploader::deliver(const OutboxApplication& application) {
    auto marked = m_outbox->mark_uploading(application.application_id);
    if (!marked)
        return pause(application, marked.error().describe(), UploaderFailure::Local);
    for (const auto& blob : application.blobs)
        if (auto sent = send_blob(application, blob.sha256, true); sent != Delivery::Done)
            return sent;

    auto body = m_outbox->payload(application.application_id);
    if (!body) {
        log::error("outbox: application {} cannot be sent: {}", application.application_id,
                   body.error().describe());
        auto waits = defer(application, "local payload", body.error().describe(), UploaderFailure::Local);
        return waits == Delivery::Deferred ? Delivery::Blocked : waits;
    }
    struct Wipe {
        std::string& text;
        ~Wipe() { sodium_memzero(text.data(), text.size()); }
    } wipe{body.value()};

    for (int round = 0; round <= m_options.max_missing_blob_rounds; ++round) {
        auto answer = m_hub->submit_application(body.value());
        if (answer.ok()) {
            const auto& receipt = answer.value();
            auto recorded = m_outbox->mark_accepted(application.application_id, receipt.application_number);
            if (!recorded) // the hub has it; the next attempt is a replay that records it
                return pause(application, "cannot record acceptance: " + recorded.error().describe(),
                             UploaderFailure::Local);
            emit(
                ApplicationDelivered{application.application_id, receipt.application_number, receipt.replay});
            return Delivery::Done;
        }
        const auto& error = answer.error();
        if (!error.missing_blobs()) {
            if (error.retryable())
                return failed(application, error);
            return refuse(application, error.code + (error.message.empty() ? "" : ": " + error.message));
        }
        // The hub lost (or never had) some blobs: upload those it names that belong to this application.
        for (const auto& sha256 : error.missing) {
            bool ours = std::any_of(application.blobs.begin(), application.blobs.end(),
                                    [&](const OutboxBlob& blob) { return blob.sha256 == sha256; });
            if (!ours) // a hub bug, not a refusal of the application
                return defer(application, "missing-blobs foreign",
                             "missing-blobs: the hub asks for a blob this application does not have",
                             UploaderFailure::ApplicationFailed);
            if (auto sent = send_blob(application, sha256, false); sent != Delivery::Done)
                return sent;
        }
    }
    return defer(application, "missing-blobs loop", "the hub keeps reporting missing blobs",
                 UploaderFailure::ApplicationFailed);
}

} // namespace kiosk::outbox
