#pragma once
// Owns the link between device drivers and the UI thread: starts every device, turns driver
// callbacks (on device threads) into AppEvents on the UI queue, and keeps the latest status of
// each device for scenes to read (on the UI thread, as DeviceStatusChanged events are handled).

#include "drivers/idcard/IdCardReader.h"
#include "drivers/printer/Printer.h"
#include "drivers/qr/QrScanner.h"
#include "drivers/scanner/Scanner.h"
#include "kiosk/services/Events.h"

#include <array>

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

    // Service calls scenes may make (the work happens on the device's thread).
    Result<void> scan(const drivers::ScanRequest& request);
    Result<int> print(domain::DeviceKind printer, drivers::PrintJob job);

private:
    DeviceSet m_devices;
    AppEventQueue& m_queue;
    std::array<domain::DeviceStatus, 5> m_statuses;
};

} // namespace kiosk::services
