#pragma once
// A printer in one role (80 mm receipt or A4). Jobs are PDF documents; each job is followed to its
// end and reported as finished or failed with the reason. Status carries paper/toner levels.

#include "core/base/Result.h"
#include "core/domain/DeviceStatus.h"

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace kiosk::drivers {

struct PrintJob {
    std::string title;        // job name without personal data ("receipt", "certificate")
    std::vector<uint8_t> pdf; // the document
};

struct PrintFinished {
    int job_id = 0;
};
struct PrintFailed {
    int job_id = 0;
    Error error;
    // The printer's reason keyword when the printer stopped the job (PrinterReasons.h: "media-jam",
    // "media-empty", "job-canceled", …); empty when it never got that far (refused, lost).
    std::string reason;
    // The job may have come out all the same: CUPS accepted it and then lost it or the answer, the
    // printer restarted holding it, a jam was flagged as it completed. Accountable paper must then be
    // booked "unknown" for staff to check, never "failed" (docs/specs/hub-contract.md §6.1).
    bool uncertain = false;
};
using PrinterEvent = std::variant<PrintFinished, PrintFailed, domain::DeviceStatus>;

class Printer {
public:
    using Sink = std::function<void(PrinterEvent)>;
    virtual ~Printer() = default;

    virtual Result<void> start(Sink sink) = 0;
    virtual void stop() = 0;
    // Queues the job and returns its id; the outcome arrives through the sink.
    virtual Result<int> submit(PrintJob job) = 0;
    virtual domain::DeviceStatus status() const = 0;
};

} // namespace kiosk::drivers
