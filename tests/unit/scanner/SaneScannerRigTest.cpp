// The SANE driver against the rig's test and pnm backends (docs/specs/test-rig.md §2): real
// libsane, real option handling, faults injected through the backends' own options. The scanner is
// the kiosk's: SaneScanner inside kiosk-scanner-host, driven by IsolatedScanner over the pipe.
#include "ScanRig.h"
#include "drivers/scanner/IsolatedScanner.h"
#include "drivers/scanner/SaneScanner.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace kiosk::drivers {
namespace {

using domain::DeviceState;
using domain::FixedBy;
using testing::ScanRecorder;

class SaneScannerRig : public ::testing::Test {
protected:
    void SetUp() override { testing::scan_rig(); }

    // pnm_file: the pnm backend's input, named before the host starts (its sandbox lets it read that
    // file only: drivers/common/HostSandbox.h).
    std::unique_ptr<IsolatedScanner> started(const std::string& device, ScanRecorder& recorder,
                                             const std::string& pnm_file = {}) {
        IsolatedScannerOptions options;
        options.host_program = KIOSK_SCANNER_HOST;
        options.sane.device = device;
        options.sane.reopen_interval = std::chrono::milliseconds(200);
        auto scanner = std::make_unique<IsolatedScanner>(options);
        if (!pnm_file.empty())
            scanner->set_backend_option("filename", pnm_file);
        EXPECT_TRUE(scanner->start(recorder.sink()).ok());
        return scanner;
    }

    static bool has_status(const std::vector<ScannerEvent>& events, DeviceState state,
                           const std::string& reason) {
        return std::any_of(events.begin(), events.end(), [&](const ScannerEvent& event) {
            auto* status = std::get_if<domain::DeviceStatus>(&event);
            return status && status->state == state && status->reason == reason;
        });
    }
};

TEST_F(SaneScannerRig, FindsTheRigsDevices) {
    auto devices = SaneScanner::list_devices();
    ASSERT_TRUE(devices.ok()) << devices.error().describe();
    std::vector<std::string> names;
    for (const auto& device : devices.value())
        names.push_back(device.name);
    EXPECT_NE(std::find(names.begin(), names.end(), "test:0"), names.end());
    EXPECT_NE(std::find(names.begin(), names.end(), "pnm:0"), names.end());
}

TEST_F(SaneScannerRig, ScansAGreyA4PageWithProgress) {
    ScanRecorder recorder;
    auto scanner = started("test:0", recorder);
    scanner->set_backend_option("test-picture", "Color pattern");
    ASSERT_TRUE(scanner->scan({.dpi = 150, .color = false}).ok());
    ASSERT_TRUE(recorder.wait_for_end());
    auto finished = recorder.finished();
    ASSERT_TRUE(finished) << recorder.failed()->error.describe();
    const auto& page = finished->page;
    EXPECT_EQ(page.width, 1240); // 210 mm at 150 dpi
    EXPECT_NEAR(page.height, 1754, 1);
    EXPECT_EQ(page.channels, 1);
    EXPECT_EQ(page.dpi, 150);
    EXPECT_EQ(page.pixels.size(), static_cast<size_t>(page.width) * page.height);
    auto progress = recorder.progress();
    ASSERT_GE(progress.size(), 3u);
    EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));
    EXPECT_GE(progress.back(), 90);
    EXPECT_TRUE(has_status(recorder.events(), DeviceState::Busy, ""));
    EXPECT_EQ(scanner->status().state, DeviceState::Ready);
}

TEST_F(SaneScannerRig, ScansColourAndAsksForTheResolution) {
    ScanRecorder recorder;
    auto scanner = started("test:0", recorder);
    ASSERT_TRUE(scanner->scan({.dpi = 100, .color = true}).ok());
    ASSERT_TRUE(recorder.wait_for_end());
    auto finished = recorder.finished();
    ASSERT_TRUE(finished);
    EXPECT_EQ(finished->page.channels, 3);
    EXPECT_NEAR(finished->page.width, 827, 1); // 210 mm at 100 dpi
    EXPECT_EQ(finished->page.pixels.size(),
              static_cast<size_t>(finished->page.width) * finished->page.height * 3);
}

TEST_F(SaneScannerRig, ConvertsLineArtAndSixteenBitDepths) {
    for (auto [depth, picture, expected] :
         {std::tuple{"1", "Solid black", 0}, std::tuple{"16", "Solid white", 255}}) {
        ScanRecorder recorder;
        auto scanner = started("test:0", recorder);
        scanner->set_backend_option("depth", depth);
        scanner->set_backend_option("test-picture", picture);
        ASSERT_TRUE(scanner->scan({.dpi = 75}).ok());
        ASSERT_TRUE(recorder.wait_for_end());
        auto finished = recorder.finished();
        ASSERT_TRUE(finished) << depth << ": " << recorder.failed()->error.describe();
        const auto& pixels = finished->page.pixels;
        EXPECT_EQ(finished->page.channels, 1);
        EXPECT_EQ(pixels.size(), static_cast<size_t>(finished->page.width) * finished->page.height);
        EXPECT_TRUE(std::all_of(pixels.begin(), pixels.end(), [&](uint8_t v) { return v == expected; }))
            << "depth " << depth;
    }
}

