// OCR repair of an MRZ, guided by what each position may hold (MrzLayout) and by check digits. The
// OCR-B confusions handled are the usual ones of MRZ readers: O/Q/D and 0, I and 1, Z and 2, S and 5,
// G and 6, B and 8, and the filler '<' read as K or X.

#include "core/domain/Mrz.h"
#include "core/domain/MrzLayout.h"

#include <fmt/format.h>

namespace kiosk::domain {
namespace {

char as_digit(char c) {
    switch (c) {
    case 'O':
    case 'Q':
    case 'D':
        return '0';
    case 'I':
        return '1';
    case 'Z':
        return '2';
    case 'S':
        return '5';
    case 'G':
        return '6';
    case 'B':
        return '8';
    default:
        return c;
    }
}

char as_letter(char c) {
    switch (c) {
    case '0':
        return 'O';
    case '1':
        return 'I';
    case '2':
        return 'Z';
    case '5':
        return 'S';
    case '6':
        return 'G';
    case '8':
        return 'B';
    default:
        return c;
    }
}

// What each character may have been read for, in a field that may hold letters and digits.
std::string_view confusables(char c) {
    switch (c) {
    case '0':
        return "OQD";
    case 'O':
    case 'Q':
    case 'D':
        return "0";
    case '1':
        return "I";
    case 'I':
        return "1";
    case '2':
        return "Z";
    case 'Z':
        return "2";
    case '5':
        return "S";
    case 'S':
        return "5";
    case '6':
        return "G";
    case 'G':
        return "6";
    case '8':
        return "B";
    case 'B':
        return "8";
    default:
        return "";
    }
}

bool is_filler_lookalike(char c) {
    return c == 'K' || c == 'X';
}

bool all_fillers(std::string_view text) {
    return text.find_first_not_of('<') == std::string_view::npos;
}

class Corrector {
public:
    Corrector(std::vector<std::string>& lines, std::vector<std::string>& log) : m_lines(lines), m_log(log) {}

    void fix_document_code() {
        for (int i = 0; i < 2; ++i)
            replace("document_code", 0, i, as_letter(m_lines[0][i]), "letter read as digit");
    }

    void fix_by_kind(const MrzField& field) {
        std::string& line = m_lines[field.line];
        for (int i = field.start; i < field.start + field.length; ++i) {
            const char c = line[i];
            switch (field.kind) {
            case MrzFieldKind::Numeric:
                replace(field.name, field.line, i, as_digit(c), "digit read as letter");
                break;
            case MrzFieldKind::Alpha:
                replace(field.name, field.line, i, as_letter(c), "letter read as digit");
                break;
            case MrzFieldKind::Name:
                replace(field.name, field.line, i, as_letter(c), "letter read as digit");
                if (is_filler_lookalike(c) && is_name_filler(field, i))
                    replace(field.name, field.line, i, '<', "filler read as K/X");
                break;
            case MrzFieldKind::AlphaNumeric:
                if (is_filler_lookalike(c) && i > field.start && line[i - 1] == '<' &&
                    (i + 1 == field.start + field.length || line[i + 1] == '<'))
                    replace(field.name, field.line, i, '<', "filler read as K/X");
                break;
            case MrzFieldKind::Sex:
                if (c == 'K') // '<' read as K; an X is a sex code of its own
                    replace(field.name, field.line, i, '<', "filler read as K/X");
                break;
            case MrzFieldKind::Filler:
                if (is_filler_lookalike(c))
                    replace(field.name, field.line, i, '<', "filler read as K/X");
                break;
            case MrzFieldKind::Opaque:
                break;
            }
        }
    }

    void fix_check_digit(const MrzField& field) {
        if (field.check < 0)
            return;
        const std::string name = std::string(field.name) + "_check";
        const char c = m_lines[field.line][field.check];
        if (is_filler_lookalike(c) && all_fillers(mrz_field_text(m_lines, field)))
            replace(name, field.line, field.check, '<', "filler read as K/X");
        else
            replace(name, field.line, field.check, as_digit(c), "digit read as letter");
    }

    void fix_composite_digit(const MrzLayout& layout) {
        if (!layout.composite.empty())
            replace("composite", layout.composite_line, layout.composite_position,
                    as_digit(m_lines[layout.composite_line][layout.composite_position]),
                    "digit read as letter");
    }

    // One confusable swap that makes the field's check digit (and the composite) pass — if exactly
    // one does. A check digit itself misread is not guessed at: then no swap passes both checks.
    void swap_until_check_passes(const MrzField& field, const MrzLayout& layout) {
        std::string& line = m_lines[field.line];
        if (field.check < 0 || line[field.check] < '0' || line[field.check] > '9' ||
            mrz_field_check_passes(m_lines, field))
            return;
        int found_position = -1;
        char found_character = 0;
        int found_count = 0;
        for (int i = field.start; i < field.start + field.length; ++i) {
            const char original = line[i];
            for (char candidate : confusables(original)) {
                line[i] = candidate;
                if (mrz_field_check_passes(m_lines, field) && mrz_composite_passes(m_lines, layout)) {
                    found_position = i;
                    found_character = candidate;
                    ++found_count;
                }
            }
            line[i] = original;
        }
        if (found_count == 1)
            replace(field.name, field.line, found_position, found_character, "confusable character");
    }

private:
    // A K/X in a name is a filler only where no name can start: after "<<<", or after a "<<" that is
    // not the first one (the primary/secondary separator) — "<<X<" may be a one-letter given name.
    // Its right neighbour may be another K/X ("<<<KK<<" is two fillers).
    bool is_name_filler(const MrzField& field, int i) const {
        const std::string_view text = mrz_field_text(m_lines, field);
        const size_t at = static_cast<size_t>(i - field.start);
        if (at < 2 || text[at - 1] != '<' || text[at - 2] != '<')
            return false;
        if (at + 1 < text.size() && text[at + 1] != '<' && !is_filler_lookalike(text[at + 1]))
            return false;
        return (at >= 3 && text[at - 3] == '<') || text.find("<<") < at - 2;
    }

    void replace(std::string_view field, int line, int position, char with, std::string_view what) {
        char& c = m_lines[line][position];
        if (c == with)
            return;
        c = with;
        m_log.push_back(fmt::format("{} line {} position {}: {}", field, line + 1, position + 1, what));
    }

    std::vector<std::string>& m_lines;
    std::vector<std::string>& m_log;
};

} // namespace

std::vector<std::string> correct_mrz_ocr(std::vector<std::string>& lines) {
    std::vector<std::string> log;
    if (!find_mrz_layout(lines).ok())
        return log;
    Corrector corrector(lines, log);
    // The document code picks the layout (a "C5" must become "CS" before the fields mean anything).
    corrector.fix_document_code();
    auto layout = find_mrz_layout(lines);
    if (!layout.ok())
        return log;
    for (const MrzField& field : layout.value()->fields)
        corrector.fix_by_kind(field);
    for (const MrzField& field : layout.value()->fields)
        corrector.fix_check_digit(field);
    corrector.fix_composite_digit(*layout.value());
    // Swaps last: the composite they must also satisfy covers the dates fixed above.
    for (const MrzField& field : layout.value()->fields)
        if (field.kind == MrzFieldKind::AlphaNumeric)
            corrector.swap_until_check_passes(field, *layout.value());
    return log;
}

} // namespace kiosk::domain
