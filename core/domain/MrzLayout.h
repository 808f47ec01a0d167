#pragma once
// Internal to the MRZ parser and its OCR corrector: where each field of each format sits, what it may
// hold and which check digit covers it — one table per format, so both read the same positions.
// Positions are 0-based; docs/specs/mrz.md §4.2–4.4 counts ICAO positions from 1.

#include "core/base/Result.h"

#include <span>
#include <string>
#include <string_view>

namespace kiosk::domain {

enum class MrzFieldKind {
    Alpha,        // A–Z and '<': document code, state codes, century letter
    Numeric,      // 0–9: dates, counts
    AlphaNumeric, // document numbers, optional data
    Name,         // PRIMARY<<SECONDARY<NAMES: letters and '<' only (ICAO 9303-3 §4.6)
    Sex,          // M, F, '<' (or X)
    Filler,       // always '<' in this layout
    Opaque,       // issuer-encoded (a permit's encoded Chinese name, flags): never touched
};

struct MrzField {
    std::string_view name; // also the name of its failed check ("birth_date")
    int line = 0;
    int start = 0;
    int length = 0;
    MrzFieldKind kind = MrzFieldKind::Opaque;
    int check = -1; // position of its own check digit on the same line; -1: none
};

struct MrzRange {
    int line = 0;
    int start = 0;
    int length = 0;
};

struct MrzLayout {
    std::string_view format; // MrzDocument::format
    int line_count = 0;
    int line_length = 0;
    std::span<const MrzField> fields;
    std::span<const MrzRange> composite; // empty: the format has no composite check digit
    int composite_line = 0;
    int composite_position = 0;

    const MrzField* field(std::string_view name) const;
};

// The layout these lines follow. Fails with a one-line reason (no personal data) on a wrong line
// count or length or a character outside A–Z 0–9 '<'.
Result<const MrzLayout*> find_mrz_layout(std::span<const std::string> lines);

std::string_view mrz_field_text(std::span<const std::string> lines, const MrzField& field);

// The field's own check digit matches; a '<' check over a field of fillers only also passes (TD3
// personal number, docs/specs/mrz.md §4.2). True for a field without a check digit.
bool mrz_field_check_passes(std::span<const std::string> lines, const MrzField& field);

// The composite check digit matches; true for a layout without one.
bool mrz_composite_passes(std::span<const std::string> lines, const MrzLayout& layout);

} // namespace kiosk::domain
