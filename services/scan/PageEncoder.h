#pragma once
// Compresses a cleaned page for storage and upload within a size budget: JPEG at falling quality,
// then at a lower resolution, until it fits. 300 KB holds an A4 page of text at 200–300 dpi grey
// with the text still sharp for a clerk and for OCR.

#include "core/base/Result.h"
#include "drivers/scanner/Scanner.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::scan {

struct EncodeOptions {
    size_t budget_bytes = size_t{300} * 1024; // per page on disk
    int first_quality = 80;                   // JPEG quality tried first (1..100)
    int lowest_quality = 40;                  // below this text edges ring; downsample instead
    int fallback_dpi = 200;                   // resolution tried when no quality fits at the scan's own
};

struct EncodedPage {
    std::vector<uint8_t> jpeg;
    int width = 0, height = 0;
    int dpi = 0; // in the file's header: page size = pixels / dpi
    int quality = 0;
    bool within_budget = false; // false: the smallest attempt, still over the budget
};

Result<EncodedPage> encode_jpeg(const drivers::ScannedPage& page, const EncodeOptions& options = {});

// Lossless, for a page image asked for as .png (kiosk-devctl scan --out x.png).
Result<std::vector<uint8_t>> encode_png(const drivers::ScannedPage& page);

// A PDF with one page per JPEG, each the size of its image at its dpi; the JPEG data is embedded as
// it is (Cairo's mime-data path), so the PDF is hardly larger than its pages.
Result<std::vector<uint8_t>> pdf_from_jpegs(const std::vector<EncodedPage>& pages, const std::string& title);

} // namespace kiosk::scan
