#include "core/domain/DocumentFields.h"

#include "core/domain/IdNumber.h"
#include "core/domain/OcrText.h"

#include <algorithm>
#include <regex>

namespace kiosk::domain {
namespace {

constexpr std::string_view kUsccCharacters = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kUsccWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

// What OCR reads for a digit; '\0' when the character is no digit's look-alike.
char digit_twin(char c) {
    switch (c) {
    case 'O':
    case 'o':
    case 'D':
    case 'Q':
        return '0';
    case 'I':
    case 'l':
    case '|':
        return '1';
    case 'Z':
    case 'z':
        return '2';
    case 'S':
    case 's':
        return '5';
    case 'B':
        return '8';
    default:
        return c >= '0' && c <= '9' ? c : '\0';
    }
}

// Letters of the USCC set that OCR reads for a digit.
char letter_twin_digit(char c) {
    switch (c) {
    case 'T':
        return '7';
    case 'B':
        return '8';
    case 'D':
    case 'Q':
        return '0';
    case 'G':
        return '6';
    default:
        return '\0';
    }
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// A character an ID-number run may contain: a digit, a look-alike, or the check 'X'.
bool id_run_character(char c) {
    return digit_twin(c) != '\0' || c == 'X' || c == 'x';
}

void add_unique(std::vector<FoundField>& found, FoundField field) {
    if (std::none_of(found.begin(), found.end(), [&](const FoundField& f) { return f.value == field.value; }))
        found.push_back(std::move(field));
}

// Maximal runs of `belongs` characters in each line with whitespace removed (OCR splits numbers).
template <typename Belongs>
std::vector<std::string> runs(std::string_view text, Belongs belongs) {
    std::vector<std::string> out;
    std::string run;
    for (char c : text) {
        if (c == ' ' || c == '\t')
            continue;
        if (belongs(c)) {
            run += c;
            continue;
        }
        if (!run.empty())
            out.push_back(std::move(run));
        run.clear();
    }
    if (!run.empty())
        out.push_back(std::move(run));
    return out;
}

// One run: every 18-character window that validates once repaired; none when two windows give
// different valid values (ambiguous).
template <typename Repair, typename Valid>
void scan_run(const std::string& run, Repair repair, Valid valid, std::vector<FoundField>& found) {
    std::vector<FoundField> in_run;
    for (size_t start = 0; start + 18 <= run.size(); ++start) {
        std::string window = run.substr(start, 18);
        auto repaired = repair(window);
        if (!repaired)
            continue;
        if (auto value = valid(*repaired))
            add_unique(in_run, {*value, *value != *repaired || *repaired != window});
    }
    if (in_run.size() == 1)
        add_unique(found, in_run.front());
}

} // namespace

char uscc_check_character(std::string_view first17) {
    if (first17.size() != 17)
        return '?';
    int sum = 0;
    for (size_t i = 0; i < 17; ++i) {
        auto position = kUsccCharacters.find(first17[i]);
        if (position == std::string_view::npos)
            return '?';
        sum += static_cast<int>(position) * kUsccWeights[i];
    }
    int check = 31 - sum % 31;
    return kUsccCharacters[check == 31 ? 0 : check];
}

Result<std::string> check_uscc(std::string_view text) {
    if (text.size() != 18)
        return make_error(ErrorCode::InvalidData, "a unified social credit code has 18 characters");
    std::string code(text);
    std::transform(code.begin(), code.end(), code.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; });
    if (code.find_first_not_of(kUsccCharacters) != std::string::npos)
        return make_error(ErrorCode::InvalidData,
                          "a unified social credit code has a character outside its set");
    // Registration authorities (GB 32100-2015 table 1): 1 机构编制 … 9 工商, A 中央军委, N 农业, Y 其他.
    if (std::string_view("123456789ANY").find(code[0]) == std::string_view::npos)
        return make_error(ErrorCode::InvalidData, "unknown registration authority");
    // Organisation types under every authority are 1, 2, 3 or 9 (9 其他).
    if (std::string_view("1239").find(code[1]) == std::string_view::npos)
        return make_error(ErrorCode::InvalidData, "unknown organisation type");
    if (!std::all_of(code.begin() + 2, code.begin() + 8, is_digit))
        return make_error(ErrorCode::InvalidData, "the region code (characters 3-8) must be digits");
    if (uscc_check_character(std::string_view(code).substr(0, 17)) != code[17])
        return make_error(ErrorCode::InvalidData, "wrong check character");
    return code;
}

std::vector<FoundField> find_id_numbers(std::string_view text, CivilDate today) {
    std::vector<FoundField> found;
    auto repair = [](const std::string& window) -> std::optional<std::string> {
        std::string out = window;
        int digits = 0;
        for (size_t i = 0; i < 18; ++i) {
            digits += is_digit(window[i]);
            if (i == 17 && (window[i] == 'X' || window[i] == 'x'))
                continue;
            out[i] = digit_twin(window[i]);
            if (out[i] == '\0')
                return std::nullopt;
        }
        return digits >= 12 ? std::optional(out) : std::nullopt; // mostly digits, or it is a word
    };
    auto valid = [&](const std::string& candidate) -> std::optional<std::string> {
        auto id = check_id_number(candidate, today);
        return id.ok() ? std::optional(id->text) : std::nullopt;
    };
    for (const auto& run : runs(text, id_run_character))
        scan_run(run, repair, valid, found);
    return found;
}

std::vector<FoundField> find_usccs(std::string_view text) {
    std::vector<FoundField> found;
    auto in_run = [](char c) {
        return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '|';
    };
    auto repair = [](const std::string& window) -> std::optional<std::string> {
        std::string out = window;
        for (size_t i = 0; i < 18; ++i) {
            char c = out[i] >= 'a' && out[i] <= 'z' ? out[i] - 32 : out[i];
            // Region digits: any look-alike; elsewhere only letters outside the set (I O S Z).
            bool digits_only = i >= 2 && i < 8;
            if (digits_only || kUsccCharacters.find(c) == std::string_view::npos)
                c = digit_twin(c) ? digit_twin(c) : digit_twin(out[i]);
            if (c == '\0')
                return std::nullopt;
            out[i] = c;
        }
        return out;
    };
    // The organisation code and the check character may hold letters, so a digit read as its
    // look-alike letter there (7 as T, 8 as B, 0 as D or Q, 6 as G) stays a legal character: one such
    // letter put back is accepted when exactly one choice validates.
    auto valid = [](const std::string& candidate) -> std::optional<std::string> {
        if (auto code = check_uscc(candidate); code.ok())
            return code.value();
        std::optional<std::string> only;
        for (size_t i = 8; i < 18; ++i) {
            char twin = letter_twin_digit(candidate[i]);
            if (!twin)
                continue;
            std::string other = candidate;
            other[i] = twin;
            if (!check_uscc(other).ok())
                continue;
            if (only)
                return std::nullopt; // two readings validate: ambiguous
            only = other;
        }
        return only;
    };
    for (const auto& run : runs(text, in_run))
        scan_run(run, repair, valid, found);
    return found;
}

std::vector<CivilDate> find_dates(std::string_view text) {
    static const std::regex pattern(
        R"((\d{4}) ?(?:年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?日|[-./](\d{1,2})[-./](\d{1,2})))");
    std::vector<CivilDate> found;
    std::string subject(text);
    for (auto it = std::sregex_iterator(subject.begin(), subject.end(), pattern);
         it != std::sregex_iterator(); ++it) {
        const auto& match = *it;
        // A date inside a longer number (an ID number's 19900307) is not a date of the document.
        auto position = static_cast<size_t>(match.position(0));
        if (position > 0 && is_digit(subject[position - 1]))
            continue;
        bool chinese = match[2].matched;
        CivilDate date{std::stoi(match[1]), std::stoi(match[chinese ? 2 : 4]),
                       std::stoi(match[chinese ? 3 : 5])};
        if (date.year < 1800 || date.year > 2199 || date.month < 1 || date.month > 12 || date.day < 1 ||
            date.day > days_in_month(date.year, date.month))
            continue;
        found.push_back(date);
    }
    return found;
}

std::optional<std::string> text_after_label(std::string_view text, std::string_view label) {
    std::string wanted = without_whitespace(normalize_ocr_text(label));
    while (!wanted.empty() && wanted.back() == ':')
        wanted.pop_back();
    if (wanted.empty())
        return std::nullopt;
    std::vector<std::string> lines;
    for (size_t start = 0; start <= text.size();) {
        size_t end = std::min(text.find('\n', start), text.size());
        lines.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string compact = without_whitespace(lines[i]);
        auto at = compact.find(wanted);
        if (at == std::string::npos)
            continue;
        std::string rest = compact.substr(at + wanted.size());
        if (!rest.empty() && rest.front() == ':')
            rest.erase(0, 1);
        if (rest.empty() && i + 1 < lines.size())
            rest = without_whitespace(lines[i + 1]);
        if (!rest.empty())
            return rest;
    }
    return std::nullopt;
}

} // namespace kiosk::domain
