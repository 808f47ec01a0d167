// Card placed → identity event, through the real driver (SamReader + SerialLink) and the wire-level
// emulator pacing its bytes at 115200 baud, compared with the wire time of the frames exchanged —
// the physical limit. Prints figures; asserts nothing (STYLE: speed is measured, not asserted).
//
//   idcard_bench [PLACEMENTS]     (scripts/bench-idcard builds and runs it)
//
// Two pollings: the driver's defaults (a find every 200 ms, so a card waits for the next poll), and
// a 1 ms poll that leaves only transfer and processing — the driver's own overhead is that latency
// minus the wire time.

#include "../unit/idcard/EmulatorProcess.h"
#include "drivers/idcard/SamReader.h"
#include "drivers/idcard/SerialLink.h"

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

using namespace kiosk;
using namespace kiosk::drivers;
using Clock = std::chrono::steady_clock;

namespace {

// Bytes on the wire for one read: find (10 + 15), select (10 + 19), read base (10 + 1295); 10 bits a
// byte (8N1) at 115200 bit/s. The emulator paces its answers (15 + 19 + 1295 bytes) at that speed; the
// host's 30 command bytes cross the pty at once, so the driver's overhead is the latency minus the
// answers' time.
constexpr double kWireBytes = 10 + 15 + 10 + 19 + 10 + 1295;
constexpr double kWireMs = kWireBytes * 10 / 115200.0 * 1000;
constexpr double kPacedMs = (15 + 19 + 1295) * 10 / 115200.0 * 1000;

struct Events {
    std::mutex mutex;
    std::condition_variable changed;
    int placed = 0, removed = 0, failed = 0;
    bool ready = false;
    Clock::time_point last_placed;

    template <typename Predicate>
    bool wait(Predicate predicate) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(10), predicate);
    }
};

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    size_t index = std::min(values.size() - 1, static_cast<size_t>(p * (values.size() - 1) + 0.5));
    return values[index];
}

bool run(const char* label, SamReaderOptions options, int placements) {
    sam::testing::EmulatorProcess emulator(
        {"--script", KIOSK_SOURCE_DIR "/tests/fixtures/idcard/scripts/manual-resident.json", "--wire-time",
         "--response-delay-ms", "0"});
    auto device = emulator.wait_for("device ");
    if (!device) {
        std::fprintf(stderr, "idcard_bench: the emulator did not start\n");
        return false;
    }
    std::string path = device->substr(7);
    Events events;
    SamReader reader(sam::SerialLink::opener({.path = path}), options);
    auto started = reader.start([&](IdCardEvent event) {
        std::lock_guard lock(events.mutex);
        if (std::holds_alternative<CardPlaced>(event)) {
            events.last_placed = Clock::now();
            ++events.placed;
        } else if (std::holds_alternative<CardRemoved>(event)) {
            ++events.removed;
        } else if (std::holds_alternative<CardReadFailed>(event)) {
            ++events.failed;
        } else if (auto* status = std::get_if<domain::DeviceStatus>(&event)) {
            events.ready = status->state == domain::DeviceState::Ready;
        }
        events.changed.notify_all();
    });
    if (!started.ok() || !events.wait([&] { return events.ready; })) {
        std::fprintf(stderr, "idcard_bench: the reader did not become ready\n");
        return false;
    }
    std::vector<double> latencies;
    std::mt19937 random(7);
    for (int i = 0; i < placements; ++i) {
        // A citizen arrives at any moment of the poll cycle.
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution(0, 400)(random)));
        auto placed_at = Clock::now();
        emulator.send("place 0");
        if (!events.wait([&] { return events.placed > i; })) {
            std::fprintf(stderr, "idcard_bench: no card event after placement %d\n", i);
            return false;
        }
        latencies.push_back(
            std::chrono::duration<double, std::milli>(events.last_placed - placed_at).count());
        emulator.send("remove");
        events.wait([&] { return events.removed > i; });
    }
    reader.stop();
    double p50 = percentile(latencies, 0.5), p95 = percentile(latencies, 0.95);
    std::printf("%-22s placements %d  latency p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  "
                "wire %5.1f ms  p50/wire %.2f  overhead p50 %5.1f ms p95 %5.1f ms  failed reads %d\n",
                label, placements, p50, p95, *std::max_element(latencies.begin(), latencies.end()), kWireMs,
                p50 / kWireMs, p50 - kPacedMs, p95 - kPacedMs, events.failed);
    return true;
}

} // namespace

int main(int argc, char** argv) {
    int placements = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20;
    std::printf(
        "card placed → identity event over the emulated 115200-baud link: %.0f bytes on the wire a read, "
        "%.1f ms "
        "both ways, %.1f ms of paced answers; overhead = latency − paced answers (with the default poll it "
        "includes the wait for the next find)\n",
        kWireBytes, kWireMs, kPacedMs);
    SamReaderOptions tight;
    tight.poll_interval = std::chrono::milliseconds(1);
    bool ok = run("poll every 1 ms", tight, placements) && run("defaults (200 ms poll)", {}, placements);
    return ok ? 0 : 1;
}
