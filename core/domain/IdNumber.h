#pragma once
// The 18-character citizen ID number (GB 11643-1999), also used by HK/Macau/Taiwan residence
// permits (810000/820000/830000) and 2023 foreign permanent-residence cards (9…):
// 6-digit region · YYYYMMDD birth date · 3-digit sequence (odd male, even female) · ISO 7064
// MOD 11-2 check character. See docs/specs/idcard-sam.md §3.

#include "core/base/Result.h"
#include "core/domain/CivilDate.h"

#include <string>
#include <string_view>

namespace kiosk::domain {

struct IdNumber {
    std::string text; // normalised: upper-case 'X'
    CivilDate birth_date;
    char sex = 'M'; // from the sequence's parity
};

// The check character for 17 digits ('0'..'9' or 'X'); '?' when the input is not 17 digits.
char id_number_check_character(std::string_view first17);

// Checks length, characters, province/region prefix, a real birth date not after `today`, and the
// check character; a lower-case 'x' is accepted and normalised. The error names the failed rule,
// never the number itself (it is personal data).
Result<IdNumber> check_id_number(std::string_view text, CivilDate today);

} // namespace kiosk::domain
