#pragma once
// What every in-process simulator shares: its own worker thread (so simulated devices are as
// asynchronous as real ones), the sink (an EventSink, as in every backend), and a status it can
// change on command. Events are emitted from the worker only.

#include "core/base/Worker.h"
#include "core/domain/DeviceStatus.h"
#include "drivers/common/EventSink.h"

#include <functional>
#include <future>
#include <mutex>
#include <string>

namespace kiosk::drivers {

template <typename Event>
class SimCore {
public:
    SimCore(domain::DeviceKind kind, std::string thread_name) : m_worker(std::move(thread_name)) {
        m_status.kind = kind;
        m_status.state = domain::DeviceState::Ready;
    }

    void start(std::function<void(Event)> sink) {
        m_sink.attach(std::move(sink));
        auto current = status();
        m_worker.post([this, current] { emit(current); });
    }

    // No sink call happens after stop() returns: a task already running (perhaps inside the sink, or
    // touching the simulator's members during its destruction) is waited for.
    void stop() {
        m_sink.detach();
        m_worker.cancel_pending();
        if (m_worker.on_worker_thread())
            return; // called from a sink: the running task is the caller itself
        std::promise<void> idle;
        auto idle_reached = idle.get_future();
        m_worker.post([&idle] { idle.set_value(); });
        idle_reached.wait();
    }

    domain::DeviceStatus status() const {
        std::lock_guard lock(m_mutex);
        return m_status;
    }

    // Changes the status and reports it (from the worker thread, like a real device would).
    void set_status(domain::DeviceState state, domain::FixedBy fixed_by = domain::FixedBy::Auto,
                    std::string reason = {}) {
        domain::DeviceStatus changed;
        {
            std::lock_guard lock(m_mutex);
            m_status.state = state;
            m_status.fixed_by = fixed_by;
            m_status.reason = std::move(reason);
            changed = m_status;
        }
        m_worker.post([this, changed] { emit(changed); });
    }

    // Like set_status, but only if the state is still `expected`: a fault raised meanwhile (a jam
    // during a scan) is not overwritten by the end of the work that was under way.
    bool change_status_from(domain::DeviceState expected, domain::DeviceState state) {
        domain::DeviceStatus changed;
        {
            std::lock_guard lock(m_mutex);
            if (m_status.state != expected)
                return false;
            m_status.state = state;
            m_status.fixed_by = domain::FixedBy::Auto;
            m_status.reason.clear();
            changed = m_status;
        }
        m_worker.post([this, changed] { emit(changed); });
        return true;
    }

    void set_consumable(const std::string& id, int percent) {
        std::lock_guard lock(m_mutex);
        for (auto& consumable : m_status.consumables) {
            if (consumable.id == id) {
                consumable.percent = percent;
                return;
            }
        }
        m_status.consumables.push_back({id, percent});
    }

    // Worker thread only (tasks posted to worker()).
    void emit(Event event) { m_sink.emit(std::move(event)); }

    Worker& worker() { return m_worker; }

private:
    mutable std::mutex m_mutex; // guards m_status
    domain::DeviceStatus m_status;
    EventSink<Event> m_sink;
    Worker m_worker; // last: joined first, while the members its tasks use are still alive
};

} // namespace kiosk::drivers
