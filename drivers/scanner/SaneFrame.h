#pragma once
// Turns the bytes of one SANE frame (SANE standard 1.0 §4.3.8, "Image Data Format") into a
// ScannedPage: 8-bit grey or RGB rows without padding. 1-bit line art (1 = black) becomes 0/255 grey;
// 16-bit samples (host byte order) keep their high 8 bits. Three-pass frames (RED/GREEN/BLUE) are
// refused as Unsupported: no scanner the kiosk buys sends them.

#include "drivers/scanner/Scanner.h"

#include <cstddef>
#include <cstdint>

namespace kiosk::drivers {

struct SaneFrameFormat {
    bool color = false;      // SANE_FRAME_RGB; else SANE_FRAME_GRAY
    bool single_pass = true; // false: a RED, GREEN or BLUE frame
    int depth = 8;           // bits per sample: 1, 8 or 16
    int pixels_per_line = 0;
    int bytes_per_line = 0; // may exceed what the pixels need (padding)
};

// Bytes a row needs without padding.
size_t row_bytes(const SaneFrameFormat& format);

// `data` holds whole rows (a trailing partial row is dropped); `dpi` is what the device scanned at.
Result<ScannedPage> assemble_page(const SaneFrameFormat& format, const std::vector<uint8_t>& data, int dpi);

} // namespace kiosk::drivers
