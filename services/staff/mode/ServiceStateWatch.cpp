#include "services/staff/mode/ServiceStateWatch.h"

#include "core/base/Log.h"

#include <mutex>

namespace kiosk::services {

// What the worker's tasks use, kept alive by them; `stopped` under `mutex` ends them.
struct ServiceStateWatch::Shared {
    Shared(Worker& worker_, std::function<store::Database*()> database_, const Clock& clock_,
           Deliver deliver_, std::chrono::milliseconds interval_)
        : worker(worker_), database(std::move(database_)), clock(clock_), deliver(std::move(deliver_)),
          interval(interval_) {}
    Worker& worker;
    std::function<store::Database*()> database;
    const Clock& clock;
    Deliver deliver;
    std::chrono::milliseconds interval;
    std::mutex mutex;
    bool stopped = false;
    std::int64_t delivered_revision = -1; // worker only
    bool failing = false;                 // worker only: log a failing read once, not every round
};

ServiceStateWatch::ServiceStateWatch(Worker& store_worker, std::function<store::Database*()> database,
                                     const Clock& clock, Deliver deliver, std::chrono::milliseconds interval)
    : m_shared(
          std::make_shared<Shared>(store_worker, std::move(database), clock, std::move(deliver), interval)) {}

ServiceStateWatch::~ServiceStateWatch() {
    std::lock_guard lock(m_shared->mutex);
    m_shared->stopped = true;
}

void ServiceStateWatch::start() {
    auto shared = m_shared;
    shared->worker.post([shared] { round(shared); });
}

void ServiceStateWatch::round(const std::shared_ptr<Shared>& shared) {
    std::lock_guard lock(shared->mutex);
    if (shared->stopped)
        return;
    if (auto* database = shared->database ? shared->database() : nullptr) {
        auto row = store::ServiceStateStore(*database, shared->clock).load();
        if (!row.ok()) {
            if (!shared->failing)
                log::warn("service state: cannot read the stored state: {}", row.error().describe());
            shared->failing = true;
        } else {
            shared->failing = false;
            if (row->revision != shared->delivered_revision) {
                shared->delivered_revision = row->revision;
                shared->deliver(row.release_value());
            }
        }
    }
    shared->worker.post_after(shared->interval, [shared] { round(shared); });
}

} // namespace kiosk::services
