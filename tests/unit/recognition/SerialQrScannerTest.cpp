// The serial QR scanner against a pty standing in for a CDC-ACM scanner: lines ended by CR, LF or
// CR LF, overlong and garbled lines rejected, the scanner unplugged (master closed) and plugged in
// again behind the same path (a udev-style symlink re-pointed at a new pty).

#include "drivers/qr/SerialQrScanner.h"

#include <condition_variable>
#include <filesystem>
#include <gtest/gtest.h>
#include <mutex>
#include <pty.h>
#include <unistd.h>
#include <vector>

namespace kiosk::drivers {
namespace {

using namespace std::chrono_literals;

class Recorder {
public:
    QrScanner::Sink sink() {
        return [this](QrEvent event) {
            std::lock_guard lock(m_mutex);
            m_events.push_back(std::move(event));
            m_changed.notify_all();
        };
    }
    // Waits (at most 5 s) until `count` events of type T arrived; returns them.
    template <typename T>
    std::vector<T> wait_for(size_t count) {
        std::unique_lock lock(m_mutex);
        std::vector<T> found;
        m_changed.wait_for(lock, 5s, [&] {
            found.clear();
            for (const auto& event : m_events)
                if (auto* item = std::get_if<T>(&event))
                    found.push_back(*item);
            return found.size() >= count;
        });
        return found;
    }
    bool wait_for_state(domain::DeviceState state, size_t nth = 1) {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, 5s, [&] {
            size_t seen = 0;
            for (const auto& event : m_events)
                if (auto* status = std::get_if<domain::DeviceStatus>(&event);
                    status && status->state == state)
                    ++seen;
            return seen >= nth;
        });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<QrEvent> m_events;
};

class SerialQrScannerTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_link = std::filesystem::temp_directory_path() / ("onewindow-qr-" + std::to_string(getpid()));
        plug_in();
    }
    void TearDown() override {
        if (m_scanner)
            m_scanner->stop();
        unplug();
        std::filesystem::remove(m_link);
    }
    void plug_in() {
        char name[128] = {};
        ASSERT_EQ(openpty(&m_master, &m_slave, name, nullptr, nullptr), 0);
        std::filesystem::remove(m_link);
        std::filesystem::create_symlink(name, m_link);
    }
    void unplug() {
        if (m_master >= 0)
            close(m_master);
        if (m_slave >= 0)
            close(m_slave);
        m_master = m_slave = -1;
    }
    void start(size_t max_bytes = kMaxQrPayloadBytes) {
        m_scanner = std::make_unique<SerialQrScanner>(SerialQrOptions{
            .path = m_link.string(), .max_bytes = max_bytes, .reopen_interval = 50ms, .line_timeout = 300ms});
        ASSERT_TRUE(m_scanner->start(m_events.sink()).ok());
        ASSERT_TRUE(m_events.wait_for_state(domain::DeviceState::Ready));
    }
    void send(const std::string& bytes) {
        ASSERT_EQ(write(m_master, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    }

    std::filesystem::path m_link;
    int m_master = -1;
    int m_slave = -1;
    Recorder m_events;
    std::unique_ptr<SerialQrScanner> m_scanner;
};

TEST_F(SerialQrScannerTest, LinesEndedByCrLfOrCrLfAreScans) {
    start();
    send("OW1-7KQ2-M9XD-4TPA-Z3R8\r6901234567892\n");
    send("https://zwfw.shili.gov.cn.example/q/OW1-7KQ2-M9XD-4TPA-Z3R8\r\n");
    auto scans = m_events.wait_for<QrScanned>(3);
    ASSERT_EQ(scans.size(), 3u);
    EXPECT_EQ(scans[0].text, "OW1-7KQ2-M9XD-4TPA-Z3R8");
    EXPECT_EQ(scans[1].text, "6901234567892");
    EXPECT_EQ(scans[2].text, "https://zwfw.shili.gov.cn.example/q/OW1-7KQ2-M9XD-4TPA-Z3R8");
}

TEST_F(SerialQrScannerTest, ALineInPiecesIsOneScan) {
    start();
    send("姓名=张");
    send("三|ORDER=1\r\n");
    auto scans = m_events.wait_for<QrScanned>(1);
    ASSERT_EQ(scans.size(), 1u);
    EXPECT_EQ(scans[0].text, "姓名=张三|ORDER=1");
}

TEST_F(SerialQrScannerTest, OverlongLineIsRejectedAndTheNextLineStillReads) {
    start(16);
    send(std::string(40, 'A') + "\r\n" + "SIXTEEN-BYTES-OK\r\n");
    auto rejected = m_events.wait_for<QrRejected>(1);
    ASSERT_EQ(rejected.size(), 1u);
    EXPECT_NE(rejected[0].error.message.find("longer than 16"), std::string::npos);
    EXPECT_EQ(rejected[0].error.message.find("AAAA"), std::string::npos); // never the payload
    auto scans = m_events.wait_for<QrScanned>(1);
    ASSERT_EQ(scans.size(), 1u);
    EXPECT_EQ(scans[0].text, "SIXTEEN-BYTES-OK");
}

TEST_F(SerialQrScannerTest, GarbageWithControlBytesIsRejected) {
    start();
    send(std::string("\x01\x02\xff\x1b[31m", 8) + "\nCLEAN\n");
    auto rejected = m_events.wait_for<QrRejected>(1);
    ASSERT_EQ(rejected.size(), 1u);
    auto scans = m_events.wait_for<QrScanned>(1);
    ASSERT_EQ(scans.size(), 1u);
    EXPECT_EQ(scans[0].text, "CLEAN"); // the garbage never came through as a scan
}

TEST_F(SerialQrScannerTest, UnfinishedLineIsDroppedAfterTheLineTimeout) {
    start();
    send("HALF-A-CODE");
    auto rejected = m_events.wait_for<QrRejected>(1);
    ASSERT_EQ(rejected.size(), 1u);
    send("WHOLE\n");
    auto scans = m_events.wait_for<QrScanned>(1);
    ASSERT_EQ(scans.size(), 1u);
    EXPECT_EQ(scans[0].text, "WHOLE");
}

TEST_F(SerialQrScannerTest, UnplugIsAbsentAndReplugIsReadyAgain) {
    start();
    unplug();
    ASSERT_TRUE(m_events.wait_for_state(domain::DeviceState::Absent));
    EXPECT_EQ(m_scanner->status().state, domain::DeviceState::Absent);
    plug_in();
    ASSERT_TRUE(m_events.wait_for_state(domain::DeviceState::Ready, 2));
    send("AFTER-REPLUG\n");
    auto scans = m_events.wait_for<QrScanned>(1);
    ASSERT_EQ(scans.size(), 1u);
    EXPECT_EQ(scans[0].text, "AFTER-REPLUG");
}

TEST(SerialQrScanner, MissingDeviceIsAbsentNotAnError) {
    SerialQrScanner scanner({.path = "/dev/ttyACM-onewindow-missing", .reopen_interval = 50ms});
    std::mutex mutex;
    std::condition_variable changed;
    bool absent = false;
    ASSERT_TRUE(scanner
                    .start([&](QrEvent event) {
                        std::lock_guard lock(mutex);
                        if (auto* status = std::get_if<domain::DeviceStatus>(&event))
                            absent = status->state == domain::DeviceState::Absent;
                        changed.notify_all();
                    })
                    .ok());
    std::unique_lock lock(mutex);
    EXPECT_TRUE(changed.wait_for(lock, 5s, [&] { return absent; }));
    lock.unlock();
    scanner.stop();
}

TEST(SerialQrScanner, UnsupportedBaudIsRefused) {
    SerialQrScanner scanner({.path = "/dev/null", .baud = 4800});
    auto started = scanner.start([](QrEvent) {});
    ASSERT_FALSE(started.ok());
    EXPECT_EQ(started.error().code, ErrorCode::InvalidArgument);
}

} // namespace
} // namespace kiosk::drivers
