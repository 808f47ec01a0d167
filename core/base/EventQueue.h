#pragma once
// The UI thread's inbox. Device workers and services post typed events from any thread; the UI
// thread drains them between frames. A waker (set by the UI loop) interrupts its wait for input.

#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <utility>

namespace kiosk {

template <typename Event>
class EventQueue {
public:
    void post(Event event) {
        std::function<void()> waker;
        {
            std::lock_guard lock(m_mutex);
            m_events.push_back(std::move(event));
            waker = m_waker;
        }
        if (waker)
            waker();
    }

    std::optional<Event> try_pop() {
        std::lock_guard lock(m_mutex);
        if (m_events.empty())
            return std::nullopt;
        Event event = std::move(m_events.front());
        m_events.pop_front();
        return event;
    }

    size_t size() const {
        std::lock_guard lock(m_mutex);
        return m_events.size();
    }

    // Called after every post, on the posting thread; must be cheap and thread-safe.
    void set_waker(std::function<void()> waker) {
        std::lock_guard lock(m_mutex);
        m_waker = std::move(waker);
    }

private:
    mutable std::mutex m_mutex;
    std::deque<Event> m_events;
    std::function<void()> m_waker;
};

} // namespace kiosk
