#pragma once
// The card's text encoding: UCS-2 little-endian, right-padded with spaces (docs/specs/idcard-sam.md
// §2.2, §2.10). Decoding follows UTF-16 so a surrogate pair still makes sense; errors say what was
// wrong, never the text (it is personal data).

#include "core/base/Result.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace kiosk::drivers::sam {

// UTF-16LE → UTF-8 with trailing spaces and NULs trimmed (not cut at the first space: names and
// addresses contain spaces and '·'). Private-use characters (rare characters, §2.10) pass through; an
// odd byte count, a lone surrogate or a control character left after trimming is an error.
Result<std::string> decode_ucs2le(std::span<const uint8_t> bytes);

// UTF-8 → UCS-2 code units. Malformed UTF-8 and characters outside the BMP (which UCS-2 cannot
// hold) are errors.
Result<std::u16string> utf8_to_ucs2(std::string_view text);

} // namespace kiosk::drivers::sam
