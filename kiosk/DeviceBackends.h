#pragma once
// Picks each device's backend from config — the only place that knows the concrete classes.
// "sim" answers nullptr: the app then uses its in-process simulator (Simulators in DemoKeys.h).

#include "core/base/Config.h"
#include "core/base/Result.h"
#include "drivers/idcard/IdCardReader.h"
#include "drivers/printer/Printer.h"
#include "drivers/qr/QrScanner.h"
#include "drivers/scanner/Scanner.h"

#include <memory>

namespace kiosk::app {

// devices.idcard: "sim" | "sam-serial" (device = tty path, baud) | "sam-usb" (device = VID:PID list,
// empty for the known readers). An unknown backend or a bad option is a config error at startup.
Result<std::unique_ptr<drivers::IdCardReader>> make_idcard_reader(const DeviceOptions& options);

// devices.receipt_printer / devices.a4_printer: "sim" | "cups" (device = the CUPS queue, server =
// the scheduler, empty for libcups's default).
Result<std::unique_ptr<drivers::Printer>> make_printer(domain::DeviceKind role, const DeviceOptions& options);

// devices.scanner: "sim" | "sane" (device = the SANE device name as `scanimage -L` lists it;
// SANE's own config, or SANE_CONFIG_DIR, says which backends are loaded).
Result<std::unique_ptr<drivers::Scanner>> make_scanner(const DeviceOptions& options);

// devices.qr: "sim" | "serial" (device = tty path of a CDC-ACM or serial scanner, baud) | "wedge" (a
// keyboard-wedge scanner: the app feeds the WedgeQrScanner its window's key input).
Result<std::unique_ptr<drivers::QrScanner>> make_qr_scanner(const DeviceOptions& options);

} // namespace kiosk::app
