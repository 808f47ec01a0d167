#pragma once
// Finds the MRZ band on a binarised, deskewed page (MrzReader's first step; internal to this folder).

#include "core/base/Result.h"

#include <vector>

struct Pix;

namespace kiosk::services {

struct MrzGlyph {
    int x = 0, y = 0, width = 0, height = 0; // pixels, in the page passed to find_mrz_band
    bool filler = false;                     // shaped like '<'
};

using MrzBandLine = std::vector<MrzGlyph>; // one glyph per character position, left to right

// The lowest 3 rows of 30 or 2 rows of 36 or 44 evenly spaced glyphs with no empty position
// (ICAO 9303-3 §4.2: every MRZ position holds a character, fillers included). NotFound otherwise.
Result<std::vector<MrzBandLine>> find_mrz_band(Pix* binary);

} // namespace kiosk::services
