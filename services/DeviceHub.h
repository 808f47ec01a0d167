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
    // What scenes go by: the device's own report, unless the kiosk withdrew a device that reports itself
    // usable (set_withdrawn): then a fault for staff with the withdrawal's reason.
    const domain::DeviceStatus& status(domain::DeviceKind kind) const;
    // The device's own last report.
    const domain::DeviceStatus& reported(domain::DeviceKind kind) const;
    // UI thread. A device that must not be offered though it reports itself usable: a printer whose
    // paper the kiosk counts as used up ("receipt-paper-out"). Empty: offered again. Returns true when
    // what status() answers changed; the caller then posts the device's DeviceStatusChanged (its
    // reported() status) so scenes redraw.
    bool set_withdrawn(domain::DeviceKind kind, std::string reason);
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
    void refresh(domain::DeviceKind kind);

    std::array<domain::DeviceStatus, 5> m_statuses;  // as reported
    std::array<domain::DeviceStatus, 5> m_effective; // as scenes see them
    std::array<std::string, 5> m_withdrawn;          // why a usable device is withdrawn, "" when not
    std::mutex m_sink_mutex;
    PageSink m_page_sink; // the scan in progress's; taken by the scanner's thread when it ends
};

} // namespace kiosk::services
