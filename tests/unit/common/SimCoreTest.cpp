// The simulators' core keeps a real backend's stop() promise through its EventSink: stop() waits for
// an event being delivered, and a sink that stops its simulator returns and hears nothing more.

#include "drivers/common/SimCore.h"
#include "tests/unit/common/Gate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <variant>

namespace kiosk::drivers {
namespace {

using testing::Gate;
using testing::kChance;
using testing::kGenerous;

using SimEvent = std::variant<domain::DeviceStatus, int>;

TEST(SimCore, StopWaitsForTheEventBeingDelivered) {
    SimCore<SimEvent> core(domain::DeviceKind::QrScanner, "sim-core-test");
    Gate entered, may_return;
    std::atomic<bool> returned{false};
    core.start([&](SimEvent) { // the Ready status start() reports
        entered.open();
        may_return.wait();
        returned = true;
    });
    ASSERT_TRUE(entered.wait());
    auto stopped = std::async(std::launch::async, [&] {
        core.stop();
        return returned.load();
    });
    EXPECT_EQ(stopped.wait_for(kChance), std::future_status::timeout)
        << "stop() returned while the sink was still running";
    may_return.open();
    ASSERT_EQ(stopped.wait_for(kGenerous), std::future_status::ready);
    EXPECT_TRUE(stopped.get()) << "stop() returned before the event being delivered was";
}

TEST(SimCore, StopFromInsideTheSinkReturnsAndNothingMoreArrives) {
    // On the heap: if stop() waited for itself, its worker never ends, and the core (whose
    // destructor would join it) and what the sink uses are left behind so the test fails, not hangs.
    struct Shared {
        SimCore<SimEvent> core{domain::DeviceKind::QrScanner, "sim-core-test"};
        Gate stopped_inside;
        std::atomic<int> calls{0};
    };
    auto shared = std::make_unique<Shared>();
    Shared* raw = shared.get();
    raw->core.start([raw](SimEvent) {
        ++raw->calls;
        raw->core.stop(); // on the simulator's own worker: must not wait for itself
        raw->stopped_inside.open();
    });
    if (!raw->stopped_inside.wait()) {
        (void)shared.release();
        FAIL() << "stop() from inside the sink did not return (it waited for itself)";
    }
    Gate ran;
    raw->core.set_status(domain::DeviceState::Fault, domain::FixedBy::Engineer, "unplugged"); // emits
    raw->core.worker().post([&] {
        raw->core.emit(1);
        ran.open();
    });
    ASSERT_TRUE(ran.wait()); // both emits ran on the worker, to no sink
    raw->core.stop();
    EXPECT_EQ(raw->calls, 1);
}

TEST(SimCore, StartAgainAfterStopDeliversToTheNewSink) {
    SimCore<SimEvent> core(domain::DeviceKind::QrScanner, "sim-core-test");
    std::atomic<int> first{0};
    core.start([&](SimEvent) { ++first; });
    core.stop();
    int first_calls = first;
    Gate second_heard;
    core.start([&](SimEvent event) {
        if (std::holds_alternative<int>(event))
            second_heard.open();
    });
    core.worker().post([&core] { core.emit(7); });
    EXPECT_TRUE(second_heard.wait());
    core.stop();
    EXPECT_EQ(first, first_calls) << "the first sink was called after its stop()";
}

} // namespace
} // namespace kiosk::drivers
