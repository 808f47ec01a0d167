#pragma once
// The sink of a device backend: where its events go, and the one place that keeps the promise every
// backend's stop() makes ("no sink call happens after stop() returns"). A backend holds one
// EventSink<Event>, attaches the caller's sink in start(), emits from its own threads and detaches in
// stop(), before it joins or drains its threads.
//
// The contract:
//   - attach(sink)  sets (or replaces) the sink. Any thread; never waits.
//   - emit(event)   calls the sink with the event if one is attached; otherwise drops it. Any thread;
//                   one sink call at a time: an emit from a second thread waits for the call in
//                   flight, so the sink never runs twice at once and events from one thread arrive
//                   in order. Not from within the sink (it would wait for itself).
//   - detach()      no sink call begins after it returns, and none is in flight any more: it waits
//                   for a call in flight on another thread. From within the sink (on the thread
//                   running it) it returns at once: the call in flight is the caller itself, and no
//                   later call begins. Any thread.
//   - attached()    whether a sink is attached now (a backend that runs on its caller's thread, like
//                   the keyboard wedge, uses it as its "started").
// The sink runs with no lock of the backend held: a sink may call the backend back (status(),
// scan(), stop()). In return the backend must not hold a lock the sink may take while it calls
// emit() or detach() (both may wait for the sink). Destroy an EventSink only when no thread can call
// emit() any more (after the backend joined its threads).

#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

namespace kiosk::drivers {

template <typename Event>
class EventSink {
public:
    using Sink = std::function<void(Event)>;

    EventSink() = default;
    EventSink(const EventSink&) = delete;
    EventSink& operator=(const EventSink&) = delete;

    void attach(Sink sink) {
        auto attached = sink ? std::make_shared<const Sink>(std::move(sink)) : nullptr;
        std::lock_guard lock(m_mutex);
        m_sink.swap(attached); // the old sink is destroyed outside the lock
    }

    void emit(Event event) {
        std::lock_guard calling(m_call_mutex);
        std::shared_ptr<const Sink> sink;
        {
            std::lock_guard lock(m_mutex);
            if (!m_sink)
                return;
            sink = m_sink;
            m_calling = std::this_thread::get_id();
        }
        // Clears m_calling however the call ends (a sink that throws too): a later detach() on this
        // thread must not think it is inside the sink and skip its wait.
        struct Returned {
            EventSink& events;
            ~Returned() {
                std::lock_guard lock(events.m_mutex);
                events.m_calling = std::thread::id();
            }
        } returned{*this};
        (*sink)(std::move(event));
        // The locals go in reverse order: `returned`, the copy of the sink, then the lock. Once
        // detach() has waited for m_call_mutex, no copy of the sink is left to run or to destroy.
    }

    void detach() {
        std::shared_ptr<const Sink> detached;
        bool inside_the_sink;
        {
            std::lock_guard lock(m_mutex);
            detached.swap(m_sink);
            inside_the_sink = m_calling == std::this_thread::get_id();
        }
        if (inside_the_sink)
            return; // emit() holds m_call_mutex for this very call; waiting would never end
        std::lock_guard waited(m_call_mutex); // a call in flight on another thread ends first
    }

    bool attached() const {
        std::lock_guard lock(m_mutex);
        return m_sink != nullptr;
    }

private:
    std::mutex m_call_mutex;    // held by emit() for the whole sink call: one at a time, detach() waits
    mutable std::mutex m_mutex; // guards the two below; never held while the sink runs
    std::shared_ptr<const Sink> m_sink;
    std::thread::id m_calling; // the thread inside the sink now, if any
};

} // namespace kiosk::drivers
