#pragma once
// Between the kiosk's ScannedPage and Leptonica's PIX (inside the scan pipeline only).

#include "core/base/Result.h"
#include "drivers/scanner/Scanner.h"

#include <filesystem>
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

// An image file read with Leptonica at 8 bits per sample: grey, or RGB (32 bpp) when it has colour.
// `dpi` is the file's resolution, 0 when it names none. Errors name the file, never its content.
struct PixFile {
    PixPtr pix;
    bool colour = false;
    int dpi = 0;
};
Result<PixFile> read_pix_8bit(const std::filesystem::path& file);

} // namespace kiosk::scan
