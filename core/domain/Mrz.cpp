#include "core/domain/Mrz.h"

#include "core/domain/MrzLayout.h"

#include <optional>

namespace kiosk::domain {
namespace {

std::string_view strip_fillers(std::string_view text) {
    const size_t first = text.find_first_not_of('<');
    if (first == std::string_view::npos)
        return {};
    return text.substr(first, text.find_last_not_of('<') - first + 1);
}

// '<' separates names (ICAO 9303-3 §4.6); runs collapse to one space, none at either end.
std::string name_part(std::string_view text) {
    std::string out;
    for (char c : strip_fillers(text)) {
        if (c != '<')
            out += c;
        else if (out.back() != ' ')
            out += ' ';
    }
    return out;
}

bool all_digits(std::string_view text) {
    for (char c : text)
        if (c < '0' || c > '9')
            return false;
    return true;
}

int two_digits(std::string_view text) {
    return (text[0] - '0') * 10 + (text[1] - '0');
}

// A YYMMDD that names a real day in the year `pick_year` chooses for YY, MM and DD; nullopt otherwise.
template <typename PickYear>
std::optional<CivilDate> read_date(std::string_view yymmdd, PickYear pick_year) {
    if (yymmdd.size() != 6 || !all_digits(yymmdd))
        return std::nullopt;
    const int month = two_digits(yymmdd.substr(2)), day = two_digits(yymmdd.substr(4));
    const CivilDate date{pick_year(two_digits(yymmdd), month, day), month, day};
    if (date.day < 1 || date.day > days_in_month(date.year, date.month))
        return std::nullopt;
    return date;
}

// Birth: the latest century that does not put the date after today (docs/specs/mrz.md §4.1).
std::optional<CivilDate> read_birth_date(std::string_view yymmdd, CivilDate today) {
    return read_date(yymmdd, [today](int yy, int month, int day) {
        const int year = today.year - today.year % 100 + yy;
        return CivilDate{year, month, day} > today ? year - 100 : year;
    });
}

// Expiry: the year ending in YY within today.year − 50 … today.year + 49. "Choose the future" alone
// (docs/specs/mrz.md §4.1) would turn a passport that expired last year into one valid for a century.
std::optional<CivilDate> read_expiry_date(std::string_view yymmdd, CivilDate today) {
    return read_date(yymmdd, [today](int yy, int, int) {
        const int year = today.year - today.year % 100 + yy;
        if (year > today.year + 49)
            return year - 100;
        if (year < today.year - 50)
            return year + 100;
        return year;
    });
}

// 回乡证/台胞证 line 2 position 18: A = 18xx, B = 19xx, otherwise 20xx (docs/specs/mrz.md §4.5 [1]).
std::optional<CivilDate> read_birth_date_with_century(std::string_view yymmdd, char century) {
    const int base = century == 'A' ? 1800 : century == 'B' ? 1900 : 2000;
    return read_date(yymmdd, [base](int yy, int, int) { return base + yy; });
}

std::string read_sex(char c) {
    switch (c) {
    case 'M':
    case 'F':
        return std::string(1, c);
    case '<': // unspecified; some issuers print X for the same (docs/specs/mrz.md §4.1)
    case 'X':
        return "X";
    default:
        return "";
    }
}

bool is_chinese_permit(const MrzLayout& layout) {
    return layout.format.starts_with("CN_");
}

// ICAO 9303-5 §4.2.2 note: a number longer than 9 characters leaves '<' at the check position and
// continues in the optional data, followed by its check digit and a filler; the check digit covers the
// whole number [docs/specs/mrz.md §4.4: exact rule U]. Returns false when the overflow is malformed.
bool read_long_document_number(std::string_view head, std::string_view optional, MrzDocument& document) {
    const std::string_view overflow = optional.substr(0, optional.find('<'));
    if (overflow.size() < 2)
        return false;
    const std::string_view continuation = overflow.substr(0, overflow.size() - 1);
    document.document_number = std::string(strip_fillers(head)) + std::string(continuation);
    document.optional_data = strip_fillers(optional.substr(overflow.size()));
    return mrz_check_digit(std::string(head) + std::string(continuation)) == overflow.back();
}

MrzDocument read_document(const MrzLayout& layout, std::span<const std::string> lines, CivilDate today) {
    MrzDocument document;
    document.format = layout.format;
    auto text = [&](std::string_view name) {
        const MrzField* field = layout.field(name);
        return field ? mrz_field_text(lines, *field) : std::string_view{};
    };
    auto fail = [&](std::string_view check) { document.failed_checks.emplace_back(check); };

    document.document_code = strip_fillers(text("document_code"));
    document.issuing_state = strip_fillers(text("issuing_state"));
    document.nationality = strip_fillers(text("nationality"));
    if (is_chinese_permit(layout))
        document.issuing_state = document.nationality = "CHN"; // issued by the PRC to its citizens
    document.document_number = strip_fillers(text("document_number"));
    document.optional_data = strip_fillers(text("optional_data"));
    document.optional_data_2 = strip_fillers(text("optional_data_2"));
    if (layout.field("issue_count"))
        document.optional_data_2 = strip_fillers(text("issue_count"));

    const std::string_view name = text("name");
    const size_t separator = name.find("<<");
    document.surname = name_part(name.substr(0, separator));
    if (separator != std::string_view::npos)
        document.given_names = name_part(name.substr(separator + 2));

    for (const MrzField& field : layout.fields) {
        const std::string_view value = mrz_field_text(lines, field);
        if (field.name == "document_number" && layout.format == "TD1" && lines[0][field.check] == '<') {
            if (!read_long_document_number(value, text("optional_data"), document))
                fail(field.name);
        } else if (!mrz_field_check_passes(lines, field)) {
            fail(field.name);
        }
        if (field.name == "birth_date") {
            auto date = layout.field("birth_century")
                            ? read_birth_date_with_century(value, text("birth_century")[0])
                            : read_birth_date(value, today);
            document.birth_date = date ? date->iso() : "";
            if (!date)
                fail("birth_date_invalid");
        } else if (field.name == "expiry_date") {
            auto date = read_expiry_date(value, today);
            document.expiry_date = date ? date->iso() : "";
            if (!date)
                fail("expiry_date_invalid");
        } else if (field.name == "sex") {
            document.sex = read_sex(value[0]);
            if (document.sex.empty())
                fail("sex_invalid");
        }
    }
    if (!mrz_composite_passes(lines, layout))
        fail("composite");
    document.valid = document.failed_checks.empty();
    return document;
}

} // namespace

char mrz_check_digit(std::string_view text) {
    static constexpr int kWeights[] = {7, 3, 1};
    int sum = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        int value = 0;
        if (c >= '0' && c <= '9')
            value = c - '0';
        else if (c >= 'A' && c <= 'Z')
            value = c - 'A' + 10;
        else if (c != '<')
            return '?';
        sum += value * kWeights[i % 3];
    }
    return static_cast<char>('0' + sum % 10);
}

Result<MrzDocument> parse_mrz(std::span<const std::string> lines, CivilDate today, MrzOptions options) {
    const MrzLayout* layout = TRY(find_mrz_layout(lines));
    if (!options.correct_ocr)
        return read_document(*layout, lines, today);
    std::vector<std::string> corrected(lines.begin(), lines.end());
    std::vector<std::string> corrections = correct_mrz_ocr(corrected);
    layout = TRY(find_mrz_layout(corrected)); // a corrected document code may name another format
    MrzDocument document = read_document(*layout, corrected, today);
    document.corrections = std::move(corrections);
    return document;
}

} // namespace kiosk::domain
