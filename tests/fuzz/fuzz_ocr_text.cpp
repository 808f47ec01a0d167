// Fuzz target: OCR output (core/domain/OcrText.h, DocumentFields.h). Any bytes: normalising is
// idempotent and yields valid UTF-8 without empty lines; every ID number, USCC and date found in the
// text validates on its own; the label search never crashes.

#include "core/domain/DocumentFields.h"
#include "core/domain/IdNumber.h"
#include "core/domain/OcrText.h"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace kiosk;

namespace {

constexpr domain::CivilDate kToday{2026, 1, 15};

void check(bool condition) {
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view raw(reinterpret_cast<const char*>(data), size);
    std::string text = domain::normalize_ocr_text(raw);
    check(domain::normalize_ocr_text(text) == text);
    check(text.find("\n\n") == std::string::npos);
    for (const auto& found : domain::find_id_numbers(text, kToday))
        check(domain::check_id_number(found.value, kToday).ok());
    for (const auto& found : domain::find_usccs(text))
        check(domain::check_uscc(found.value).ok());
    for (const auto& date : domain::find_dates(text))
        check(date.day >= 1 && date.day <= domain::days_in_month(date.year, date.month));
    (void)domain::text_after_label(text, "住所:");
    return 0;
}
