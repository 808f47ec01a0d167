#pragma once
// What a form field accepts, checked the same way wherever a value is entered or reviewed. Values are
// UTF-8 as the citizen typed or confirmed them; nothing here logs or keeps them.

#include "core/domain/Catalog.h"
#include "core/domain/Identity.h"

#include <map>
#include <string>
#include <string_view>

namespace kiosk::domain {

enum class FieldProblem {
    None,
    Missing,    // required and empty
    Phone,      // not 11 digits starting with 1 (a mainland mobile number)
    Date,       // not a real date written YYYY-MM-DD
    Number,     // not digits only, or longer than kMaxNumberDigits
    TooLong,    // text longer than kMaxTextCodePoints
    BadChars,   // control characters in text
    NotAChoice, // a choice field holding none of its choices
};

inline constexpr size_t kPhoneDigits = 11;
inline constexpr size_t kMaxNumberDigits = 30;   // bank accounts are at most 19-28 digits
inline constexpr size_t kMaxTextCodePoints = 50; // names, addresses, company names

// None when `value` is acceptable for `field`; an optional field may be empty.
FieldProblem check_field(const FormField& field, std::string_view value);

// Eight digits typed for a date ("20241103") written as the form stores dates ("2024-11-03"); any
// other text is returned unchanged (and judged by check_field).
std::string normalise_date(std::string_view typed);

size_t count_code_points(std::string_view text); // UTF-8; a stray byte counts as one

// The identity field an IdCard form field names (its catalog source_key: "name", "id_number",
// "address" …); empty when the document has none or the key is unknown.
std::string identity_value(const Identity& identity, std::string_view key);

// The value each field of `checklist` goes out with — one rule for the form screen, the review and
// the application package:
//   1. an IdCard field the document holds: the document's value (shown read-only, never typed over);
//   2. otherwise what the citizen typed or kept (`typed`; an empty entry means they cleared it);
//   3. otherwise, for an Ocr field, the value read from a scanned page (`read`).
// Fields with no value are absent. `identity` may be null (nobody identified yet).
std::map<std::string, std::string> resolve_form(const Checklist& checklist, const Identity* identity,
                                                const std::map<std::string, std::string>& typed,
                                                const std::map<std::string, std::string>& read);
// The same rule for one field ("" when it has no value): what a screen drawing one row asks.
std::string resolve_field(const FormField& field, const Identity* identity,
                          const std::map<std::string, std::string>& typed,
                          const std::map<std::string, std::string>& read);

// Whether a field's value comes from the identity document (rule 1 above): shown read-only.
bool from_document(const FormField& field, const Identity* identity);

// The value as a screen facing the hall may show it: an ID number from the document masked.
std::string shown_value(const FormField& field, const std::string& value);

// How many fields of `checklist` hold no acceptable value (check_field) in `values`.
int count_problems(const Checklist& checklist, const std::map<std::string, std::string>& values);

} // namespace kiosk::domain
