#pragma once
// The one status vocabulary every device reports (docs/Architecture.md "Devices"): ready, busy, absent, or a
// fault that says who fixes it; plus consumable levels. A matter needing a faulted device is greyed
// out while the rest of the kiosk keeps serving.

#include "core/base/LocalizedText.h"

#include <string>
#include <vector>

namespace kiosk::domain {

enum class DeviceKind { IdCardReader, Scanner, QrScanner, ReceiptPrinter, A4Printer };
const char* to_string(DeviceKind kind);

enum class DeviceState { Ready, Busy, Absent, Fault };
const char* to_string(DeviceState state);

enum class FixedBy {
    Auto,      // recovers by itself (retrying, warming up)
    HallStaff, // paper, jam, cover, card stuck
    Engineer,  // hardware or driver failure
};
const char* to_string(FixedBy who);

struct Consumable {
    std::string id;    // "paper", "toner", "ribbon"
    int percent = 100; // 0..100; -1 when the device cannot tell
    bool operator==(const Consumable&) const = default;
};

struct DeviceStatus {
    DeviceKind kind = DeviceKind::IdCardReader;
    DeviceState state = DeviceState::Absent;
    FixedBy fixed_by = FixedBy::Auto; // meaningful when state == Fault
    std::string reason;               // machine-readable reason: "media-empty", "jammed", "unplugged"
    std::vector<Consumable> consumables;

    bool usable() const { return state == DeviceState::Ready || state == DeviceState::Busy; }
    bool operator==(const DeviceStatus&) const = default;
};

} // namespace kiosk::domain
