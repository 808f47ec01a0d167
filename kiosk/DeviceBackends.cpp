#include "kiosk/DeviceBackends.h"

#include "core/base/Log.h"
#include "drivers/idcard/PhotoDecodingReader.h"
#include "drivers/idcard/SamReader.h"
#include "drivers/idcard/SerialLink.h"
#include "drivers/idcard/UsbHotplug.h"
#include "drivers/idcard/UsbLink.h"
#include "drivers/printer/CupsPrinter.h"
#include "drivers/qr/SerialQrScanner.h"
#include "drivers/qr/WedgeQrScanner.h"
#include "drivers/scanner/IsolatedScanner.h"

namespace kiosk::app {

namespace {

// A native USB reader with libusb's hot-plug events wired to it: unplugged → absent at once, plugged
// back → reopened at once (without them the reader still notices, on its reopen timer).
class UsbReaderWithHotplug final : public drivers::IdCardReader {
public:
    explicit UsbReaderWithHotplug(drivers::sam::UsbOptions usb)
        : m_ids(usb.ids), m_reader(drivers::sam::UsbLink::opener(std::move(usb))) {}
    ~UsbReaderWithHotplug() override { stop(); }

    Result<void> start(Sink sink) override {
        TRY(m_reader.start(std::move(sink)));
        auto hotplug =
            drivers::sam::UsbHotplug::start(m_ids, [this](drivers::sam::UsbHotplugEvent event, auto) {
                event == drivers::sam::UsbHotplugEvent::Arrived ? m_reader.device_arrived()
                                                                : m_reader.device_left();
            });
        if (hotplug)
            m_hotplug = hotplug.release_value();
        else
            log::info("idcard reader: no USB hot-plug events ({}); it is reopened on a timer",
                      hotplug.error().describe());
        return {};
    }
    void stop() override {
        m_hotplug.reset(); // no hot-plug callback after this
        m_reader.stop();
    }
    domain::DeviceStatus status() const override { return m_reader.status(); }

private:
    std::vector<drivers::sam::UsbId> m_ids;
    drivers::SamReader m_reader;
    std::unique_ptr<drivers::sam::UsbHotplug> m_hotplug;
};

Result<std::unique_ptr<drivers::IdCardReader>> make_bare_idcard_reader(const DeviceOptions& options) {
    using namespace drivers;
    if (options.backend == "sim")
        return std::unique_ptr<IdCardReader>();
    if (options.backend == "sam-serial") {
        if (options.device.empty())
            return make_error(ErrorCode::InvalidArgument, "devices.idcard: sam-serial needs a device path");
        TRY(sam::check_baud(options.baud));
        return std::unique_ptr<IdCardReader>(std::make_unique<SamReader>(
            sam::SerialLink::opener({.path = options.device, .baud = options.baud})));
    }
    if (options.backend == "sam-usb") {
        sam::UsbOptions usb;
        if (!options.device.empty())
            usb.ids = TRY(sam::parse_usb_ids(options.device));
        return std::unique_ptr<IdCardReader>(std::make_unique<UsbReaderWithHotplug>(std::move(usb)));
    }
    return make_error(ErrorCode::InvalidArgument,
                      "devices.idcard: unknown backend '" + options.backend + "' (sim, sam-serial, sam-usb)");
}

} // namespace

Result<std::unique_ptr<drivers::IdCardReader>> make_idcard_reader(const DeviceOptions& options) {
    auto reader = TRY(make_bare_idcard_reader(options));
    if (!reader || options.photo_decoder.empty())
        return reader;
    // A decoder that will not load costs the photo, not the reader: the kiosk serves without photos.
    auto decoder = drivers::WltDecoder::load(options.photo_decoder);
    if (!decoder) {
        log::warn("idcard photos off: {}", decoder.error().describe());
        return reader;
    }
    return std::unique_ptr<drivers::IdCardReader>(
        std::make_unique<drivers::PhotoDecodingReader>(std::move(reader), decoder.release_value()));
}

Result<std::unique_ptr<drivers::Printer>> make_printer(domain::DeviceKind role,
                                                       const DeviceOptions& options) {
    const char* name = role == domain::DeviceKind::ReceiptPrinter ? "receipt_printer" : "a4_printer";
    if (options.backend == "sim")
        return std::unique_ptr<drivers::Printer>{};
    if (options.backend != "cups")
        return make_error(
            ErrorCode::InvalidArgument,
            fmt::format("devices.{}.backend: '{}' is not one of sim, cups", name, options.backend));
    if (options.device.empty())
        return make_error(ErrorCode::InvalidArgument,
                          fmt::format("devices.{}.device: the CUPS queue name is missing", name));
    drivers::CupsPrinterOptions cups;
    cups.role = role;
    cups.queue = options.device;
    cups.session.server = options.server;
    cups.thread_name = role == domain::DeviceKind::ReceiptPrinter ? "print-receipt" : "print-a4";
    return std::unique_ptr<drivers::Printer>(std::make_unique<drivers::CupsPrinter>(std::move(cups)));
}

Result<std::unique_ptr<drivers::Scanner>> make_scanner(const DeviceOptions& options) {
    if (options.backend == "sim")
        return std::unique_ptr<drivers::Scanner>{};
    if (options.backend != "sane")
        return make_error(
            ErrorCode::InvalidArgument,
            fmt::format("devices.scanner.backend: '{}' is not one of sim, sane", options.backend));
    if (options.device.empty())
        return make_error(ErrorCode::InvalidArgument,
                          "devices.scanner.device: the SANE device name is missing");
    drivers::IsolatedScannerOptions isolated; // libsane in kiosk-scanner-host (IsolatedScanner.h)
    isolated.sane.device = options.device;
    return std::unique_ptr<drivers::Scanner>(std::make_unique<drivers::IsolatedScanner>(std::move(isolated)));
}

Result<std::unique_ptr<drivers::QrScanner>> make_qr_scanner(const DeviceOptions& options) {
    if (options.backend == "sim")
        return std::unique_ptr<drivers::QrScanner>{};
    if (options.backend == "wedge")
        return std::unique_ptr<drivers::QrScanner>(std::make_unique<drivers::WedgeQrScanner>());
    if (options.backend != "serial")
        return make_error(
            ErrorCode::InvalidArgument,
            fmt::format("devices.qr.backend: '{}' is not one of sim, serial, wedge", options.backend));
    if (options.device.empty())
        return make_error(ErrorCode::InvalidArgument, "devices.qr.device: the scanner's tty path is missing");
    drivers::SerialQrOptions serial;
    serial.path = options.device;
    serial.baud = options.baud;
    return std::unique_ptr<drivers::QrScanner>(std::make_unique<drivers::SerialQrScanner>(std::move(serial)));
}

} // namespace kiosk::app
