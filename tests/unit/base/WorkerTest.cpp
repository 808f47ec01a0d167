// The device worker: tasks run in order on its own thread (never the caller's), delayed tasks wait
// their turn, cancel_pending drops what has not started, and destruction never hangs.

#include "kiosk/base/Worker.h"

#include <chrono>
#include <future>
#include <gtest/gtest.h>
#include <mutex>
#include <thread>
#include <vector>

namespace kiosk {
namespace {

using namespace std::chrono_literals;

constexpr auto generous = 5s; // far above any real wait here; only a hang reaches it

// Blocks until everything posted to `worker` so far has run.
void drain(Worker& worker) {
    std::promise<void> done;
    auto finished = done.get_future();
    worker.post([&] { done.set_value(); });
    ASSERT_EQ(finished.wait_for(generous), std::future_status::ready);
}

// A task that holds the worker busy until open() is called.
class Gate {
public:
    std::function<void()> task() {
        return [this] { m_opened.wait(); };
    }
    void open() { m_promise.set_value(); }

private:
    std::promise<void> m_promise;
    std::shared_future<void> m_opened = m_promise.get_future().share();
};

TEST(Worker, RunsTasksInOrderOnItsOwnThread) {
    Worker worker("test-worker");
    EXPECT_EQ(worker.name(), "test-worker");
    EXPECT_FALSE(worker.on_worker_thread());

    std::mutex mutex;
    std::vector<int> order;
    std::vector<std::thread::id> threads;
    for (int i = 0; i < 100; ++i)
        worker.post([&, i] {
            std::lock_guard lock(mutex);
            order.push_back(i);
            threads.push_back(std::this_thread::get_id());
            EXPECT_TRUE(worker.on_worker_thread());
        });
    drain(worker);

    std::lock_guard lock(mutex);
    ASSERT_EQ(order.size(), 100u);
    for (int i = 0; i < 100; ++i)
        EXPECT_EQ(order[i], i);
    for (auto id : threads) {
        EXPECT_NE(id, std::this_thread::get_id());
        EXPECT_EQ(id, threads.front());
    }
}

TEST(Worker, DelayedTasksRunInDeadlineOrderAfterTheirDelay) {
    Worker worker("test-delays");
    std::mutex mutex;
    std::vector<std::string> order;
    auto record = [&](std::string what) {
        return [&, what] {
            std::lock_guard lock(mutex);
            order.push_back(what);
        };
    };
    std::promise<std::chrono::steady_clock::time_point> late_ran;
    auto posted = std::chrono::steady_clock::now();
    worker.post_after(120ms, [&, late = record("late")] {
        late();
        late_ran.set_value(std::chrono::steady_clock::now());
    });
    worker.post_after(40ms, record("early"));
    worker.post(record("now"));

    auto future = late_ran.get_future();
    ASSERT_EQ(future.wait_for(generous), std::future_status::ready);
    EXPECT_GE(future.get() - posted, 120ms);
    std::lock_guard lock(mutex);
    EXPECT_EQ(order, (std::vector<std::string>{"now", "early", "late"}));
}

TEST(Worker, CancelPendingDropsTasksNotYetStarted) {
    Worker worker("test-cancel");
    Gate gate;
    std::atomic<int> ran{0};
    worker.post(gate.task());
    worker.post([&] { ++ran; });
    worker.post_after(10ms, [&] { ++ran; });
    worker.cancel_pending();
    gate.open();
    drain(worker);
    EXPECT_EQ(ran.load(), 0);

    // The worker still takes new work after a cancel.
    worker.post([&] { ++ran; });
    drain(worker);
    EXPECT_EQ(ran.load(), 1);
}

TEST(Worker, DestructorWithPendingTasksDoesNotHang) {
    std::atomic<bool> dropped_task_ran{false};
    std::promise<void> destroyed;
    auto destroyed_future = destroyed.get_future();
    auto worker = std::make_unique<Worker>("test-destroy");
    std::promise<void> started;
    worker->post([&] {
        started.set_value();
        std::this_thread::sleep_for(50ms); // still running when the destructor starts
    });
    worker->post([&] { dropped_task_ran = true; });
    worker->post_after(1h, [&] { dropped_task_ran = true; });
    started.get_future().wait();

    std::thread destroyer([&] {
        worker.reset();
        destroyed.set_value();
    });
    if (destroyed_future.wait_for(generous) != std::future_status::ready) {
        destroyer.detach(); // leak it rather than hang the whole test run
        FAIL() << "Worker destructor hung with pending tasks";
    }
    destroyer.join();
    EXPECT_FALSE(dropped_task_ran.load());
}

} // namespace
} // namespace kiosk
