// One kiosk-scanner-host process as ScannerHostProcess runs it, with small stand-ins for the host:
// cat (answers each frame with itself), a program that ignores its stdin, one that speaks nonsense,
// and one that does not exist. Every started process is reaped by end().

#include "drivers/scanner/ScannerHostProcess.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::drivers {
namespace {

using namespace std::chrono_literals;

// What the reader thread handed over, and waits on it with a deadline.
class Heard {
public:
    ScannerHostProcess::Handlers handlers() {
        return {
            .event = [this](ScannerEvent event) { note([&] { events.push_back(std::move(event)); }); },
            .alive = [this] { note([&] { ++alive; }); },
            .gone = [this](const std::string& why) { note([&] { gone = why; }); },
        };
    }
    template <typename Condition>
    bool wait_for(Condition condition) {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, 10s, [&] { return condition(*this); });
    }

    std::vector<ScannerEvent> events;
    int alive = 0;
    std::optional<std::string> gone;

private:
    template <typename Change>
    void note(Change change) {
        {
            std::lock_guard lock(m_mutex);
            change();
        }
        m_changed.notify_all();
    }

    std::mutex m_mutex;
    std::condition_variable m_changed;
};

bool reaped(pid_t pid) {
    return kill(pid, 0) != 0 && errno == ESRCH;
}

TEST(ScannerHostProcess, FramesComeBackThroughTheHandlersAndEndingItsStdinEndsIt) {
    auto spawned = ScannerHostProcess::spawn({"/bin/cat"});
    ASSERT_TRUE(spawned.ok()) << spawned.error().describe();
    auto host = spawned.release_value();
    Heard heard;
    host->read_events(heard.handlers());
    EXPECT_TRUE(host->accepts_commands());
    // cat sends back what it is given: an Alive frame and a status event, as a host would.
    ASSERT_TRUE(host->send(wire::Type::Alive, {}).ok());
    domain::DeviceStatus ready;
    ready.kind = domain::DeviceKind::Scanner;
    ready.state = domain::DeviceState::Ready;
    ASSERT_TRUE(host->send(wire::type_of(ready), wire::encode(ready)).ok());
    ASSERT_TRUE(heard.wait_for([](const Heard& h) { return h.alive == 1 && h.events.size() == 1; }));
    auto* status = std::get_if<domain::DeviceStatus>(&heard.events.front());
    ASSERT_NE(status, nullptr);
    EXPECT_EQ(status->state, domain::DeviceState::Ready);

    pid_t pid = host->pid();
    auto started = std::chrono::steady_clock::now();
    host->end(10s); // cat ends as soon as its stdin does: long before the grace
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
    EXPECT_FALSE(host->accepts_commands());
    EXPECT_TRUE(reaped(pid));
    EXPECT_EQ(heard.gone, "ended"); // end() joined the reader: it has said its last
}

TEST(ScannerHostProcess, AHostThatIgnoresItsStdinIsKilledAfterTheGrace) {
    auto spawned = ScannerHostProcess::spawn({"/bin/sleep", "60"});
    ASSERT_TRUE(spawned.ok()) << spawned.error().describe();
    auto host = spawned.release_value();
    Heard heard;
    host->read_events(heard.handlers());
    pid_t pid = host->pid();
    auto started = std::chrono::steady_clock::now();
    host->end(100ms);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 30s) << "not killed: it slept its 60 s";
    EXPECT_TRUE(reaped(pid));
    EXPECT_EQ(heard.gone, "ended");
}

TEST(ScannerHostProcess, NonsenseOnItsStdoutEndsTheReaderWithTheReason) {
    auto spawned = ScannerHostProcess::spawn({"/bin/sh", "-c", "printf 'Z0000'; exec sleep 60"});
    ASSERT_TRUE(spawned.ok()) << spawned.error().describe();
    auto host = spawned.release_value();
    Heard heard;
    host->read_events(heard.handlers());
    ASSERT_TRUE(heard.wait_for([](const Heard& h) { return h.gone.has_value(); }));
    EXPECT_NE(heard.gone->find("unknown frame type"), std::string::npos) << *heard.gone;
    EXPECT_TRUE(heard.events.empty());
    pid_t pid = host->pid();
    host->end(0ms);
    EXPECT_TRUE(reaped(pid));
}

TEST(ScannerHostProcess, AMissingProgramIsADeviceErrorAndNothingRuns) {
    auto spawned = ScannerHostProcess::spawn({"/nonexistent/kiosk-scanner-host", "--device", "test:0"});
    ASSERT_FALSE(spawned.ok());
    EXPECT_EQ(spawned.error().code, ErrorCode::Device);
}

TEST(ScannerHostProcess, DestroyedWithoutEndItIsKilledAndReaped) {
    pid_t pid = 0;
    {
        auto spawned = ScannerHostProcess::spawn({"/bin/sleep", "60"});
        ASSERT_TRUE(spawned.ok()) << spawned.error().describe();
        auto host = spawned.release_value();
        pid = host->pid();
    }
    EXPECT_TRUE(reaped(pid));
}

} // namespace
} // namespace kiosk::drivers
