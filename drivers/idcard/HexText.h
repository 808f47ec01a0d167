#pragma once
// Bytes as hex text, the form of captured frames (tests/fixtures/idcard/frames/*.hex), emulator scripts
// and `kiosk-devctl idcard decode`: pairs of hex digits, any whitespace between them, '#' comments to
// the end of the line.

#include "core/base/Result.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::drivers::sam {

Result<std::vector<uint8_t>> parse_hex(std::string_view text);
// "AA AA AA 96 69 …", upper case, `per_line` bytes per line (0: one line).
std::string to_hex(std::span<const uint8_t> bytes, size_t per_line = 0);

} // namespace kiosk::drivers::sam
