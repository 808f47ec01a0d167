#pragma once
// Owns the link between device drivers and the UI thread: starts every device, turns driver
// callbacks (on device threads) into AppEvents on the UI queue, and keeps the latest status of
// each device for scenes to read (on the UI thread, as DeviceStatusChanged events are handled).

#include "drivers/idcard/IdCardReader.h"
#include "drivers/printer/Printer.h"
#include "drivers/qr/QrScanner.h"
#include "drivers/scanner/Scanner.h"
#include "services/Events.h"

#include <array>
#include <functional>
#include <mutex>

namespace kiosk::services {

struct DeviceSet {
    drivers::IdCardReader* idcard = nullptr;
    drivers::Scanner* scanner = nullptr;
    drivers::QrScanner* qr = nullptr;
    drivers::Printer* receipt_printer = nullptr;
    drivers::Printer* a4_printer = nullptr;
};

class DeviceHub {
public:
    DeviceHub(DeviceSet devices, AppEventQueue& queue);
    ~DeviceHub();

    // Starts every device present; a device that fails to start is reported as a fault, the rest
    // keep going.
    void start();
    void stop();

    // UI thread: record a status change before scenes see it.
    void note(const domain::DeviceStatus& status);
    const domain::DeviceStatus& status(domain::DeviceKind kind) const;
    bool usable(domain::DeviceKind kind) const { return status(kind).usable(); }

    // Where a scanned page goes: called on the scanner's thread with the page (a few MB, moved).
    using PageSink = std::function<void(drivers::ScannedPage page)>;

    // Service calls (the work happens on the device's thread). A scan's page goes to `sink`; the UI
    // thread hears ScanProgressed and ScanCompleted (without the pixels) or ScanFailed. Busy while
    // another scan is followed (its page must not reach this sink).
    Result<void> scan(const drivers::ScanRequest& request, PageSink sink);
    Result<int> print(domain::DeviceKind printer, drivers::PrintJob job);

private:
    PageSink take_page_sink();
    void deliver_page(drivers::ScannedPage page); // the scanner's thread

    DeviceSet m_devices;
    AppEventQueue& m_queue;
    std::array<domain::DeviceStatus, 5> m_statuses;
    std::mutex m_sink_mutex;
    PageSink m_page_sink; // the scan in progress's; taken by the scanner's thread when it ends
};

} // namespace kiosk::services
