#pragma once
// What a SANE status (SANE standard 1.0 §4.2.2) means for the kiosk: the device status to report and
// the error that ends the scan. Who fixes what:
//   GOOD, EOF                      → Ready
//   CANCELLED                      → Ready; the scan ends with "scan cancelled"
//   NO_DOCS                        → Ready, reason "no-document": the feeder (or the glass) is empty.
//                                    Not a device fault: the citizen is asked to put the page in, and
//                                    the next scan tries again
//   JAMMED                         → Fault, HallStaff, "jammed"
//   COVER_OPEN                     → Fault, HallStaff, "cover-open"
//   DEVICE_BUSY                    → Busy, Auto, "device-busy": another program holds it; retry later
//   ACCESS_DENIED                  → Fault, Engineer, "access-denied" (udev rule, group membership)
//   IO_ERROR, INVAL, NO_MEM,       → Fault, Engineer ("io-error", "invalid-request", "out-of-memory",
//     UNSUPPORTED, anything else     "unsupported", "sane-error")
// A device that cannot be opened at all (unplugged, switched off, wrong name) is Absent, HallStaff,
// "unplugged": power and cable are the first things to check.

#include "core/base/Result.h"
#include "core/domain/DeviceStatus.h"

#include <sane/sane.h>
#include <string>

namespace kiosk::drivers {

struct SaneOutcome {
    domain::DeviceStatus status; // kind Scanner
    ErrorCode code = ErrorCode::Device;
};

// `status` is what a SANE call returned during a scan (sane_start, sane_read, …).
SaneOutcome map_sane_status(SANE_Status status);

// sane_open failed with `status`.
SaneOutcome map_open_failure(SANE_Status status);

} // namespace kiosk::drivers
