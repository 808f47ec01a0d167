#pragma once
// Collects what an IdCardReader reports, and waits for conditions on it (never sleep-then-assert).

#include "drivers/idcard/IdCardReader.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace kiosk::drivers::testing {

class EventRecorder {
public:
    using Events = std::vector<IdCardEvent>;

    // Also runs `also` (inside the sink, on the reader's thread) after recording each event.
    IdCardReader::Sink sink(std::function<void(const IdCardEvent&)> also = {}) {
        return [this, also = std::move(also)](IdCardEvent event) {
            {
                std::lock_guard lock(m_mutex);
                m_events.push_back(event);
            }
            m_changed.notify_all();
            if (also)
                also(event);
        };
    }

    Events events() const {
        std::lock_guard lock(m_mutex);
        return m_events;
    }

    bool wait_until(const std::function<bool(const Events&)>& predicate,
                    std::chrono::milliseconds timeout = std::chrono::seconds(20)) const {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, timeout, [&] { return predicate(m_events); });
    }

    template <typename T>
    static int count(const Events& events) {
        int n = 0;
        for (const auto& event : events)
            n += std::holds_alternative<T>(event) ? 1 : 0;
        return n;
    }
    template <typename T>
    int count() const {
        return count<T>(events());
    }
    template <typename T>
    bool wait_for_count(int n, std::chrono::milliseconds timeout = std::chrono::seconds(20)) const {
        return wait_until([n](const Events& events) { return count<T>(events) >= n; }, timeout);
    }

    // Waits for a status report with this state (and this reason, when given).
    bool wait_for_state(domain::DeviceState state, const std::string& reason = {},
                        std::chrono::milliseconds timeout = std::chrono::seconds(20)) const {
        return wait_until(
            [&](const Events& events) {
                for (const auto& event : events)
                    if (auto* status = std::get_if<domain::DeviceStatus>(&event))
                        if (status->state == state && (reason.empty() || status->reason == reason))
                            return true;
                return false;
            },
            timeout);
    }

    std::vector<domain::DeviceStatus> statuses() const {
        std::vector<domain::DeviceStatus> found;
        for (const auto& event : events())
            if (auto* status = std::get_if<domain::DeviceStatus>(&event))
                found.push_back(*status);
        return found;
    }

private:
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    Events m_events;
};

} // namespace kiosk::drivers::testing
