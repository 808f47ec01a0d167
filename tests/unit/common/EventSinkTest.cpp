// The promise every device backend's stop() makes, kept in one place (drivers/common/EventSink.h):
// events reach the attached sink one call at a time, and once detach() returns no call is running
// or will begin — also when the sink itself detaches.

#include "drivers/common/EventSink.h"
#include "tests/unit/common/Gate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace kiosk::drivers {
namespace {

using namespace std::chrono_literals;
using testing::Gate;
using testing::kChance;
using testing::kGenerous;

// Waits up to kGenerous for `condition`, checking it every millisecond.
template <typename Condition>
bool eventually(Condition condition) {
    auto deadline = std::chrono::steady_clock::now() + kGenerous;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

TEST(EventSink, EventsReachTheAttachedSinkInOrderAndNoneBeforeOrAfter) {
    EventSink<int> events;
    std::vector<int> seen;
    events.emit(1); // nothing attached yet: dropped
    events.attach([&seen](int event) { seen.push_back(event); });
    EXPECT_TRUE(events.attached());
    events.emit(2);
    events.emit(3);
    events.detach();
    EXPECT_FALSE(events.attached());
    events.emit(4);
    EXPECT_EQ(seen, (std::vector<int>{2, 3}));
}

// A backend started again after stop() (DeviceHub restarts devices on a config change).
TEST(EventSink, AttachReplacesTheSinkAndWorksAgainAfterDetach) {
    EventSink<int> events;
    std::vector<int> first, second, third;
    events.attach([&first](int event) { first.push_back(event); });
    events.emit(1);
    events.attach([&second](int event) { second.push_back(event); });
    events.emit(2);
    events.detach();
    events.emit(3);
    events.attach([&third](int event) { third.push_back(event); });
    events.emit(4);
    events.detach();
    EXPECT_EQ(first, std::vector<int>{1});
    EXPECT_EQ(second, std::vector<int>{2});
    EXPECT_EQ(third, std::vector<int>{4});
}

// What a backend's stop() relies on: when it returns, whatever the sink uses may go away.
TEST(EventSink, DetachWaitsForTheSinkCallInFlight) {
    EventSink<int> events;
    Gate entered, may_return;
    std::atomic<bool> returned{false};
    events.attach([&](int) {
        entered.open();
        may_return.wait();
        returned = true;
    });
    std::jthread device([&] { events.emit(1); });
    ASSERT_TRUE(entered.wait());

    auto detached = std::async(std::launch::async, [&] {
        events.detach();
        return returned.load(); // must already be true: the call ended before detach() returned
    });
    EXPECT_EQ(detached.wait_for(kChance), std::future_status::timeout)
        << "detach() returned while the sink call was still running";
    may_return.open();
    ASSERT_EQ(detached.wait_for(kGenerous), std::future_status::ready);
    EXPECT_TRUE(detached.get()) << "detach() returned before the sink call in flight ended";
}

// A sink that stops its device (a reader stopped on the card it just delivered) must not wait for
// itself, and nothing reaches it afterwards, not even an event another thread was already emitting.
TEST(EventSink, DetachFromInsideTheSinkReturnsAndNoLaterCallBegins) {
    // Shared with the threads: if detach() waited for itself, the device thread stays blocked for
    // ever and is left behind, and what it refers to must outlive the test.
    struct Shared {
        EventSink<int> events;
        Gate inside, other_emitting, detached_inside;
        std::mutex seen_mutex;
        std::vector<int> seen;
    };
    auto shared = std::make_shared<Shared>();
    Shared* raw = shared.get();
    raw->events.attach([raw](int event) {
        {
            std::lock_guard lock(raw->seen_mutex);
            raw->seen.push_back(event);
        }
        if (event != 1)
            return;
        raw->inside.open();
        raw->other_emitting.wait(); // another thread is emitting now (or about to): it must get nothing
        raw->events.detach();
        raw->detached_inside.open();
    });
    std::thread device([shared] {
        shared->events.emit(1);
        shared->events.emit(2); // after detach() on this very thread
    });
    ASSERT_TRUE(raw->inside.wait());
    std::jthread other([shared] {
        shared->other_emitting.open();
        shared->events.emit(3);
    });
    if (!raw->detached_inside.wait()) {
        device.detach();
        other.detach();
        FAIL() << "detach() called from inside the sink did not return (it waited for itself)";
    }
    device.join();
    other.join();
    std::lock_guard lock(raw->seen_mutex);
    EXPECT_EQ(raw->seen, std::vector<int>{1});
    EXPECT_FALSE(raw->events.attached());
}

TEST(EventSink, NoSinkCallAfterDetachWhileADeviceKeepsEmitting) {
    EventSink<int> events;
    std::atomic<bool> detach_returned{false};
    std::atomic<int> calls{0}, late_calls{0}, emitted_after_detach{0};
    events.attach([&](int) {
        if (detach_returned)
            ++late_calls;
        ++calls;
    });
    std::atomic<bool> done{false};
    std::jthread device([&] {
        while (!done) {
            bool after = detach_returned;
            events.emit(0);
            if (after)
                ++emitted_after_detach;
        }
    });
    ASSERT_TRUE(eventually([&] { return calls >= 100; })); // busy emitting
    events.detach();
    detach_returned = true;
    ASSERT_TRUE(eventually([&] { return emitted_after_detach >= 1000; }));
    done = true;
    device.join();
    EXPECT_EQ(late_calls, 0) << "the sink was called after detach() returned";
}

TEST(EventSink, ASecondEmitWaitsUntilTheCallInFlightReturns) {
    EventSink<int> events;
    Gate first_inside, first_may_return, second_inside;
    std::atomic<int> inside{0};
    std::atomic<bool> overlapped{false};
    std::mutex order_mutex;
    std::vector<int> order;
    events.attach([&](int event) {
        if (++inside > 1)
            overlapped = true;
        {
            std::lock_guard lock(order_mutex);
            order.push_back(event);
        }
        if (event == 1) {
            first_inside.open();
            first_may_return.wait();
        } else {
            second_inside.open();
        }
        --inside;
    });
    std::jthread first([&] { events.emit(1); });
    ASSERT_TRUE(first_inside.wait());
    std::jthread second([&] { events.emit(2); });
    EXPECT_FALSE(second_inside.wait_for(kChance)) << "a second sink call began while the first was running";
    first_may_return.open();
    EXPECT_TRUE(second_inside.wait());
    first.join();
    second.join();
    EXPECT_FALSE(overlapped);
    std::lock_guard lock(order_mutex);
    EXPECT_EQ(order, (std::vector<int>{1, 2}));
}

TEST(EventSink, ManyThreadsEmittingDeliverEveryEventOnceAndOneAtATime) {
    constexpr int kThreads = 4;
    constexpr int kEventsEach = 2000;
    EventSink<int> events;
    std::atomic<int> inside{0}, overlaps{0};
    std::vector<std::atomic<int>> received(kThreads);
    events.attach([&](int thread) {
        if (++inside > 1)
            ++overlaps;
        ++received[static_cast<size_t>(thread)];
        std::this_thread::yield(); // widen the window another call would have to overlap in
        --inside;
    });
    {
        std::vector<std::jthread> devices;
        devices.reserve(kThreads);
        for (int thread = 0; thread < kThreads; ++thread)
            devices.emplace_back([&events, thread] {
                for (int i = 0; i < kEventsEach; ++i)
                    events.emit(thread);
            });
    }
    events.detach();
    EXPECT_EQ(overlaps, 0) << "sink calls overlapped";
    for (int thread = 0; thread < kThreads; ++thread)
        EXPECT_EQ(received[static_cast<size_t>(thread)], kEventsEach) << "thread " << thread;
}

} // namespace
} // namespace kiosk::drivers
