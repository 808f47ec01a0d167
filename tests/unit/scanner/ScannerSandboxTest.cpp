// kiosk-scanner-host, started as the kiosk starts it (IsolatedScanner), cannot reach the kiosk's
// secrets: a backend asked to open a file outside the host's allow-list (a "keys" folder, as
// /etc/onewindow is) fails, while the same page in an allowed place scans; and a descriptor the kiosk
// holds open without O_CLOEXEC (a key file) is not open in the host. Real hosts on the rig's pnm
// backend (docs/specs/test-rig.md §2). Without Landlock in the kernel the file test is skipped, saying so.
#include "ScanRig.h"
#include "drivers/scanner/IsolatedScanner.h"

#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <linux/landlock.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace kiosk::drivers {
namespace {

namespace fs = std::filesystem;
using testing::ScanRecorder;
using namespace std::chrono_literals;

// An 8-bit P5 page (the pnm backend needs 8 bits).
void write_page(const fs::path& path) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << "P5\n64 48\n255\n" << std::string(64 * 48, '\x80');
}

long landlock_abi() {
    return syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
}

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds deadline = 10s) {
    auto end = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < end) {
        if (done())
            return true;
        std::this_thread::sleep_for(10ms);
    }
    return done();
}

class ScannerSandboxTest : public ::testing::Test {
protected:
    void SetUp() override {
        testing::scan_rig();
        m_dir = fs::path(testing::scan_rig()) / "sandbox";
        fs::remove_all(m_dir);
        write_page(m_dir / "allowed" / "page.pnm");
        write_page(m_dir / "keys" / "outbox.key"); // a page, so only the sandbox can make it fail
    }

    IsolatedScannerOptions options() const {
        IsolatedScannerOptions options;
        options.host_program = KIOSK_SCANNER_HOST;
        options.sane.device = "pnm:0";
        options.restart_interval = 100ms;
        options.stop_grace = 500ms;
        return options;
    }

    fs::path m_dir;
};

TEST_F(ScannerSandboxTest, TheHostCannotOpenAFileOutsideItsAllowList) {
    long abi = landlock_abi();
    if (abi < 0)
        GTEST_SKIP() << "the kernel has no Landlock (landlock_create_ruleset: " << std::strerror(errno)
                     << "): the scanner host runs unrestricted here";
    ScanRecorder allowed;
    IsolatedScanner scanner(options());
    // Named before the host starts: the host is told it may read this one file.
    scanner.set_backend_option("filename", (m_dir / "allowed" / "page.pnm").string());
    ASSERT_TRUE(scanner.start(allowed.sink()).ok());
    ASSERT_TRUE(scanner.scan({.dpi = 75}).ok());
    ASSERT_TRUE(allowed.wait_for_end());
    ASSERT_TRUE(allowed.finished()) << "the allowed page did not scan: "
                                    << allowed.failed()->error.describe();
    scanner.stop();

    // A fresh host (started with only the allowed file named) is then asked, over its pipe, to open
    // a file in the keys folder.
    ScanRecorder keys;
    ASSERT_TRUE(scanner.start(keys.sink()).ok());
    ASSERT_TRUE(wait_until([&] { return scanner.hosts_started() == 1; })); // its arguments are set
    scanner.set_backend_option("filename", (m_dir / "keys" / "outbox.key").string());
    ASSERT_TRUE(scanner.scan({.dpi = 75}).ok());
    ASSERT_TRUE(keys.wait_for_end());
    EXPECT_FALSE(keys.finished()) << "the host read a file outside its allow-list (Landlock ABI " << abi
                                  << ")";
    EXPECT_TRUE(keys.failed());
}

TEST_F(ScannerSandboxTest, TheHostInheritsNoDescriptorOfTheKiosk) {
    // As a library of the kiosk might: a key file opened without O_CLOEXEC.
    int leaked = ::open((m_dir / "keys" / "outbox.key").c_str(), O_RDONLY);
    ASSERT_GE(leaked, 0);
    ScanRecorder recorder;
    IsolatedScanner scanner(options());
    ASSERT_TRUE(scanner.start(recorder.sink()).ok());
    ASSERT_TRUE(wait_until([&] { return scanner.host_pid() > 0 && scanner.status().usable(); }));
    fs::path fds = fs::path("/proc") / std::to_string(scanner.host_pid()) / "fd";
    std::vector<std::string> targets;
    for (const auto& entry : fs::directory_iterator(fds)) {
        std::error_code ignored;
        targets.push_back(entry.path().filename().string() + " -> " +
                          fs::read_symlink(entry.path(), ignored).string());
    }
    scanner.stop();
    ::close(leaked);
    for (const auto& target : targets)
        EXPECT_EQ(target.find("outbox.key"), std::string::npos) << "open in the host: " << target;
    EXPECT_FALSE(targets.empty());
}

} // namespace
} // namespace kiosk::drivers
