// libFuzzer target for the PDF measure (services/PrintUsage.h: measure_pdf), which reads the PDFs that
// go to the printers — a certificate among them comes from the hub. Beyond "no crash, no sanitizer
// report": an answer has 1 to 10000 pages and a length that is finite, not negative and no longer than
// that many of PDF's largest pages.

#include "services/PrintUsage.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace {

void require(bool condition) {
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    auto measure = kiosk::services::measure_pdf(std::span(data, size));
    if (!measure)
        return 0;
    require(measure->pages >= 1 && measure->pages <= 10000);
    require(std::isfinite(measure->length_mm) && measure->length_mm >= 0);
    require(measure->length_mm <= measure->pages * 14400 * 25.4 / 72 + 1e-6);
    return 0;
}
