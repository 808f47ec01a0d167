#include "services/case/CaseDrafts.h"

#include "core/base/Log.h"
#include "services/outbox/DurableFile.h"

#include <future>

namespace kiosk::services {

namespace fs = std::filesystem;

const char* to_string(CaseDrafts::Loaded loaded) {
    switch (loaded) {
    case CaseDrafts::Loaded::Pending:
        return "pending";
    case CaseDrafts::Loaded::Absent:
        return "absent";
    case CaseDrafts::Loaded::Held:
        return "held";
    case CaseDrafts::Loaded::Expired:
        return "expired";
    case CaseDrafts::Loaded::Unreadable:
        return "unreadable";
    }
    return "unknown";
}

Result<std::unique_ptr<CaseDrafts>> CaseDrafts::create(DraftOptions options, const Clock& clock,
                                                       AppEventQueue* queue) {
    auto key = TRY(outbox::SecretKey::load(options.key_file));
    return std::unique_ptr<CaseDrafts>(new CaseDrafts(std::move(options), key, clock, queue));
}

CaseDrafts::CaseDrafts(DraftOptions options, outbox::SecretKey key, const Clock& clock, AppEventQueue* queue)
    : m_options(std::move(options)), m_key(key), m_clock(clock), m_queue(queue),
      m_worker(std::make_unique<Worker>("case-drafts")) {}

CaseDrafts::~CaseDrafts() {
    flush();
    m_worker.reset();
    if (m_queued)
        m_queued->wipe();
    if (m_held)
        m_held->wipe();
}

bool CaseDrafts::expired(const CaseSnapshot& snapshot) const {
    auto age = m_clock.wall_now() - snapshot.written_at;
    return age > m_options.resume_within || -age > m_options.resume_within;
}

CaseDrafts::Loaded CaseDrafts::loaded() const {
    std::lock_guard lock(m_mutex);
    return m_loaded;
}

bool CaseDrafts::holding() const {
    std::lock_guard lock(m_mutex);
    return m_held.has_value();
}

void CaseDrafts::load() {
    m_worker->post([this] { read_at_start(); });
}

void CaseDrafts::save(CaseSnapshot snapshot) {
    if (m_observer)
        m_observer(snapshot);
    std::lock_guard lock(m_mutex);
    if (m_queued)
        m_queued->wipe();
    m_queued = std::move(snapshot);
    if (m_write_posted)
        return; // the write already asked for takes this one, the latest
    m_write_posted = true;
    m_worker->post([this, epoch = m_epoch] { write_queued(epoch); });
}

void CaseDrafts::discard() {
    {
        std::lock_guard lock(m_mutex);
        if (m_queued)
            m_queued->wipe();
        m_queued.reset();
        m_write_posted = false;
        ++m_epoch;
    }
    m_worker->post([this] {
        remove_file();
        m_file_is_loaded = false;
    });
}

std::optional<CaseSnapshot> CaseDrafts::claim(const domain::Identity& holder) {
    std::unique_lock lock(m_mutex);
    if (!m_held)
        return std::nullopt;
    CaseSnapshot snapshot = std::move(*m_held);
    m_held.reset();
    lock.unlock();
    const char* why = expired(snapshot)                       ? "too old"
                      : !same_holder(snapshot.holder, holder) ? "another holder"
                                                              : nullptr;
    if (!why)
        return snapshot;
    snapshot.wipe();
    m_worker->post([this, why] { delete_loaded(why); });
    return std::nullopt;
}

void CaseDrafts::expire_if_due() {
    std::unique_lock lock(m_mutex);
    if (!m_held || !expired(*m_held))
        return;
    m_held->wipe();
    m_held.reset();
    lock.unlock();
    m_worker->post([this] { delete_loaded("too old"); });
}

void CaseDrafts::flush() {
    std::promise<void> done;
    m_worker->post([&done] { done.set_value(); });
    done.get_future().wait();
}

std::function<void()> CaseDrafts::pause() {
    auto gate = std::make_shared<std::promise<void>>();
    m_worker->post([future = gate->get_future().share()] { future.wait(); });
    return [gate] { gate->set_value(); };
}

void CaseDrafts::write_queued(unsigned epoch) {
    std::optional<CaseSnapshot> snapshot;
    {
        std::lock_guard lock(m_mutex);
        if (epoch != m_epoch)
            return; // discarded since: a later save() posted its own write
        snapshot.swap(m_queued);
        m_write_posted = false;
    }
    if (!snapshot)
        return;
    std::string json = snapshot_to_json(*snapshot);
    snapshot->wipe();
    std::string box = m_key.seal(json);
    secure_wipe(json);
    std::error_code ignored;
    fs::create_directories(m_options.folder, ignored);
    fs::permissions(m_options.folder, fs::perms::owner_all, fs::perm_options::replace, ignored);
    if (auto written = outbox::write_file_durably(file(), box); !written.ok()) {
        log::error("case draft not written: {}", written.error().describe());
        return;
    }
    m_file_is_loaded = false;
    ++m_writes;
}

void CaseDrafts::read_at_start() {
    // Temporary files of a write a kill interrupted (outbox::kTempMarker): never a draft.
    std::error_code error;
    for (fs::directory_iterator it(m_options.folder, error), end; !error && it != end; it.increment(error))
        if (it->path().filename().string().rfind(
                file().filename().string() + std::string(outbox::kTempMarker), 0) == 0)
            fs::remove(it->path(), error);

    Loaded outcome = Loaded::Absent;
    std::optional<CaseSnapshot> held;
    auto box = outbox::read_whole_file(file());
    if (!box.ok() && box.error().code != ErrorCode::NotFound) {
        log::warn("case draft unreadable ({}): deleted", to_string(box.error().code));
        outcome = Loaded::Unreadable;
    } else if (box.ok()) {
        auto json = m_key.open(box.value());
        auto snapshot = json.ok() ? snapshot_from_json(json.value()) : Result<CaseSnapshot>(json.error());
        if (json.ok())
            secure_wipe(json.value());
        if (!snapshot.ok()) {
            // The message names a key or says "does not open"; it never quotes the draft.
            log::warn("case draft unreadable ({}): deleted", snapshot.error().describe());
            outcome = Loaded::Unreadable;
        } else if (expired(snapshot.value())) {
            log::info("case draft older than {} s: deleted", m_options.resume_within.count());
            snapshot.value().wipe();
            outcome = Loaded::Expired;
        } else {
            outcome = Loaded::Held;
            held = std::move(snapshot.value());
        }
    }
    if (outcome == Loaded::Unreadable || outcome == Loaded::Expired)
        remove_file();
    m_file_is_loaded = outcome == Loaded::Held;
    {
        std::lock_guard lock(m_mutex);
        m_loaded = outcome;
        m_held = std::move(held);
    }
    if (outcome == Loaded::Held) {
        log::info("case draft held for its citizen's card, at most {} s", m_options.resume_within.count());
        watch_expiry();
    }
    if (m_queue)
        m_queue->post(DraftLoaded{outcome == Loaded::Held});
}

void CaseDrafts::delete_loaded(const char* why) {
    if (!m_file_is_loaded)
        return; // the case has written its own draft since
    log::info("case draft deleted: {}", why);
    remove_file();
    m_file_is_loaded = false;
}

void CaseDrafts::remove_file() {
    std::error_code error;
    if (fs::remove(file(), error) && !error) {
        if (auto synced = outbox::sync_folder(m_options.folder); !synced.ok())
            log::warn("case draft folder not synced: {}", synced.error().describe());
    } else if (error) {
        log::error("case draft not deleted: {}", error.message());
    }
}

// The held draft goes when resume_within has passed, by the injected clock: checked when it should
// be due (and again later if that clock has not got there yet).
void CaseDrafts::watch_expiry() {
    std::chrono::milliseconds wait{1000};
    {
        std::lock_guard lock(m_mutex);
        if (!m_held)
            return;
        auto left = m_options.resume_within - (m_clock.wall_now() - m_held->written_at);
        wait = std::max(wait, std::chrono::duration_cast<std::chrono::milliseconds>(left) + wait);
    }
    m_worker->post_after(wait, [this] {
        expire_if_due();
        watch_expiry();
    });
}

} // namespace kiosk::services
