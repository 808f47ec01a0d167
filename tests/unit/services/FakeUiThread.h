#pragma once
// Plays the UI thread in services tests: sleeps on the queue's waker, drains events in order, notes
// device status changes in the hub before anything else sees them (as the scene manager does), and
// waits for a wanted event with a generous deadline, so a slow machine never fails a test; only an
// event that never comes does.

#include "services/DeviceHub.h"
#include "services/Events.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kiosk::services::test {

constexpr std::chrono::seconds kGenerous{10}; // far above any simulated delay; only a hang reaches it

class FakeUiThread {
public:
    explicit FakeUiThread(AppEventQueue& queue, DeviceHub* hub = nullptr) : m_queue(queue), m_hub(hub) {
        m_queue.set_waker([this] {
            std::function<void()> action;
            {
                std::lock_guard lock(m_mutex);
                action = std::exchange(m_on_next_post, nullptr);
                m_woken.notify_all();
            }
            if (action)
                action();
        });
    }
    ~FakeUiThread() { m_queue.set_waker(nullptr); }
    FakeUiThread(const FakeUiThread&) = delete;
    FakeUiThread& operator=(const FakeUiThread&) = delete;

    // Runs `action` once, on the posting (device) thread, right after the next event is posted: lets a
    // test act at an exact point of a device's work instead of racing it.
    void on_next_post(std::function<void()> action) {
        std::lock_guard lock(m_mutex);
        m_on_next_post = std::move(action);
    }

    // Drains events until one satisfies `wanted` and returns it; nullopt if none came in time.
    std::optional<AppEvent> wait_for(const std::function<bool(const AppEvent&)>& wanted) {
        auto deadline = std::chrono::steady_clock::now() + kGenerous;
        std::unique_lock lock(m_mutex);
        for (;;) {
            while (auto event = m_queue.try_pop()) {
                if (auto* changed = std::get_if<DeviceStatusChanged>(&*event); changed && m_hub)
                    m_hub->note(changed->status);
                m_seen.push_back(*event);
                if (wanted(*event))
                    return event;
            }
            if (!m_woken.wait_until(lock, deadline, [this] { return m_queue.size() > 0; }))
                return std::nullopt;
        }
    }

    // Drains events until `condition` holds (checked after each one, e.g. on the hub's statuses).
    bool wait_until(const std::function<bool()>& condition) {
        return condition() || wait_for([&](const AppEvent&) { return condition(); }).has_value();
    }

    // The next event of type T (that satisfies `wanted`, if given).
    template <typename T>
    std::optional<T> wait_for(std::function<bool(const T&)> wanted = nullptr) {
        auto event = wait_for([&](const AppEvent& e) {
            auto* typed = std::get_if<T>(&e);
            return typed && (!wanted || wanted(*typed));
        });
        if (!event)
            return std::nullopt;
        return std::get<T>(std::move(*event));
    }

    // The next status report of device `kind` that satisfies `wanted`.
    std::optional<domain::DeviceStatus>
    wait_for_status(domain::DeviceKind kind, std::function<bool(const domain::DeviceStatus&)> wanted) {
        auto changed = wait_for<DeviceStatusChanged>(
            [&](const DeviceStatusChanged& e) { return e.status.kind == kind && wanted(e.status); });
        if (!changed)
            return std::nullopt;
        return changed->status;
    }
    std::optional<domain::DeviceStatus> wait_for_state(domain::DeviceKind kind, domain::DeviceState state) {
        return wait_for_status(kind, [state](const domain::DeviceStatus& s) { return s.state == state; });
    }

    // Every event drained so far, in arrival order.
    const std::vector<AppEvent>& seen() const { return m_seen; }
    std::vector<std::string> seen_names() const {
        std::vector<std::string> names;
        for (const auto& event : m_seen)
            names.push_back(event_name(event));
        return names;
    }

private:
    AppEventQueue& m_queue;
    DeviceHub* m_hub;
    std::mutex m_mutex;
    std::condition_variable m_woken;
    std::function<void()> m_on_next_post;
    std::vector<AppEvent> m_seen;
};

} // namespace kiosk::services::test
