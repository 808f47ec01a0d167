#pragma once
// A document scanner (flatbed or feeder). One scan at a time, on the scanner's own thread, with
// progress; faults (jam, no document, cover open) arrive as ScanFailed plus a status change.

#include "core/base/Result.h"
#include "core/domain/DeviceStatus.h"

#include <cstdint>
#include <functional>
#include <variant>
#include <vector>

namespace kiosk::drivers {

struct ScanRequest {
    int dpi = 300;      // dots per inch
    bool color = false; // grey is enough for most materials and a third of the size
};

// An 8-bit grey or RGB image, row-major without padding.
struct ScannedPage {
    int width = 0;
    int height = 0;
    int channels = 1; // 1 grey, 3 RGB
    int dpi = 300;
    std::vector<uint8_t> pixels;
};

struct ScanProgress {
    int percent = 0;
};
struct ScanFinished {
    ScannedPage page;
};
struct ScanFailed {
    Error error;
};
using ScannerEvent = std::variant<ScanProgress, ScanFinished, ScanFailed, domain::DeviceStatus>;

class Scanner {
public:
    using Sink = std::function<void(ScannerEvent)>;
    virtual ~Scanner() = default;

    virtual Result<void> start(Sink sink) = 0;
    virtual void stop() = 0;
    // Fails at once (Busy) if a scan is running; otherwise the outcome arrives through the sink.
    virtual Result<void> scan(const ScanRequest& request) = 0;
    virtual void cancel() = 0;
    virtual domain::DeviceStatus status() const = 0;
};

} // namespace kiosk::drivers
