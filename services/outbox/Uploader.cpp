#include "services/outbox/Uploader.h"
#include "core/base/Log.h"
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
    case UploaderFailure::HubRefused:
        return "hub-refused";
    case UploaderFailure::Local:
        break;
    }
    return "local";
}

Uploader::Uploader(std::string database_path, OutboxOptions outbox, HubOptions hub, const Clock& clock,
                   UploaderOptions options, EventSink sink)
    : m_database_path(std::move(database_path)), m_outbox_options(std::move(outbox)),
      m_hub_options(std::move(hub)), m_clock(clock), m_options(std::move(options)), m_sink(std::move(sink)),
      m_backoff(m_options.backoff, m_options.random) {}

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
        change(m_status);
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
    int queued = static_cast<int>(waiting.value().size());
    if (!m_hub) {
        update_status([&](UploaderStatus& s) {
            s.state = UploaderState::NoHubConfigured;
            s.queued = queued;
        });
        count_staff_queue();
        return;
    }
    update_status([&](UploaderStatus& s) {
        s.state = queued ? UploaderState::Sending : UploaderState::Idle;
        s.queued = queued;
    });

    int blocked = 0;
    for (const auto& application : waiting.value()) {
        switch (deliver(application)) {
        case Delivery::Done:
            --queued;
            break;
        case Delivery::Blocked:
            ++blocked;
            break;
        case Delivery::Retry:
            update_status([&](UploaderStatus& s) {
                s.queued = queued;
                s.blocked = blocked;
            });
            count_staff_queue();
            schedule_retry(generation);
            return;
        }
    }
    m_backoff.reset();
    count_staff_queue();
    update_status([&](UploaderStatus& s) {
        s.state = UploaderState::Idle;
        s.queued = queued;
        s.blocked = blocked;
        s.consecutive_failures = 0;
        s.next_attempt.reset();
        // A hub that answers again is no longer news; a refusal or a local fault stays until staff see it.
        if (s.last_failure == UploaderFailure::HubUnavailable) {
            s.last_failure = UploaderFailure::None;
            s.last_error.clear();
        }
    });
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

Uploader::Delivery Uploader::retry_later(const OutboxApplication& application, const std::string& why,
                                         UploaderFailure failure) {
    log::warn("outbox: application {} not delivered yet: {}", application.application_id, why);
    // Best effort: when the store itself is failing, the status below still tells staff.
    (void)m_outbox->note_failure(application.application_id, why);
    note_failure(failure, why);
    return Delivery::Retry;
}

Uploader::Delivery Uploader::refuse(const OutboxApplication& application, const std::string& reason) {
    log::warn("outbox: application {} refused by the hub: {}", application.application_id, reason);
    // Kept whole for staff (Outbox.h "States"): a refusal deletes nothing.
    auto recorded = m_outbox->mark_refused(application.application_id, reason);
    if (!recorded)
        return retry_later(application, "cannot record the refusal: " + recorded.error().describe(),
                           UploaderFailure::Local);
    note_failure(UploaderFailure::HubRefused,
                 "application " + application.application_id + " refused (kept for staff): " + reason);
    emit(ApplicationRefused{application.application_id, reason});
    return Delivery::Done;
}

Uploader::Delivery Uploader::hold(const OutboxApplication& application, const std::string& reason) {
    auto recorded = m_outbox->mark_held(application.application_id, reason);
    if (!recorded)
        return retry_later(application, "cannot hold it for staff: " + recorded.error().describe(),
                           UploaderFailure::Local);
    note_failure(UploaderFailure::Local,
                 "application " + application.application_id + " held for staff: " + reason);
    return Delivery::Done;
}

Uploader::Delivery Uploader::send_blob(const OutboxApplication& application, const std::string& sha256,
                                       bool ask_first) {
    if (ask_first) {
        auto present = m_hub->head_blob(sha256);
        if (!present.ok()) {
            if (present.error().retryable())
                return retry_later(application, present.error().describe());
            // Only the client's own refusal (a malformed hash in our row): nothing the hub can change.
            return hold(application, present.error().describe());
        }
        if (present.value())
            return Delivery::Done; // uploaded by an earlier attempt, or the same scan in another application
    }
    auto bytes = m_outbox->blob(sha256);
    if (!bytes) {
        // Never dropped: staff see it in the status and the audit log (Outbox::open_report()).
        log::error("outbox: application {} cannot be sent: {}", application.application_id,
                   bytes.error().describe());
        (void)m_outbox->note_failure(application.application_id, bytes.error().describe());
        note_failure(UploaderFailure::Local, bytes.error().describe());
        return Delivery::Blocked;
    }
    auto stored = m_hub->put_blob(sha256, bytes.value());
    sodium_memzero(bytes.value().data(), bytes.value().size());
    if (stored.ok())
        return Delivery::Done;
    if (stored.error().retryable())
        return retry_later(application, stored.error().describe());
    return hold(application, stored.error().describe());
}

Uploader::Delivery Uploader::deliver(const OutboxApplication& application) {
    auto marked = m_outbox->mark_uploading(application.application_id);
    if (!marked)
        return retry_later(application, marked.error().describe(), UploaderFailure::Local);
    for (const auto& blob : application.blobs)
        if (auto sent = send_blob(application, blob.sha256, true); sent != Delivery::Done)
            return sent;

    auto body = m_outbox->payload(application.application_id);
    if (!body) {
        log::error("outbox: application {} cannot be sent: {}", application.application_id,
                   body.error().describe());
        note_failure(UploaderFailure::Local, body.error().describe());
        return Delivery::Blocked;
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
                return retry_later(application, "cannot record acceptance: " + recorded.error().describe(),
                                   UploaderFailure::Local);
            emit(
                ApplicationDelivered{application.application_id, receipt.application_number, receipt.replay});
            return Delivery::Done;
        }
        const auto& error = answer.error();
        if (!error.missing_blobs()) {
            if (error.retryable())
                return retry_later(application, error.describe());
            return refuse(application, error.code + (error.message.empty() ? "" : ": " + error.message));
        }
        // The hub lost (or never had) some blobs: upload those it names that belong to this application.
        for (const auto& sha256 : error.missing) {
            bool ours = std::any_of(application.blobs.begin(), application.blobs.end(),
                                    [&](const OutboxBlob& blob) { return blob.sha256 == sha256; });
            if (!ours) // a hub bug, not a refusal of the application
                return retry_later(application,
                                   "missing-blobs: the hub asks for a blob this application does not have");
            if (auto sent = send_blob(application, sha256, false); sent != Delivery::Done)
                return sent;
        }
    }
    return retry_later(application, "the hub keeps reporting missing blobs");
}

} // namespace kiosk::outbox
