#pragma once
// Typed events, one meaning each, posted to the UI thread's queue by services and device workers.

#include "kiosk/base/EventQueue.h"
#include "kiosk/base/Result.h"
#include "kiosk/domain/DeviceStatus.h"
#include "kiosk/domain/Identity.h"

#include <string>
#include <variant>

namespace kiosk::services {

struct CardRead {
    domain::Identity identity;
};
struct CardRemoved {};
struct CardReadFailed {
    Error error;
};
struct QrScanned {
    std::string text; // untrusted, at most drivers::kMaxQrPayloadBytes
};
struct QrRejected {
    Error error; // the payload was refused (too long to be a code); it is not carried here
};
struct DeviceStatusChanged {
    domain::DeviceStatus status;
};
struct ScanProgressed {
    int percent = 0;
};
struct ScanCompleted {
    int width = 0, height = 0, dpi = 0;
};
struct ScanFailed {
    Error error;
};
struct PrintCompleted {
    domain::DeviceKind printer = domain::DeviceKind::ReceiptPrinter;
    int job_id = 0;
};
struct PrintFailed {
    domain::DeviceKind printer = domain::DeviceKind::ReceiptPrinter;
    int job_id = 0;
    Error error;
};

// The local store cannot be opened or written: no application may be accepted until it is fixed.
struct StoreUnavailable {
    Error error;
};

using AppEvent =
    std::variant<CardRead, CardRemoved, CardReadFailed, QrScanned, QrRejected, DeviceStatusChanged,
                 ScanProgressed, ScanCompleted, ScanFailed, PrintCompleted, PrintFailed, StoreUnavailable>;
using AppEventQueue = EventQueue<AppEvent>;

const char* event_name(const AppEvent& event); // for traces and logs: never the payload

} // namespace kiosk::services
