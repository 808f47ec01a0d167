#pragma once
// The self-test run when staff leave maintenance (and by `kiosk-devctl selftest`): given the five
// devices' statuses and the catalog, does the kiosk serve, and what does it withdraw?
// (docs/Maintenance.md "The self-test rule".)
//
// The rule is the one the citizen screens grey matters by (ui/scenes/ChecklistScene.cpp and the home,
// identify and certificates scenes), in one place:
//   - applying for any matter needs the document scanner (materials, passport pages) and the receipt
//     printer (the acceptance receipt): without either the kiosk cannot serve → out of service;
//   - the A4 printer prints checklists and certificates: without it those are withdrawn (the matters
//     that issue certificates are named), the rest serves;
//   - the ID-card reader and the QR scanner are ways in: without one that way is withdrawn (a passport
//     page on the scanner still identifies; progress by receipt code needs the QR scanner).
// A printer whose consumable is out by the kiosk's own count (the `withdrawn` answer) counts as
// failing even when the printer still says ready.

#include "core/domain/Catalog.h"
#include "core/domain/DeviceStatus.h"

#include <array>
#include <functional>
#include <string>
#include <vector>

namespace kiosk::services {

// The five devices in domain::DeviceKind order.
using DeviceStatuses = std::array<domain::DeviceStatus, 5>;

// For a printer: whether its consumable is out by the kiosk's counters (another part of the staff
// side); may be empty.
using PrinterWithdrawn = std::function<bool(domain::DeviceKind printer)>;

struct DeviceFailure {
    domain::DeviceKind device = domain::DeviceKind::IdCardReader;
    domain::DeviceState state = domain::DeviceState::Absent;
    std::string reason;      // the device's reason keyword ("media-empty", "unplugged"), or "consumable-out"
    bool consumable = false; // paper, toner: staff refill it (reason "consumables" when it stops service)
    bool needed = false;     // the kiosk cannot serve without it
};

struct SelfTestResult {
    bool passed = true;    // every device ready
    bool can_serve = true; // the devices every application needs are ready (maybe with withdrawals)
    std::vector<DeviceFailure> failures;
    // What stops being offered while the rest serves: "checklist-print", "certificates",
    // "identify-by-card", "progress-by-qr", then "matter:<id>" for each matter issuing a certificate.
    std::vector<std::string> withdrawn;

    // Out of service because of this test: "hardware" or "consumables" (consumables only when every
    // needed device that fails fails for a consumable); "" when it can serve.
    std::string out_reason() const;
    // For staff and the audit log: "receipt_printer fault media-empty (consumable); scanner absent
    // unplugged"; "all devices ready" when passed.
    std::string detail() const;
};

// True for the printer reasons that are a consumable running out, not a fault of the machine.
bool is_consumable_reason(std::string_view reason);

SelfTestResult run_self_test(const DeviceStatuses& statuses, const domain::Catalog* catalog,
                             const PrinterWithdrawn& withdrawn = {});

} // namespace kiosk::services
