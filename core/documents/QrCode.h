#pragma once
// A QR code as a square of modules (ISO/IEC 18004), encoded by ZXing-cpp with error correction level
// M (15 %: survives a smudged thermal print), without its quiet zone — the renderer leaves that white.

#include "core/base/Result.h"

#include <string_view>
#include <vector>

namespace kiosk::print {

struct QrCode {
    int size = 0;              // modules per side (21 for version 1 … 177 for version 40)
    std::vector<bool> modules; // row by row, true = dark

    bool dark(int x, int y) const { return modules[static_cast<size_t>(y) * size + x]; }
};

// Fails (InvalidArgument) when the payload does not fit a QR code at level M at all.
Result<QrCode> encode_qr(std::string_view payload);

} // namespace kiosk::print
