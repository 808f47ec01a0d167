#pragma once
// In-process simulated scanner: produces the document placed on its glass (a blank grey A4 sheet
// when none is) with progress, or a fault on command.

#include "drivers/common/SimCore.h"
#include "drivers/scanner/Scanner.h"

#include <atomic>
#include <memory>
#include <mutex>

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
    void jam(); // paper jam: fault until clear_fault(); a scan under way fails
    void clear_fault();
    // What lies on the glass: later scans return a copy of it, at its own resolution. Null: a blank
    // sheet at the resolution asked for.
    void place_document(std::shared_ptr<const ScannedPage> page);

private:
    SimCore<ScannerEvent> m_core;
    std::atomic<bool> m_scanning{false};
    std::atomic<bool> m_cancelled{false};
    std::atomic<int> m_scan_id{0};
    std::mutex m_glass_mutex;
    std::shared_ptr<const ScannedPage> m_glass; // guarded by m_glass_mutex // tasks of a scan that a fault
                                                // ended see a newer id and do nothing
};

} // namespace kiosk::drivers
