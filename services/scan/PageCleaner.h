#pragma once
// From a raw scan to the page a clerk wants to read: find the sheet on the scanner's (darker)
// background, straighten it (small rotations, within max_skew_degrees), crop it, and make it grey
// with paper white and ink dark. A scan with no background to tell apart (the sheet fills the
// scan, or a white lid) is straightened and kept whole.

#include "core/base/Result.h"
#include "drivers/scanner/Scanner.h"

namespace kiosk::scan {

struct CleanOptions {
    bool grey = true;              // false keeps colour (no contrast change)
    double max_skew_degrees = 7.0; // larger rotations are left alone (a sheet put in sideways)
    double min_skew_degrees = 0.1; // smaller ones are not worth a resampling
};

struct PageBox {
    int x = 0, y = 0, width = 0, height = 0; // pixels of the straightened scan
};

struct CleanPage {
    drivers::ScannedPage image; // cropped, straightened, normalised
    PageBox crop;               // where the sheet lay, after straightening
    double skew_degrees = 0;    // the clockwise turn that straightened it (positive: the sheet lay
                                // turned counter-clockwise)
    double skew_confidence = 0; // Leptonica's (≥ 3 is a clear measurement)
    bool background_found = false;
};

Result<CleanPage> clean_page(const drivers::ScannedPage& scan, const CleanOptions& options = {});

} // namespace kiosk::scan
