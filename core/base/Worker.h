#pragma once
// One thread that owns a device (or another slow resource) and runs tasks in order, now or after a
// delay. Device I/O runs here, never on the UI thread. The destructor drops pending tasks and joins.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace kiosk {

class Worker {
public:
    explicit Worker(std::string name);
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void post(std::function<void()> task);
    void post_after(std::chrono::milliseconds delay, std::function<void()> task);
    // Drops tasks not yet started (e.g. a pending simulated card read when the session ends).
    void cancel_pending();
    bool on_worker_thread() const { return std::this_thread::get_id() == m_thread.get_id(); }
    const std::string& name() const { return m_name; }

private:
    void run();

    std::string m_name;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::multimap<std::chrono::steady_clock::time_point, std::function<void()>> m_tasks;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace kiosk
