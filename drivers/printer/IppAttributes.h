#pragma once
// What the CUPS driver takes from an IPP answer, as libcups holds it in an ipp_t: the job's state, the
// queue's state and supplies, the printer's own state and printer-supply. The answer comes from cupsd
// or from the printer itself over the network, so every value is outside data: a missing or mistyped
// attribute reads as its fallback, a supply level outside 0..100 as unknown (-1).

#include "drivers/printer/CupsSession.h"
#include "drivers/printer/PrinterReasons.h"

#include <string>
#include <vector>

typedef struct _ipp_s ipp_t; // NOLINT(bugprone-reserved-identifier): libcups' own name

namespace kiosk::drivers::cups {

// Every string value of the attribute `name` (any syntax that has strings); a lone "none" reads as none.
std::vector<std::string> ipp_strings(ipp_t* ipp, const char* name);
std::string ipp_string(ipp_t* ipp, const char* name); // the first of ipp_strings, or ""
int ipp_integer(ipp_t* ipp, const char* name, int fallback);

// Get-Job-Attributes: job-state, job-state-reasons/-message, job-printer-state-reasons/-message.
JobSnapshot read_job_attributes(ipp_t* ipp);
// Get-Printer-Attributes of the queue: printer-state, -reasons, -message, printer-is-accepting-jobs,
// device-uri, media-ready and the marker-* supplies.
void read_queue_attributes(ipp_t* ipp, QueueSnapshot& snapshot);
// Get-Printer-Attributes of the printer itself: its state and reasons, and printer-supply (PWG 5100.13)
// or media-ready where the queue said nothing of them.
void read_printer_attributes(ipp_t* ipp, QueueSnapshot& snapshot);

} // namespace kiosk::drivers::cups
