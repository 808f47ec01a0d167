#pragma once
// The 256-byte text block of "read base message" (docs/specs/idcard-sam.md §2): UCS-2LE fields at
// fixed offsets whose layout depends on the card-type byte at offset 248 — resident ID card (' '),
// HK/Macau/Taiwan residence permit ('J'), foreign permanent-residence card 2017 ('I') and 2023 ('Y').

#include "core/base/Result.h"
#include "core/domain/CivilDate.h"
#include "core/domain/Identity.h"
#include "drivers/idcard/SamFrame.h"

#include <array>
#include <cstdint>
#include <span>

namespace kiosk::drivers::sam {

inline constexpr size_t kTextSize = 256;
inline constexpr size_t kPhotoSize = 1024;

// Decodes and validates: every field decoded and trimmed, sex code 1/2 only, nation code known
// (resident cards), dates real, "长期" validity as "long-term", the ID number checked (MOD 11-2,
// real birth date not after `today`, sequence parity matching the sex field, birth date matching
// the birth-date field). Any failure is ErrorCode::InvalidData naming the field, never its value.
Result<domain::Identity> parse_card_text(std::span<const uint8_t> text, domain::CivilDate today);

// A whole "read base message" (30 01) or "with fingerprint" (30 10) response: lengths checked, text
// parsed, the 1024 photo bytes kept in identity.photo_wlt.
Result<domain::Identity> parse_read_base(const Response& response, domain::CivilDate today);

// The inverse, for the emulator and tests: fields written at their card type's offsets, padded with
// spaces. A field too long for its slot or a character outside the BMP is an error.
Result<std::array<uint8_t, kTextSize>> encode_card_text(const domain::Identity& identity);

} // namespace kiosk::drivers::sam
