// libsane in kiosk-scanner-host: a host that dies, goes silent, will not end a cancelled scan, does
// not answer after a fault or speaks nonsense is replaced, the scan it held ends clearly, and a
// fault it reported stays the status until a scan says otherwise. Real hosts on the rig's test
// backend (stopped or killed with signals), and small scripts standing in for a broken host.
#include "drivers/scanner/IsolatedScanner.h"
#include "ScanRig.h"
#include "drivers/scanner/ScannerWire.h"

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/stat.h>

namespace kiosk::drivers {
namespace {

using domain::DeviceState;
using testing::ScanRecorder;
using namespace std::chrono_literals;

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds deadline = 10s) {
    auto end = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < end) {
        if (done())
            return true;
        std::this_thread::sleep_for(10ms);
    }
    return done();
}

bool saw_status(const ScanRecorder& recorder, DeviceState state, const std::string& reason) {
    auto statuses = recorder.statuses();
    return std::any_of(statuses.begin(), statuses.end(),
                       [&](const auto& status) { return status.state == state && status.reason == reason; });
}

// A page that takes ~10 s on the test backend, so there is time to break its host.
void make_slow(IsolatedScanner& scanner) {
    scanner.set_backend_option("read-limit", "yes");
    scanner.set_backend_option("read-limit-size", "4096");
    scanner.set_backend_option("read-delay", "yes");
    scanner.set_backend_option("read-delay-duration", "20000");
}

bool progressed(const std::vector<ScannerEvent>& events) {
    return std::any_of(events.begin(), events.end(),
                       [](const ScannerEvent& event) { return std::holds_alternative<ScanProgress>(event); });
}

// Starts a page that takes ~10 s on the test backend and waits for its first progress.
void start_slow_scan(IsolatedScanner& scanner, ScanRecorder& recorder) {
    ASSERT_TRUE(scanner.start(recorder.sink()).ok());
    make_slow(scanner);
    ASSERT_TRUE(scanner.scan({.dpi = 150}).ok());
    ASSERT_TRUE(recorder.wait_for(progressed, 5s));
}

class IsolatedScannerTest : public ::testing::Test {
protected:
    void SetUp() override { testing::scan_rig(); }

    IsolatedScannerOptions options(const std::string& device = "test:0") {
        IsolatedScannerOptions options;
        options.host_program = KIOSK_SCANNER_HOST;
        options.sane.device = device;
        options.restart_interval = 100ms;
        options.stop_grace = 500ms;
        return options;
    }

    // A stand-in host: a bash script given its body.
    std::string script(const std::string& name, const std::string& body) {
        std::string path = testing::scan_rig() + "/" + name;
        std::ofstream(path) << "#!/bin/bash\n" << body << "\n";
        chmod(path.c_str(), 0755);
        return path;
    }
};

TEST_F(IsolatedScannerTest, AHostKilledMidScanEndsTheScanAndAFreshOneScans) {
    ScanRecorder recorder;
    IsolatedScanner scanner(options());
    ASSERT_NO_FATAL_FAILURE(start_slow_scan(scanner, recorder));
    pid_t first = scanner.host_pid();
    ASSERT_GT(first, 0);
    kill(first, SIGKILL);
    ASSERT_TRUE(recorder.wait_for_end(5s));
    ASSERT_TRUE(recorder.failed());
    EXPECT_EQ(recorder.failed()->error.message, "the scanner stopped responding");
    EXPECT_TRUE(saw_status(recorder, DeviceState::Absent, "restarting")); // said before the verdict

    ASSERT_TRUE(wait_until([&] { return scanner.hosts_started() == 2 && scanner.status().usable(); }));
    EXPECT_NE(scanner.host_pid(), first);
    scanner.set_backend_option("read-delay-duration", "1000"); // options reach the new host too
    ScanRecorder again;
    scanner.stop();
    ASSERT_TRUE(scanner.start(again.sink()).ok());
    ASSERT_TRUE(scanner.scan({.dpi = 75}).ok());
    ASSERT_TRUE(again.wait_for_end());
    EXPECT_TRUE(again.finished());
}

TEST_F(IsolatedScannerTest, AHostSilentThroughAScanIsReplaced) {
    auto settings = options();
    settings.stall_timeout = 500ms;
    ScanRecorder recorder;
    IsolatedScanner scanner(settings);
    ASSERT_NO_FATAL_FAILURE(start_slow_scan(scanner, recorder));
    kill(scanner.host_pid(), SIGSTOP); // wedged: alive, saying nothing
    ASSERT_TRUE(recorder.wait_for_end(5s));
    ASSERT_TRUE(recorder.failed());
    EXPECT_EQ(recorder.failed()->error.message, "the scanner stopped responding");
    EXPECT_TRUE(wait_until([&] { return scanner.hosts_started() == 2; }));
}

