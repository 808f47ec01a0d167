#pragma once
// The 15-character number of the 2017 foreign permanent-residence card (docs/specs/idcard-sam.md
// §2.5): 3-letter nationality code at first issue · 4-digit province and city of acceptance · YYMMDD
// birth date · 1 sequence digit · 1 check digit.
//
// The check digit follows ICAO 9303's scheme (weights 7-3-1 repeating, digits as themselves, letters
// A=10 … Z=35, sum mod 10) over the first 14 characters. The spec has it from one source; a second,
// independent public validator computes it the same way. The sequence digit's parity may encode the
// sex (one source only), so it is not checked.

#include "core/base/Result.h"
#include "core/domain/CivilDate.h"

#include <string_view>

namespace kiosk::drivers::sam {

// ICAO 9303 check digit ('0'..'9') of digits, upper-case letters and '<'; '?' for anything else.
char icao_check_digit(std::string_view text);

// Structure, birth date (its YYMMDD must be `birth`'s) and check digit. Errors name the rule, never
// the number.
Result<void> check_permanent_residence_number(std::string_view number, domain::CivilDate birth);

} // namespace kiosk::drivers::sam
