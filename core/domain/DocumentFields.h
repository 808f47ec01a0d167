#pragma once
// Fields found in the (normalised, see OcrText.h) text of a scanned material: ID numbers, unified
// social credit codes, dates, the text after a label. OCR confuses letters and digits (O/0, I/1,
// Z/2, S/5, B/8); a candidate is repaired only where the field's check character then decides, and
// a candidate that does not validate, or a run with two different valid readings, is dropped —
// never guessed.

#include "core/base/Result.h"
#include "core/domain/CivilDate.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::domain {

// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters of
// 0-9 A-H J-N P-R T-U W-Y; 1 registration authority, 2 organisation type, 3-8 region (digits),
// 9-17 organisation code, 18 check character (MOD 31).
char uscc_check_character(std::string_view first17); // '?' when a character is outside the set
Result<std::string> check_uscc(std::string_view text);

struct FoundField {
    std::string value;     // validated, normalised (ID number: upper-case X; date: YYYY-MM-DD)
    bool repaired = false; // letters read for digits were mapped back and the check decided
};

// Every valid ID number (GB 11643, see IdNumber.h) in the text, in order, without duplicates.
std::vector<FoundField> find_id_numbers(std::string_view text, CivilDate today);
// Every valid USCC in the text, in order, without duplicates.
std::vector<FoundField> find_usccs(std::string_view text);
// Every real date written YYYY年M月D日, YYYY-MM-DD, YYYY.MM.DD or YYYY/MM/DD, in order.
std::vector<CivilDate> find_dates(std::string_view text);
// The rest of the line after `label` (its colon optional, whitespace ignored); the next line when
// the label ends its line. nullopt when the label is not there or nothing follows it.
std::optional<std::string> text_after_label(std::string_view text, std::string_view label);

} // namespace kiosk::domain
