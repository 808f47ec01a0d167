#pragma once
// What a print takes from its printer's paper, measured from the PDF that goes to it (docs/Maintenance.md
// "Consumables and their forecast"): the number of pages and, for the receipt roll, how long they are.
// A receipt is one page exactly as tall as its content (data/templates/README.md "page"), so its
// MediaBox is the length printed; the feed and cut margin comes from the config, not from here.

#include "core/domain/DeviceStatus.h"
#include "core/store/PrintLedger.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace kiosk::services {

struct PdfMeasure {
    int pages = 0;        // page objects (/Type /Page)
    double length_mm = 0; // the pages' heights added up; 0 when the PDF names no MediaBox we could read
};

// Reads the page objects and their /MediaBox entries of a PDF. The bytes may come from outside (a
// certificate the hub rendered): a bounded scan, no object parsing; nothing for bytes that are not a
// PDF or name no page. A MediaBox inherited from the page tree counts for every page. Pages in
// compressed object streams are not seen (the kiosk's and the hub's Cairo does not write them).
std::optional<PdfMeasure> measure_pdf(std::span<const std::uint8_t> pdf);

// One finished print that took paper: what PrintService tells the consumables counter.
struct PrintUsage {
    domain::DeviceKind printer = domain::DeviceKind::ReceiptPrinter;
    store::PrintKind kind = store::PrintKind::Receipt;
    int pages = 0;        // sheets, on the A4 printer (one side each)
    double length_mm = 0; // of paper its pages took, 0 when unknown
    // Why it counts: "completed", "uncertain" (it may have printed) or the printer's "media-jam".
    std::string outcome;
};

} // namespace kiosk::services
