#pragma once
// The SANE pnm backend scans a file: it must be 8-bit P5 (grey) or P6 (colour) — a 16-bit PNM makes
// it announce half the bytes it sends (docs/specs/test-rig.md §2). Writes any image Leptonica
// reads (PNG, JPEG, TIFF, PNM) as such a file.

#include "core/base/Result.h"

#include <filesystem>

namespace kiosk::scan {

Result<void> write_scanner_pnm(const std::filesystem::path& image, const std::filesystem::path& pnm);

} // namespace kiosk::scan
