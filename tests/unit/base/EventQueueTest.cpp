// The UI thread's inbox: events arrive in order, each post wakes the UI loop, and posts from many
// device workers at once all arrive.

#include "core/base/EventQueue.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <gtest/gtest.h>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kiosk {
namespace {

TEST(EventQueue, EmptyQueueHasNothingToPop) {
    EventQueue<int> queue;
    EXPECT_EQ(queue.size(), 0u);
    EXPECT_FALSE(queue.try_pop().has_value());
}

TEST(EventQueue, FirstInFirstOut) {
    EventQueue<std::string> queue;
    queue.post("card read");
    queue.post("print done");
    queue.post("scan failed");
    EXPECT_EQ(queue.size(), 3u);
    EXPECT_EQ(queue.try_pop(), "card read");
    EXPECT_EQ(queue.try_pop(), "print done");
    EXPECT_EQ(queue.try_pop(), "scan failed");
    EXPECT_FALSE(queue.try_pop().has_value());
}

TEST(EventQueue, CarriesMoveOnlyEvents) {
    EventQueue<std::unique_ptr<int>> queue;
    queue.post(std::make_unique<int>(9));
    auto event = queue.try_pop();
    ASSERT_TRUE(event.has_value());
    EXPECT_EQ(**event, 9);
}

TEST(EventQueue, WakerRunsOnEveryPostOnThePostingThread) {
    EventQueue<int> queue;
    int wakes = 0;
    size_t size_seen_by_waker = 0;
    std::thread::id waker_thread;
    queue.set_waker([&] {
        ++wakes;
        size_seen_by_waker = queue.size(); // the event is already there when the UI loop wakes
        waker_thread = std::this_thread::get_id();
    });
    queue.post(1);
    queue.post(2);
    EXPECT_EQ(wakes, 2);
    EXPECT_EQ(size_seen_by_waker, 2u);
    EXPECT_EQ(waker_thread, std::this_thread::get_id());

    std::thread worker([&] { queue.post(3); });
    std::thread::id worker_id = worker.get_id();
    worker.join();
    EXPECT_EQ(wakes, 3);
    EXPECT_EQ(waker_thread, worker_id);
}

TEST(EventQueue, PostsFromSeveralThreadsAllArriveInEachThreadsOrder) {
    constexpr int threads = 4;
    constexpr int per_thread = 2000;
    EventQueue<std::pair<int, int>> queue;
    std::atomic<int> wakes{0};
    queue.set_waker([&] { wakes.fetch_add(1, std::memory_order_relaxed); });

    std::vector<std::thread> posters;
    posters.reserve(threads);
    for (int t = 0; t < threads; ++t)
        posters.emplace_back([&queue, t] {
            for (int i = 0; i < per_thread; ++i)
                queue.post({t, i});
        });
    for (auto& poster : posters)
        poster.join();

    std::vector<int> next(threads, 0);
    int total = 0;
    while (auto event = queue.try_pop()) {
        auto [thread, index] = *event;
        EXPECT_EQ(index, next[thread]) << "thread " << thread << " out of order";
        next[thread] = index + 1;
        ++total;
    }
    EXPECT_EQ(total, threads * per_thread);
    EXPECT_EQ(wakes.load(), threads * per_thread);
}

TEST(EventQueue, ReplacedOrRemovedWakerIsNoLongerCalled) {
    EventQueue<int> queue;
    int old_wakes = 0, new_wakes = 0;
    queue.set_waker([&] { ++old_wakes; });
    queue.post(1);
    queue.set_waker([&] { ++new_wakes; });
    queue.post(2);
    queue.set_waker(nullptr);
    queue.post(3);
    EXPECT_EQ(old_wakes, 1);
    EXPECT_EQ(new_wakes, 1);
    EXPECT_EQ(queue.size(), 3u);
}

// The UI loop as it really runs: it sleeps until the waker fires, then drains between frames, while
// a device thread posts. Nothing is lost and the loop never sleeps through a post.
TEST(EventQueue, SleepingConsumerIsWokenForEveryPost) {
    constexpr int events = 500;
    EventQueue<int> queue;
    std::mutex mutex;
    std::condition_variable woken;
    queue.set_waker([&] {
        std::lock_guard lock(mutex);
        woken.notify_one();
    });

    std::promise<std::vector<int>> received;
    std::thread ui([&] {
        std::vector<int> seen;
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        std::unique_lock lock(mutex);
        while (seen.size() < static_cast<size_t>(events)) {
            if (!woken.wait_until(lock, deadline, [&] { return queue.size() > 0; }))
                break; // only a lost wake-up gets here
            while (auto event = queue.try_pop())
                seen.push_back(*event);
        }
        received.set_value(std::move(seen));
    });
    std::thread device([&] {
        for (int i = 0; i < events; ++i)
            queue.post(i);
    });
    device.join();
    auto seen = received.get_future().get();
    ui.join();
    ASSERT_EQ(seen.size(), static_cast<size_t>(events));
    for (int i = 0; i < events; ++i)
        EXPECT_EQ(seen[i], i);
}

} // namespace
} // namespace kiosk
