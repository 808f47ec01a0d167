// libFuzzer target for the MRZ parser (OCR text is outside bytes): the input is split on '\n' into at
// most three lines and parsed with and without OCR correction. Beyond "no crash, no sanitizer report",
// it checks what callers rely on: correction never changes whether the lines are an MRZ, keeps their
// shape and character set, and a document is valid exactly when no check failed.

#include "core/domain/Mrz.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

constexpr kiosk::domain::CivilDate kToday{2026, 11, 25};

void require(bool condition) {
    if (!condition)
        std::abort();
}

void check_document(const kiosk::domain::MrzDocument& document) {
    require(document.valid == document.failed_checks.empty());
    require(!document.format.empty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<std::string> lines(1);
    for (size_t i = 0; i < size; ++i) {
        if (data[i] == '\n' && lines.size() < 3)
            lines.emplace_back();
        else
            lines.back() += static_cast<char>(data[i]);
    }

    auto plain = kiosk::domain::parse_mrz(lines, kToday);
    auto corrected = kiosk::domain::parse_mrz(lines, kToday, {.correct_ocr = true});
    require(plain.ok() == corrected.ok());
    if (plain.ok()) {
        check_document(plain.value());
        check_document(corrected.value());
        require(plain->corrections.empty());
    }

    std::vector<std::string> repaired = lines;
    const auto corrections = kiosk::domain::correct_mrz_ocr(repaired);
    require(repaired.size() == lines.size());
    for (size_t i = 0; i < lines.size(); ++i)
        require(repaired[i].size() == lines[i].size());
    require(corrections.empty() == (repaired == lines));
    require(kiosk::domain::parse_mrz(repaired, kToday).ok() == plain.ok());
    return 0;
}