TEST_F(SaneScannerRig, HandScannerWithUnknownHeightStillEnds) {
    ScanRecorder recorder;
    auto scanner = started("test:0", recorder);
    scanner->set_backend_option("hand-scanner", "yes");
    ASSERT_TRUE(scanner->scan({.dpi = 75}).ok());
    ASSERT_TRUE(recorder.wait_for_end());
    auto finished = recorder.finished();
    ASSERT_TRUE(finished) << recorder.failed()->error.describe();
    EXPECT_GT(finished->page.height, 0);
    for (int percent : recorder.progress())
        EXPECT_LE(percent, 99);
}

TEST_F(SaneScannerRig, CancelStopsASlowScan) {
    ScanRecorder recorder;
    auto scanner = started("test:0", recorder);
    // About 10 s for the page: 4 KB reads, each 20 ms late.
    scanner->set_backend_option("read-limit", "yes");
    scanner->set_backend_option("read-limit-size", "4096");
    scanner->set_backend_option("read-delay", "yes");
    scanner->set_backend_option("read-delay-duration", "20000");
    ASSERT_TRUE(scanner->scan({.dpi = 150}).ok());
    ASSERT_TRUE(recorder.wait_for(
        [](const auto& events) {
            return std::any_of(events.begin(), events.end(), [](const ScannerEvent& event) {
                return std::holds_alternative<ScanProgress>(event) &&
                       std::get<ScanProgress>(event).percent >= 5;
            });
        },
        std::chrono::seconds(5)));
    EXPECT_EQ(scanner->scan({.dpi = 150}).error().code, ErrorCode::Busy); // one scan at a time
    auto cancelled_at = std::chrono::steady_clock::now();
    scanner->cancel();
    ASSERT_TRUE(recorder.wait_for_end(std::chrono::seconds(3)));
    EXPECT_LT(std::chrono::steady_clock::now() - cancelled_at, std::chrono::seconds(2));
    auto failed = recorder.failed();
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->error.message, "scan cancelled");
    EXPECT_EQ(scanner->status().state, DeviceState::Ready);
    EXPECT_LT(recorder.progress().back(), 90);
}

struct Fault {
    const char* sane;
    DeviceState state;
    FixedBy fixed_by;
    const char* reason;
};

class SaneScannerFaults : public SaneScannerRig, public ::testing::WithParamInterface<Fault> {};

TEST_P(SaneScannerFaults, AreReportedAndClearWithTheNextGoodScan) {
    const auto& fault = GetParam();
    ScanRecorder recorder;
    auto scanner = started("test:0", recorder);
    scanner->set_backend_option("read-return-value", fault.sane);
    ASSERT_TRUE(scanner->scan({.dpi = 75}).ok());
    ASSERT_TRUE(recorder.wait_for_end());
    auto failed = recorder.failed();
    ASSERT_TRUE(failed) << fault.sane;
    EXPECT_NE(failed->error.message.find(fault.reason), std::string::npos) << failed->error.message;
    auto status = scanner->status();
    EXPECT_EQ(status.state, fault.state);
    EXPECT_EQ(status.reason, fault.reason);
    if (fault.state == DeviceState::Fault) {
        EXPECT_EQ(status.fixed_by, fault.fixed_by);
    }
    EXPECT_TRUE(has_status(recorder.events(), fault.state, fault.reason));

    // Staff cleared it: scanning is how a SANE scanner tells.
    ScanRecorder after;
    scanner->stop();
    ASSERT_TRUE(scanner->start(after.sink()).ok());
    scanner->set_backend_option("read-return-value", "Default");
    ASSERT_TRUE(scanner->scan({.dpi = 75}).ok());
    ASSERT_TRUE(after.wait_for_end());
    EXPECT_TRUE(after.finished());
    EXPECT_EQ(scanner->status().state, DeviceState::Ready);
    EXPECT_EQ(scanner->status().reason, "");
}

INSTANTIATE_TEST_SUITE_P(
    TestBackend, SaneScannerFaults,
    ::testing::Values(Fault{"SANE_STATUS_JAMMED", DeviceState::Fault, FixedBy::HallStaff, "jammed"},
                      Fault{"SANE_STATUS_NO_DOCS", DeviceState::Ready, FixedBy::Auto, "no-document"},
                      Fault{"SANE_STATUS_COVER_OPEN", DeviceState::Fault, FixedBy::HallStaff, "cover-open"},
                      Fault{"SANE_STATUS_DEVICE_BUSY", DeviceState::Busy, FixedBy::Auto, "device-busy"},
                      Fault{"SANE_STATUS_IO_ERROR", DeviceState::Fault, FixedBy::Engineer, "io-error"}));

