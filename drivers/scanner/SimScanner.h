#pragma once
// In-process simulated scanner: produces a blank grey A4 page with progress, or a fault on command.

#include "drivers/common/SimCore.h"
#include "drivers/scanner/Scanner.h"

#include <atomic>

namespace kiosk::drivers {

class SimScanner final : public Scanner {
public:
    SimScanner();
    ~SimScanner() override;

    Result<void> start(Sink sink) override;
    void stop() override;
    Result<void> scan(const ScanRequest& request) override;
    void cancel() override;
    domain::DeviceStatus status() const override { return m_core.status(); }

    // Demo and test controls.
    void jam(); // paper jam: fault until clear_fault()
    void clear_fault();

private:
    SimCore<ScannerEvent> m_core;
    std::atomic<bool> m_scanning{false};
    std::atomic<bool> m_cancelled{false};
};

} // namespace kiosk::drivers
