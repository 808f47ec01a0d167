#pragma once
// Text as OCR returns it, made comparable: Tesseract's chi_sim puts spaces between Han characters
// and returns full-width or ASCII punctuation at random (docs/specs/test-rig.md §3), so matching
// and field extraction work on normalised text only, never on raw strings.

#include <string>
#include <string_view>

namespace kiosk::domain {

// Full-width ASCII (U+FF01–FF5E) and the ideographic space to half-width; every colon-like
// character to ':' and every dash-like one to '-'; removes whitespace next to a CJK character or a
// colon; trims each line and drops empty lines. Line structure is kept. Invalid UTF-8 bytes are
// dropped.
std::string normalize_ocr_text(std::string_view text);

// The text without any whitespace (for keyword search across OCR's line breaks and spaces).
std::string without_whitespace(std::string_view text);

} // namespace kiosk::domain