TEST_F(IsolatedScannerTest, ACancelTheHostDoesNotEndStillEndsTheScan) {
    auto settings = options();
    settings.cancel_grace = 300ms;
    ScanRecorder recorder;
    IsolatedScanner scanner(settings);
    ASSERT_NO_FATAL_FAILURE(start_slow_scan(scanner, recorder));
    kill(scanner.host_pid(), SIGSTOP);
    auto cancelled_at = std::chrono::steady_clock::now();
    scanner.cancel();
    ASSERT_TRUE(recorder.wait_for_end(5s));
    EXPECT_LT(std::chrono::steady_clock::now() - cancelled_at, 3s);
    ASSERT_TRUE(recorder.failed());
    EXPECT_EQ(recorder.failed()->error.message, "scan cancelled");
}

TEST_F(IsolatedScannerTest, AHostThatWedgesAfterAFaultIsReplacedAndTheFaultStays) {
    // Says "ready", takes one scan command, reports a jam, then answers nothing (not the ping).
    size_t scan_command = 5 + wire::encode_scan({.dpi = 75}).size();
    auto settings = options();
    settings.host_program = script("wedging-host", "printf 'T\\x04\\x00\\x00\\x000 0 '\n"
                                                   "head -c " +
                                                       std::to_string(scan_command) +
                                                       " >/dev/null\n"
                                                       "printf 'T\\x0a\\x00\\x00\\x003 1 jammed'\n"
                                                       "printf 'F\\x10\\x00\\x00\\x009 scanner jammed'\n"
                                                       "exec sleep 30");
    settings.ping_timeout = 300ms;
    ScanRecorder recorder;
    IsolatedScanner scanner(settings);
    ASSERT_TRUE(scanner.start(recorder.sink()).ok());
    ASSERT_TRUE(wait_until([&] { return scanner.status().state == DeviceState::Ready; }));
    ASSERT_TRUE(scanner.scan({.dpi = 75}).ok());
    ASSERT_TRUE(recorder.wait_for_end(5s));
    ASSERT_TRUE(recorder.failed());
    EXPECT_EQ(recorder.failed()->error.code, ErrorCode::Device);
    EXPECT_EQ(recorder.failed()->error.message, "scanner jammed");
    EXPECT_EQ(scanner.status().reason, "jammed");

    ASSERT_TRUE(wait_until([&] { return scanner.hosts_started() == 2; }, 5s));
    std::this_thread::sleep_for(300ms); // the new host has said "ready" by now
    EXPECT_EQ(scanner.status().state, DeviceState::Fault);
    EXPECT_EQ(scanner.status().reason, "jammed"); // only a scan can tell the jam was cleared
}

TEST_F(IsolatedScannerTest, AHostSpeakingNonsenseIsReplaced) {
    auto settings = options();
    settings.host_program = script("nonsense-host", "printf 'Z\\x00\\x00\\x00\\x00'\nexec sleep 30");
    ScanRecorder recorder;
    IsolatedScanner scanner(settings);
    ASSERT_TRUE(scanner.start(recorder.sink()).ok());
    ASSERT_TRUE(wait_until([&] { return scanner.hosts_started() >= 2; }, 5s));
    EXPECT_TRUE(saw_status(recorder, DeviceState::Absent, "restarting"));
    scanner.stop();
    EXPECT_EQ(scanner.host_pid(), 0);
}

TEST_F(IsolatedScannerTest, AMissingHostProgramIsAFaultForTheEngineer) {
    auto settings = options();
    settings.host_program = testing::scan_rig() + "/no-such-host";
    ScanRecorder recorder;
    IsolatedScanner scanner(settings);
    ASSERT_TRUE(scanner.start(recorder.sink()).ok());
    auto status = scanner.status();
    EXPECT_EQ(status.state, DeviceState::Fault);
    EXPECT_EQ(status.reason, "scanner-host-missing");
    EXPECT_EQ(status.fixed_by, domain::FixedBy::Engineer);
    auto scan = scanner.scan({.dpi = 75});
    ASSERT_FALSE(scan.ok());
    EXPECT_EQ(scan.error().code, ErrorCode::Device);
}

} // namespace
} // namespace kiosk::drivers
