#include "core/domain/DeviceStatus.h"

namespace kiosk::domain {

const char* to_string(DeviceKind kind) {
    switch (kind) {
    case DeviceKind::IdCardReader:
        return "idcard_reader";
    case DeviceKind::Scanner:
        return "scanner";
    case DeviceKind::QrScanner:
        return "qr_scanner";
    case DeviceKind::ReceiptPrinter:
        return "receipt_printer";
    case DeviceKind::A4Printer:
        return "a4_printer";
    }
    return "?";
}

const char* to_string(DeviceState state) {
    switch (state) {
    case DeviceState::Ready:
        return "ready";
    case DeviceState::Busy:
        return "busy";
    case DeviceState::Absent:
        return "absent";
    case DeviceState::Fault:
        return "fault";
    }
    return "?";
}

const char* to_string(FixedBy who) {
    switch (who) {
    case FixedBy::Auto:
        return "auto";
    case FixedBy::HallStaff:
        return "hall_staff";
    case FixedBy::Engineer:
        return "engineer";
    }
    return "?";
}

} // namespace kiosk::domain
