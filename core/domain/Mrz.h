#pragma once
// Machine-readable zones (ICAO 9303 parts 3–7) and the Chinese travel permits that borrow their
// character set and check digits (docs/specs/mrz.md). Pure text in, fields out: the lines come from
// an OCR reader and may be wrong, so check digits are reported per field instead of failing the parse.
//
// Formats (MrzDocument::format), chosen from the line count, line length and document code:
//   "TD1"          3 × 30, ID cards (part 5)
//   "TD2"          2 × 36, ID cards (part 6)
//   "TD3"          2 × 44, passports (part 4)
//   "MRVA"         2 × 44 with a document code starting 'V', visa (part 7; no composite check)
//   "MRVB"         2 × 36 with a document code starting 'V', visa (part 7; no composite check)
//   "CN_EEP_HKMO"  3 × 30 starting "CS": 往来港澳通行证, exit-entry permit to HK/Macau (mrz.md §4.5)
//   "CN_EEP_TW"    3 × 30 starting "CD": 往来台湾通行证, its Taiwan variant (same layout)
//   "CN_MTP_HKMO"  3 × 30 starting "CR": 港澳居民来往内地通行证 (回乡证), card version
//   "CN_MTP_TW"    3 × 30 starting "CT": 台湾居民来往大陆通行证 (台胞证), 2015 card
// The Chinese layouts come from one or two open-source readers (docs/specs/mrz.md tags them [1]);
// verify them against specimen documents before trusting more than the check digits.

#include "core/base/Result.h"
#include "core/domain/CivilDate.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::domain {

struct MrzDocument {
    std::string format;          // see the table above
    std::string document_code;   // fillers removed: "P", "I", "PO", "CS"
    std::string issuing_state;   // ICAO 3-letter code, fillers removed ("D" for Germany); "CHN" for permits
    std::string surname;         // primary identifier, '<' read as a space, trimmed
    std::string given_names;     // secondary identifiers, one space between names
    std::string document_number; // fillers removed; a TD1 long number includes its overflow
    std::string nationality;     // "CHN" for permits (implied by the document, not encoded)
    std::string birth_date;      // "YYYY-MM-DD"; empty when the MRZ holds no real date
    std::string sex;             // "M", "F", or "X" for '<' (unspecified) and 'X'; empty when unreadable
    std::string expiry_date;     // "YYYY-MM-DD"; empty when the MRZ holds no real date
    // Issuer-defined data, fillers at either end removed. TD3: personal number; TD2, MRV: optional
    // data; TD1: line 1 optional data (after a long number's overflow); CN_MTP_*: the HK/Macau or
    // Taiwan ID number; CN_EEP_*: line 3 after the sex (flags, place-of-birth code; opaque).
    std::string optional_data;
    // TD1: line 2 optional data; CN_MTP_*: issue count; CN_EEP_*: the 12-character encoded Chinese
    // name (its decoder is not public).
    std::string optional_data_2;
    bool valid = false;                     // no failed checks
    std::vector<std::string> failed_checks; // "document_number", "birth_date", "birth_date_invalid",
                                            // "sex_invalid", "expiry_date", "expiry_date_invalid",
                                            // "optional_data", "issue_count", "composite"
    std::vector<std::string> corrections;   // what OCR correction changed (see correct_mrz_ocr)
};

struct MrzOptions {
    bool correct_ocr = false; // repair OCR confusions before reading (correct_mrz_ocr); off: lines as read
};

// The check digit of ICAO 9303-3 §4.9: values 0–9, A–Z = 10–35, '<' = 0, weights 7-3-1 repeating,
// sum mod 10. '?' when the text holds a character outside A–Z 0–9 '<'.
char mrz_check_digit(std::string_view text);

// Reads an MRZ. An error (InvalidData, one line, no personal data) only when the lines are not an MRZ
// at all: wrong count or lengths, or a character outside A–Z 0–9 '<'. Anything else — failed check
// digits, impossible dates — is a parsed document with valid == false and the failures named.
//
// Centuries (not encoded, docs/specs/mrz.md §4.1): a birth date takes the latest century that does not
// put it after `today`; an expiry date takes the year ending in YY within today.year − 50 …
// today.year + 49, so a passport that expired last year still reads as 20xx. CN_MTP_* permits encode
// the birth century in line 2 (A = 18xx, B = 19xx, otherwise 20xx) and that is used instead.
Result<MrzDocument> parse_mrz(std::span<const std::string> lines, CivilDate today, MrzOptions options = {});

// Repairs OCR confusions in place, guided by what each position may hold, and returns what it changed
// as "<field> line L position P: <what>" (1-based; never the characters of personal data):
//   - digits, dates and check digits: O/Q/D → 0, I → 1, Z → 2, S → 5, G → 6, B → 8
//     ("digit read as letter");
//   - document codes, state codes and names: 0 → O, 1 → I, 2 → Z, 5 → S, 6 → G, 8 → B
//     ("letter read as digit");
//   - a K or X standing in a run of fillers is a '<' ("filler read as K/X"). In names only where it
//     cannot be a one-letter name: after "<<<", or after a second "<<" in the field. A K in the sex
//     field is a '<' too (an X is a sex code of its own);
//   - a document number (or TD3 personal number) whose check digit fails: every single swap of a
//     confusable pair (0/O/Q/D, 1/I, 2/Z, 5/S, 6/G, 8/B) is tried, and the one that makes its check
//     digit (and the composite, where there is one) pass is kept — only when it is the only one
//     ("confusable character"); several candidates means no change.
// Lines that are not an MRZ (see parse_mrz) are left as they are and nothing is returned.
std::vector<std::string> correct_mrz_ocr(std::vector<std::string>& lines);

} // namespace kiosk::domain
