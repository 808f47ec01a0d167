#pragma once
// Between the kiosk's ScannedPage and Leptonica's PIX (inside the scan pipeline only).

#include "drivers/scanner/Scanner.h"

#include <leptonica/allheaders.h>
#include <memory>

namespace kiosk::scan {

struct PixDeleter {
    void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// 8 bpp grey or 32 bpp RGB, with the page's resolution.
PixPtr to_pix(const drivers::ScannedPage& page);
// From 8 bpp (grey) or 32 bpp (RGB) only.
drivers::ScannedPage from_pix(PIX* pix, int dpi);

} // namespace kiosk::scan
