// The UI thread's inbox: events arrive in order, each post wakes the UI loop, and posts from many
// device workers at once all arrive.

#include "kiosk/base/EventQueue.h"

#include <atomic>
#include <gtest/gtest.h>
#include <memory>
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

} // namespace
} // namespace kiosk
