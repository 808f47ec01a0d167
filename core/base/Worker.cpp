#include "core/base/Worker.h"

#include <pthread.h>

namespace kiosk {

Worker::Worker(std::string name) : m_name(std::move(name)) {
    m_thread = std::thread([this] { run(); });
    pthread_setname_np(m_thread.native_handle(), m_name.substr(0, 15).c_str());
}

Worker::~Worker() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_tasks.clear();
    }
    m_wake.notify_all();
    m_thread.join();
}

void Worker::post(std::function<void()> task) {
    post_after(std::chrono::milliseconds(0), std::move(task));
}

void Worker::post_after(std::chrono::milliseconds delay, std::function<void()> task) {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return;
        m_tasks.emplace(std::chrono::steady_clock::now() + delay, std::move(task));
    }
    m_wake.notify_all();
}

void Worker::cancel_pending() {
    std::lock_guard lock(m_mutex);
    m_tasks.clear();
}

void Worker::run() {
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        if (m_tasks.empty()) {
            m_wake.wait(lock);
            continue;
        }
        auto first = m_tasks.begin();
        if (first->first > std::chrono::steady_clock::now()) {
            // A copy: wait_until reads its deadline again after waking, and cancel_pending() may have
            // freed the task (and its key) meanwhile.
            auto deadline = first->first;
            m_wake.wait_until(lock, deadline);
            continue;
        }
        auto task = std::move(first->second);
        m_tasks.erase(first);
        lock.unlock();
        task();
        lock.lock();
    }
}

} // namespace kiosk
