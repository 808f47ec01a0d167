#pragma once
// Blocking helpers for the device CLI (kiosk-devctl printer …), built on the same path as the kiosk:
// submit_and_wait runs a CupsPrinter, queue_status one CUPS session read.

#include "drivers/printer/CupsPrinter.h"

#include <chrono>
#include <optional>

namespace kiosk::drivers::cups {

struct JobOutcome {
    int cups_job_id = 0;                  // 0 when the job never reached the queue
    std::optional<Error> failure;         // empty: printed
    std::chrono::milliseconds elapsed{0}; // from submit to the end
    domain::DeviceStatus status;          // the printer's status at the end
};

// Submits `pdf` to `queue` and waits until the job ends. An Error when it could not be submitted
// (ErrorCode::Device) or did not end within `deadline` (ErrorCode::Timeout; it stays in CUPS); a
// job that ran and failed is a JobOutcome with its failure.
Result<JobOutcome> submit_and_wait(const std::string& queue, std::vector<uint8_t> pdf,
                                   const std::string& title, std::chrono::milliseconds deadline,
                                   CupsPrinterOptions options = {});

struct QueueReport {
    QueueSnapshot raw;           // printer-state, reasons, accepting, markers, device URI …
    domain::DeviceStatus status; // what the kiosk makes of it
};

// The queue's status now. Never fails on an unreachable scheduler or a missing queue: those are
// statuses ("cups-unreachable", "queue-missing").
QueueReport queue_status(const std::string& queue, domain::DeviceKind kind, SessionOptions options = {});

} // namespace kiosk::drivers::cups
