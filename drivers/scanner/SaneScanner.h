#pragma once
// The real scanner: one SANE device (libsane: any backend SANE has — the kiosk's flatbed or feeder,
// or the test and pnm backends of the test rig, docs/specs/test-rig.md §2) on one owner thread.
// scan() returns at once; the owner thread sets the options (mode Gray/Color, resolution, source,
// a 210 × 297 mm area from the top-left corner when the device has geometry options), reads the
// page with ScanProgress events (bytes read against sane_get_parameters; hand scanners that do not
// know the height are measured against an A4 height) and ends with ScanFinished or ScanFailed.
// cancel() stops a scan under way (sane_cancel) and it ends with ScanFailed "scan cancelled".
//
// Status (SaneStatus.h says which SANE status means what): the device is opened at start() and
// kept open; a device that will not open is Absent and is tried again every reopen_interval. A scan
// may be asked for in any state but during another scan: trying is the only way a SANE scanner
// tells that a jam was cleared or a page put in, and a failed attempt reports why. After an I/O
// error the device is closed and opened afresh for the next scan.

#include "core/base/Worker.h"
#include "drivers/common/EventSink.h"
#include "drivers/scanner/SaneDevice.h"
#include "drivers/scanner/Scanner.h"

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace kiosk::drivers {

struct SaneScannerOptions {
    std::string device = "test:0"; // the SANE device name, as `scanimage -L` lists it
    // "Flatbed" or "ADF" (or the backend's own name for it); empty: the device's default.
    std::string source;
    bool a4_area = true;                             // limit the scan area to A4 when the device can
    std::chrono::milliseconds reopen_interval{5000}; // between open attempts while the device is absent
    std::string thread_name = "scanner-sane";        // for top/gdb (15 characters at most)
};

class SaneScanner final : public Scanner {
public:
    explicit SaneScanner(SaneScannerOptions options);
    // Stops; must not be called from within the sink.
    ~SaneScanner() override;
    SaneScanner(const SaneScanner&) = delete;
    SaneScanner& operator=(const SaneScanner&) = delete;

    Result<void> start(Sink sink) override;
    // Cancels a scan under way; no sink call happens after stop() returns.
    void stop() override;
    Result<void> scan(const ScanRequest& request) override;
    void cancel() override;
    domain::DeviceStatus status() const override;

    // A backend's own option, set before every following scan: the pnm backend's "filename" (the
    // image it returns), the test backend's "read-return-value" (fault injection). Text as scanimage
    // takes it.
    void set_backend_option(const std::string& name, const std::string& value);

    // Runs `task` on the owner thread once everything given to it before has finished: never, when
    // a backend call has wedged it (kiosk-scanner-host answers a ping with this).
    void after_pending(std::function<void()> task);

    // The devices SANE finds (SaneLibrary::devices: blocking, never on the UI thread).
    static Result<std::vector<SaneDeviceInfo>> list_devices() { return SaneLibrary::devices(); }

private:
    void open_device();
    void run_scan(const ScanRequest& request);
    Result<int> configure(const ScanRequest& request); // the dpi the device will scan at
    Result<ScannedPage> read_page(int dpi, SANE_Status& sane_failure);
    void fail_with(SANE_Status status, const std::string& what);
    void publish(domain::DeviceStatus status);

    SaneScannerOptions m_options;

    EventSink<ScannerEvent> m_sink; // emitted to from the owner thread

    mutable std::mutex m_mutex; // guards the fields below up to the owner-thread ones
    bool m_running = false;
    domain::DeviceStatus m_status;
    bool m_status_reported = false;
    std::map<std::string, std::string> m_backend_options;
    SANE_Handle m_cancel_handle = nullptr; // the open handle, for sane_cancel from other threads

    std::atomic<bool> m_scanning{false};
    std::atomic<bool> m_cancelled{false};

    // Owner thread only.
    SaneDevice m_device;
    bool m_library = false; // SaneLibrary acquired

    Worker m_worker; // last: joined first, while the members its tasks use are still alive
};

} // namespace kiosk::drivers