TEST_F(SaneScannerRig, AMissingDeviceIsAbsentAndScansFailClearly) {
    ScanRecorder recorder;
    auto scanner = started("test:7", recorder); // the rig has test:0 and test:1
    ASSERT_TRUE(recorder.wait_for(
        [&](const auto& events) { return has_status(events, DeviceState::Absent, "unplugged"); }));
    EXPECT_EQ(scanner->status().fixed_by, FixedBy::HallStaff);
    ASSERT_TRUE(scanner->scan({.dpi = 75}).ok());
    ASSERT_TRUE(recorder.wait_for_end());
    auto failed = recorder.failed();
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->error.code, ErrorCode::NotFound);
    EXPECT_NE(failed->error.message.find("test:7"), std::string::npos);
}

TEST_F(SaneScannerRig, AnOptionTheDeviceLacksFailsTheScanNotTheDevice) {
    ScanRecorder recorder;
    auto scanner = started("test:0", recorder);
    scanner->set_backend_option("no-such-option", "1");
    ASSERT_TRUE(scanner->scan({.dpi = 75}).ok());
    ASSERT_TRUE(recorder.wait_for_end());
    auto failed = recorder.failed();
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->error.code, ErrorCode::Unsupported);
    EXPECT_EQ(scanner->status().state, DeviceState::Ready);
}

// An 8-bit P5 page with a known pattern (the pnm backend needs 8 bits: docs/specs/test-rig.md §2).
constexpr int pattern_width = 300, pattern_height = 200;
std::vector<uint8_t> write_pattern(const std::string& path) {
    std::vector<uint8_t> pixels(pattern_width * pattern_height);
    for (int y = 0; y < pattern_height; ++y)
        for (int x = 0; x < pattern_width; ++x)
            pixels[y * pattern_width + x] = static_cast<uint8_t>((x + 3 * y) % 251);
    std::ofstream out(path, std::ios::binary);
    out << "P5\n" << pattern_width << " " << pattern_height << "\n255\n";
    out.write(reinterpret_cast<const char*>(pixels.data()), static_cast<std::streamsize>(pixels.size()));
    return pixels;
}

TEST_F(SaneScannerRig, PnmBackendReturnsThePreparedPageAsItIs) {
    const int width = pattern_width, height = pattern_height;
    std::string path = testing::scan_rig() + "/pattern.pgm";
    auto pixels = write_pattern(path);
    ScanRecorder recorder;
    auto scanner = started("pnm:0", recorder, path);
    ASSERT_TRUE(scanner->scan({.dpi = 150}).ok());
    ASSERT_TRUE(recorder.wait_for_end());
    auto finished = recorder.finished();
    ASSERT_TRUE(finished) << recorder.failed()->error.describe();
    EXPECT_EQ(finished->page.width, width);
    EXPECT_EQ(finished->page.height, height);
    EXPECT_EQ(finished->page.dpi, 150);
    EXPECT_EQ(finished->page.pixels, pixels);
}

TEST_F(SaneScannerRig, PnmBackendJamIsReported) {
    ScanRecorder recorder;
    std::string path = testing::scan_rig() + "/pattern-jam.pgm";
    write_pattern(path);
    auto scanner = started("pnm:0", recorder, path);
    scanner->set_backend_option("status-jammed", "yes");
    ASSERT_TRUE(scanner->scan({.dpi = 150}).ok());
    ASSERT_TRUE(recorder.wait_for_end());
    ASSERT_TRUE(recorder.failed());
    EXPECT_EQ(scanner->status().reason, "jammed");
}

TEST_F(SaneScannerRig, StopDuringAScanEndsItWithoutLaterEvents) {
    ScanRecorder recorder;
    auto scanner = started("test:0", recorder);
    scanner->set_backend_option("read-delay", "yes");
    scanner->set_backend_option("read-delay-duration", "50000");
    ASSERT_TRUE(scanner->scan({.dpi = 150}).ok());
    ASSERT_TRUE(recorder.wait_for(
        [](const auto& events) {
            return std::any_of(events.begin(), events.end(),
                               [](const ScannerEvent& e) { return std::holds_alternative<ScanProgress>(e); });
        },
        std::chrono::seconds(5)));
    auto stopping = std::chrono::steady_clock::now();
    scanner->stop();
    EXPECT_LT(std::chrono::steady_clock::now() - stopping, std::chrono::seconds(3));
    size_t seen = recorder.events().size();
    ASSERT_TRUE(scanner->start(recorder.sink()).ok()); // and it can scan again
    ASSERT_TRUE(scanner->scan({.dpi = 75}).ok());
    ASSERT_TRUE(recorder.wait_for([&](const auto& events) {
        for (size_t i = seen; i < events.size(); ++i)
            if (std::holds_alternative<ScanFinished>(events[i]) ||
                std::holds_alternative<ScanFailed>(events[i]))
                return true;
        return false;
    }));
}

} // namespace
} // namespace kiosk::drivers
