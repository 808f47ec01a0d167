#pragma once
// Does a scanned page show the material the citizen was asked for? Decided from its OCR text and the
// evidence the catalog declares for the material kind (Catalog.h): keywords, then fields, each found
// field pre-filling its form field. Pure: the OCR itself is services/ocr.

#include "core/domain/Catalog.h"
#include "core/domain/CivilDate.h"

#include <map>
#include <string>

namespace kiosk::domain {

enum class Verdict {
    Matches,      // every keyword and required field is there
    DoesNotMatch, // readable, but a keyword or a required field is missing (see `missing`)
    Unreadable,   // too little text or too low a confidence to say anything
};
const char* to_string(Verdict verdict);

struct MaterialCheck {
    Verdict verdict = Verdict::Unreadable;
    std::string reason;  // one line for staff and engineers, e.g. "keyword '营业执照' not found"
    std::string missing; // the keyword or evidence field id that decided DoesNotMatch
    std::map<std::string, std::string> fields;  // evidence field id → value (dates as YYYY-MM-DD)
    std::map<std::string, std::string> prefill; // form field id → value
    double confidence = 0;                      // OCR mean word confidence, 0–100
};

struct MatchOptions {
    int min_characters = 12;      // fewer non-space characters than this: unreadable
    double min_confidence = 45.0; // mean word confidence below this (0–100): unreadable
};

// `text` is normalised (OcrText.h); `today` bounds birth dates in ID numbers.
MaterialCheck match_material(const MaterialKind& kind, const std::string& text, double confidence,
                             CivilDate today, const MatchOptions& options = {});

} // namespace kiosk::domain
