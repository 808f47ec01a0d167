#pragma once
// The scanning rig for tests: a private SANE config with the test and pnm backends
// (scripts/scan-rig), made once per test program and put into SANE_CONFIG_DIR before libsane starts.

#include "drivers/scanner/Scanner.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::testing {

// The rig's folder (made on first use).
const std::string& scan_rig();

// Collects a scanner's events for a test and waits for them with a deadline.
class ScanRecorder {
public:
    drivers::Scanner::Sink sink();
    // True when `done` held before the deadline; `done` sees all events so far.
    bool wait_for(const std::function<bool(const std::vector<drivers::ScannerEvent>&)>& done,
                  std::chrono::milliseconds deadline = std::chrono::seconds(10));
    bool wait_for_end(std::chrono::milliseconds deadline = std::chrono::seconds(10)); // finished or failed
    std::vector<drivers::ScannerEvent> events() const;
    std::vector<int> progress() const;
    std::optional<drivers::ScanFinished> finished() const;
    std::optional<drivers::ScanFailed> failed() const;
    std::vector<domain::DeviceStatus> statuses() const;

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<drivers::ScannerEvent> m_events;
};

} // namespace kiosk::testing
