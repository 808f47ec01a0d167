// The device worker: tasks run in order on its own thread (never the caller's), delayed tasks wait
// their turn, cancel_pending drops what has not started, and destruction never hangs.

#include "core/base/Worker.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <gtest/gtest.h>
#include <memory>
#include <mutex>
#include <string>
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

// Signals when the last copy of it is destroyed: a task capturing one tells us when the worker
// has thrown that task away (or run it and let it go).
class Tripwire {
public:
    explicit Tripwire(std::promise<void>& tripped) : m_tripped(tripped) {}
    ~Tripwire() { m_tripped.set_value(); }

private:
    std::promise<void>& m_tripped;
};

TEST(Worker, DestructorDropsPendingTasksAndWaitsForTheRunningOne) {
    std::atomic<bool> dropped_task_ran{false};
    std::atomic<bool> running_task_finished{false};
    std::promise<void> started, dropped;
    auto dropped_future = dropped.get_future();
    auto worker = std::make_unique<Worker>("test-destroy");
    worker->post([&] {
        started.set_value();
        // Still running while the destructor drops the queue: wait until the pending task below
        // has been thrown away. If the destructor ran it instead, this times out and it runs.
        dropped_future.wait_for(generous);
        running_task_finished = true;
    });
    worker->post([&, wire = std::make_shared<Tripwire>(dropped)] { dropped_task_ran = true; });
    worker->post_after(1h, [&] { dropped_task_ran = true; });
    started.get_future().wait();

    std::promise<void> destroyed;
    auto destroyed_future = destroyed.get_future();
    std::thread destroyer([&] {
        worker.reset();
        destroyed.set_value();
    });
    if (destroyed_future.wait_for(generous * 2) != std::future_status::ready) {
        destroyer.detach(); // leak it rather than hang the whole test run
        FAIL() << "Worker destructor hung with pending tasks";
    }
    destroyer.join();
    EXPECT_TRUE(running_task_finished.load()); // joined, not abandoned mid-task
    EXPECT_FALSE(dropped_task_ran.load());
}

TEST(Worker, TasksMayPostMoreWorkWhichRunsAfterThem) {
    Worker worker("test-repost");
    std::mutex mutex;
    std::vector<std::string> order;
    auto record = [&](const char* what) {
        std::lock_guard lock(mutex);
        order.push_back(what);
    };
    std::promise<void> done;
    Gate gate;
    worker.post(gate.task()); // "first" and "second" are both queued before either runs
    worker.post([&] {
        record("first");
        worker.post([&] {
            record("posted by first");
            done.set_value();
        });
        record("first ends");
    });
    worker.post([&] { record("second"); });
    gate.open();
    ASSERT_EQ(done.get_future().wait_for(generous), std::future_status::ready);
    std::lock_guard lock(mutex);
    EXPECT_EQ(order, (std::vector<std::string>{"first", "first ends", "second", "posted by first"}));
}

TEST(Worker, CancelPendingFromATaskDropsTheRest) {
    Worker worker("test-self-cancel");
    std::atomic<int> ran{0};
    std::promise<void> cancelled;
    Gate gate;
    worker.post(gate.task()); // keeps the next tasks queued until all are posted
    worker.post([&] {
        ++ran;
        worker.cancel_pending();
        cancelled.set_value();
    });
    worker.post([&] { ++ran; });
    worker.post([&] { ++ran; });
    gate.open();
    ASSERT_EQ(cancelled.get_future().wait_for(generous), std::future_status::ready);
    drain(worker); // posted after the cancel, so it runs
    EXPECT_EQ(ran.load(), 1);
}

// The worker sleeps until its earliest task is due; cancelling that very task while it sleeps must
// leave it in a sane state (this once read freed memory on waking: run it under ASan to see).
TEST(Worker, CancellingTheTaskItIsWaitingForIsSafe) {
    Worker worker("test-cancel-wait");
    std::atomic<bool> ran{false};
    worker.post_after(1h, [&] { ran = true; });
    drain(worker); // the worker is back to waiting for the one-hour task
    worker.cancel_pending();
    drain(worker); // wakes it: nothing is left to wait for but this
    EXPECT_FALSE(ran.load());
}

TEST(Worker, LongThreadNamesAreAccepted) {
    // pthread names are limited to 15 characters; the worker's own name keeps the full text.
    Worker worker("a-rather-long-worker-name-for-a-device");
    EXPECT_EQ(worker.name(), "a-rather-long-worker-name-for-a-device");
    drain(worker);
}

} // namespace
} // namespace kiosk
