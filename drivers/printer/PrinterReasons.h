#pragma once
// What a CUPS queue and its printer say (IPP printer-state, printer-state-reasons — RFC 8011
// §5.4.11/§5.4.12, PWG 5100.9 — and the CUPS additions) mapped onto the one device status.
//
// Who fixes what (first match wins):
//   scheduler unreachable            → Fault, Engineer, "cups-unreachable"
//   queue missing                    → Fault, Engineer, "queue-missing"
//   printer unreachable (offline,    → Absent, HallStaff, "printer-unreachable": power and cable are
//     "may not exist" message)         the first things to check
//   queue stopped (paused)           → Fault, Engineer, "queue-stopped": an engineer paused it, or
//                                      CUPS stopped it after errors it could not get past; restarting
//                                      it blindly would hide the cause
//   not accepting jobs               → Fault, Engineer, "queue-rejecting"
//   media-jam                        → Fault, HallStaff, "media-jam"
//   media-empty, media-needed        → Fault, HallStaff, "media-empty"
//   door-open, cover-open, interlock → Fault, HallStaff, "cover-open"
//   toner-empty, marker-supply-empty → Fault, HallStaff, "toner-empty"
//   input-tray-missing               → Fault, HallStaff, "tray-missing"
//   media-low, toner-low, marker-    → Ready/Busy with the warning as reason ("media-low", "toner-low")
//     supply-low
//   processing / idle                → Busy / Ready
// Reasons from the printer itself, when it could be asked, win over the queue's: cupsd only hears
// from the printer while a job runs and keeps what it heard last (a cleared jam stays on an idle queue).

#include "core/domain/DeviceStatus.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::drivers {

struct Marker {
    std::string name; // "Black Toner"
    std::string type; // "toner", "ink", "wasteToner" (marker-types / printer-supply type)
    int level = -1;   // percent; -1 unknown
};

struct QueueSnapshot {
    bool scheduler_reachable = true;
    bool queue_found = true;
    int printer_state = 3;            // IPP enum: 3 idle, 4 processing, 5 stopped
    std::vector<std::string> reasons; // the queue's printer-state-reasons, as cupsd reports them
    std::string state_message;        // the queue's printer-state-message
    bool accepting = true;            // printer-is-accepting-jobs
    std::string device_uri;           // where the queue prints to
    std::vector<Marker> markers;      // marker-* of the queue, else printer-supply of the printer
    std::vector<std::string> media_ready;
    // The printer itself, asked directly when the device URI is ipp(s)://: nullopt when not asked.
    std::optional<bool> device_reachable;
    int device_state = 3;
    std::vector<std::string> device_reasons;
};

// "media-empty-error" → "media-empty"; keywords without a severity suffix come back unchanged.
std::string strip_severity(std::string_view keyword);

// The message cupsd's ipp backend sets while it cannot reach the printer.
bool says_printer_unreachable(std::string_view message);

domain::DeviceStatus map_queue_status(domain::DeviceKind kind, const QueueSnapshot& snapshot);

} // namespace kiosk::drivers
