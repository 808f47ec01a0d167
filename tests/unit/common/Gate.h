#pragma once
// What the tests of drivers/common wait with: a gate a sink call waits at until the test opens it,
// with bounded waits, so a wrong implementation makes a test fail rather than hang.

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace kiosk::drivers::testing {

// For what must happen; a correct class never comes near it.
constexpr std::chrono::milliseconds kGenerous{10000};
// How long a wrong implementation is given to show itself (a call that overlaps, a stop that does not
// wait). A correct one never fails by it; it only decides how surely a wrong one is caught.
constexpr std::chrono::milliseconds kChance{200};

// Opened once, waited for by any number of threads; opening twice is harmless.
class Gate {
public:
    void open() {
        {
            std::lock_guard lock(m_mutex);
            m_open = true;
        }
        m_opened.notify_all();
    }
    // True once open; false when `timeout` passed first.
    bool wait_for(std::chrono::milliseconds timeout) {
        std::unique_lock lock(m_mutex);
        return m_opened.wait_for(lock, timeout, [this] { return m_open; });
    }
    bool wait() { return wait_for(kGenerous); }

private:
    std::mutex m_mutex;
    std::condition_variable m_opened;
    bool m_open = false;
};

} // namespace kiosk::drivers::testing
