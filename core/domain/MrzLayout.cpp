#include "core/domain/MrzLayout.h"

#include "core/domain/Mrz.h"

#include <fmt/format.h>

namespace kiosk::domain {
namespace {

using K = MrzFieldKind;

// ICAO 9303-4 §4.2.2 (docs/specs/mrz.md §4.2).
constexpr MrzField kTd3Fields[] = {
    {"document_code", 0, 0, 2, K::Alpha},
    {"issuing_state", 0, 2, 3, K::Alpha},
    {"name", 0, 5, 39, K::Name},
    {"document_number", 1, 0, 9, K::AlphaNumeric, 9},
    {"nationality", 1, 10, 3, K::Alpha},
    {"birth_date", 1, 13, 6, K::Numeric, 19},
    {"sex", 1, 20, 1, K::Sex},
    {"expiry_date", 1, 21, 6, K::Numeric, 27},
    {"optional_data", 1, 28, 14, K::AlphaNumeric, 42},
};
constexpr MrzRange kTd3Composite[] = {{1, 0, 10}, {1, 13, 7}, {1, 21, 22}};

// ICAO 9303-7 §4.2 (MRV-A): TD3 positions, optional data to the end of line 2, no composite.
constexpr MrzField kMrvaFields[] = {
    {"document_code", 0, 0, 2, K::Alpha},
    {"issuing_state", 0, 2, 3, K::Alpha},
    {"name", 0, 5, 39, K::Name},
    {"document_number", 1, 0, 9, K::AlphaNumeric, 9},
    {"nationality", 1, 10, 3, K::Alpha},
    {"birth_date", 1, 13, 6, K::Numeric, 19},
    {"sex", 1, 20, 1, K::Sex},
    {"expiry_date", 1, 21, 6, K::Numeric, 27},
    {"optional_data", 1, 28, 16, K::AlphaNumeric},
};

// ICAO 9303-6 §4.2.2 (docs/specs/mrz.md §4.3).
constexpr MrzField kTd2Fields[] = {
    {"document_code", 0, 0, 2, K::Alpha},
    {"issuing_state", 0, 2, 3, K::Alpha},
    {"name", 0, 5, 31, K::Name},
    {"document_number", 1, 0, 9, K::AlphaNumeric, 9},
    {"nationality", 1, 10, 3, K::Alpha},
    {"birth_date", 1, 13, 6, K::Numeric, 19},
    {"sex", 1, 20, 1, K::Sex},
    {"expiry_date", 1, 21, 6, K::Numeric, 27},
    {"optional_data", 1, 28, 7, K::AlphaNumeric},
};
constexpr MrzRange kTd2Composite[] = {{1, 0, 10}, {1, 13, 7}, {1, 21, 14}};

// ICAO 9303-7 §4.3 (MRV-B): TD2 positions, optional data to the end of line 2, no composite.
constexpr MrzField kMrvbFields[] = {
    {"document_code", 0, 0, 2, K::Alpha},
    {"issuing_state", 0, 2, 3, K::Alpha},
    {"name", 0, 5, 31, K::Name},
    {"document_number", 1, 0, 9, K::AlphaNumeric, 9},
    {"nationality", 1, 10, 3, K::Alpha},
    {"birth_date", 1, 13, 6, K::Numeric, 19},
    {"sex", 1, 20, 1, K::Sex},
    {"expiry_date", 1, 21, 6, K::Numeric, 27},
    {"optional_data", 1, 28, 8, K::AlphaNumeric},
};

// ICAO 9303-5 §4.2.2 (docs/specs/mrz.md §4.4). A '<' at the document number's check position announces
// a long number continued in the optional data (handled by the parser, not by this table).
constexpr MrzField kTd1Fields[] = {
    {"document_code", 0, 0, 2, K::Alpha},
    {"issuing_state", 0, 2, 3, K::Alpha},
    {"document_number", 0, 5, 9, K::AlphaNumeric, 14},
    {"optional_data", 0, 15, 15, K::AlphaNumeric},
    {"birth_date", 1, 0, 6, K::Numeric, 6},
    {"sex", 1, 7, 1, K::Sex},
    {"expiry_date", 1, 8, 6, K::Numeric, 14},
    {"nationality", 1, 15, 3, K::Alpha},
    {"optional_data_2", 1, 18, 11, K::AlphaNumeric},
    {"name", 2, 0, 30, K::Name},
};
constexpr MrzRange kTd1Composite[] = {{0, 5, 25}, {1, 0, 7}, {1, 8, 7}, {1, 18, 11}};

// 往来港澳通行证 / 往来台湾通行证 (docs/specs/mrz.md §4.5, positions 0-based as there). Line 2:
// 12-character encoded Chinese name, then the pinyin name; line 3: sex, then flags and place of
// birth [1].
constexpr MrzField kEepFields[] = {
    {"document_code", 0, 0, 2, K::Alpha},   {"document_number", 0, 2, 9, K::AlphaNumeric, 11},
    {"filler", 0, 12, 1, K::Filler},        {"expiry_date", 0, 13, 6, K::Numeric, 19},
    {"filler", 0, 20, 1, K::Filler},        {"birth_date", 0, 21, 6, K::Numeric, 27},
    {"filler", 0, 28, 1, K::Filler},        {"optional_data_2", 1, 0, 12, K::Opaque},
    {"name", 1, 12, 18, K::Name},           {"sex", 2, 0, 1, K::Sex},
    {"optional_data", 2, 1, 29, K::Opaque},
};
constexpr MrzRange kEepComposite[] = {{0, 2, 10}, {0, 13, 7}, {0, 21, 7}};

// 回乡证 (card) / 台胞证 (2015 card) (docs/specs/mrz.md §4.5 [1/U]). Line 2 before the century letter
// is issuer-encoded; line 3 is the name.
constexpr MrzField kMtpFields[] = {
    {"document_code", 0, 0, 2, K::Alpha},
    {"document_number", 0, 2, 9, K::AlphaNumeric, 11},
    {"issue_count", 0, 12, 2, K::Numeric, 14},
    {"expiry_date", 0, 15, 6, K::Numeric, 21},
    {"sex", 0, 22, 1, K::Sex},
    {"birth_date", 0, 23, 6, K::Numeric, 29},
    {"encoded", 1, 0, 18, K::Opaque},
    {"birth_century", 1, 18, 1, K::Alpha},
    {"optional_data", 1, 19, 10, K::AlphaNumeric},
    {"name", 2, 0, 30, K::Name},
};
constexpr MrzRange kMtpComposite[] = {{0, 2, 20}, {0, 23, 7}, {1, 19, 10}};

constexpr MrzLayout kTd3{"TD3", 2, 44, kTd3Fields, kTd3Composite, 1, 43};
constexpr MrzLayout kMrva{"MRVA", 2, 44, kMrvaFields, {}, 0, 0};
constexpr MrzLayout kTd2{"TD2", 2, 36, kTd2Fields, kTd2Composite, 1, 35};
constexpr MrzLayout kMrvb{"MRVB", 2, 36, kMrvbFields, {}, 0, 0};
constexpr MrzLayout kTd1{"TD1", 3, 30, kTd1Fields, kTd1Composite, 1, 29};
constexpr MrzLayout kEepHkmo{"CN_EEP_HKMO", 3, 30, kEepFields, kEepComposite, 0, 29};
constexpr MrzLayout kEepTw{"CN_EEP_TW", 3, 30, kEepFields, kEepComposite, 0, 29};
constexpr MrzLayout kMtpHkmo{"CN_MTP_HKMO", 3, 30, kMtpFields, kMtpComposite, 1, 29};
constexpr MrzLayout kMtpTw{"CN_MTP_TW", 3, 30, kMtpFields, kMtpComposite, 1, 29};

bool is_mrz_character(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<';
}

} // namespace

const MrzField* MrzLayout::field(std::string_view name) const {
    for (const MrzField& candidate : fields)
        if (candidate.name == name)
            return &candidate;
    return nullptr;
}

Result<const MrzLayout*> find_mrz_layout(std::span<const std::string> lines) {
    if (lines.size() != 2 && lines.size() != 3)
        return make_error(ErrorCode::InvalidData,
                          fmt::format("an MRZ has 2 or 3 lines, not {}", lines.size()));
    for (size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].size() != lines[0].size())
            return make_error(ErrorCode::InvalidData,
                              fmt::format("MRZ lines differ in length ({} and {} characters)",
                                          lines[0].size(), lines[i].size()));
        for (size_t j = 0; j < lines[i].size(); ++j)
            if (!is_mrz_character(lines[i][j]))
                return make_error(
                    ErrorCode::InvalidData,
                    fmt::format("MRZ line {} position {} is not A-Z, 0-9 or '<'", i + 1, j + 1));
    }
    const size_t length = lines[0].size();
    const std::string_view code = std::string_view(lines[0]).substr(0, 2);
    if (lines.size() == 2 && length == 44)
        return code[0] == 'V' ? &kMrva : &kTd3;
    if (lines.size() == 2 && length == 36)
        return code[0] == 'V' ? &kMrvb : &kTd2;
    if (lines.size() == 3 && length == 30) {
        // Chinese permits are told from TD1 by their document code alone (docs/specs/mrz.md §4.5); the old
        // booklet 回乡证 ("C<") has another, unpublished layout and reads as TD1.
        if (code == "CS")
            return &kEepHkmo;
        if (code == "CD")
            return &kEepTw;
        if (code == "CR")
            return &kMtpHkmo;
        if (code == "CT")
            return &kMtpTw;
        return &kTd1;
    }
    return make_error(
        ErrorCode::InvalidData,
        fmt::format("no MRZ format has {} lines of {} characters (TD1 3x30, TD2 2x36, TD3 2x44)",
                    lines.size(), length));
}

std::string_view mrz_field_text(std::span<const std::string> lines, const MrzField& field) {
    return std::string_view(lines[field.line]).substr(field.start, field.length);
}

bool mrz_field_check_passes(std::span<const std::string> lines, const MrzField& field) {
    if (field.check < 0)
        return true;
    const std::string_view text = mrz_field_text(lines, field);
    const char check = lines[field.line][field.check];
    if (check == '<' && text.find_first_not_of('<') == std::string_view::npos)
        return true;
    return check == mrz_check_digit(text);
}

bool mrz_composite_passes(std::span<const std::string> lines, const MrzLayout& layout) {
    if (layout.composite.empty())
        return true;
    std::string covered;
    for (const MrzRange& range : layout.composite)
        covered += std::string_view(lines[range.line]).substr(range.start, range.length);
    return lines[layout.composite_line][layout.composite_position] == mrz_check_digit(covered);
}

} // namespace kiosk::domain
