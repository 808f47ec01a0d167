#include "core/domain/FormRules.h"

#include "core/domain/CivilDate.h"

#include <algorithm>

namespace kiosk::domain {

namespace {

bool all_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// C0 controls, DEL and the C1 controls (U+0080–U+009F, encoded C2 80–C2 9F).
bool has_control_characters(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x20 || byte == 0x7F)
            return true;
        if (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0 &&
            static_cast<unsigned char>(text[i + 1]) >= 0x80)
            return true;
    }
    return false;
}

bool is_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    std::string digits =
        std::string(text.substr(0, 4)) + std::string(text.substr(5, 2)) + std::string(text.substr(8, 2));
    return parse_yyyymmdd(digits).ok();
}

} // namespace

size_t count_code_points(std::string_view text) {
    return static_cast<size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string normalise_date(std::string_view typed) {
    if (typed.size() != 8 || !all_digits(typed))
        return std::string(typed);
    return std::string(typed.substr(0, 4)) + "-" + std::string(typed.substr(4, 2)) + "-" +
           std::string(typed.substr(6, 2));
}

FieldProblem check_field(const FormField& field, std::string_view value) {
    if (value.empty())
        return field.required ? FieldProblem::Missing : FieldProblem::None;
    switch (field.type) {
    case FieldType::Phone:
        return value.size() == kPhoneDigits && value[0] == '1' && all_digits(value) ? FieldProblem::None
                                                                                    : FieldProblem::Phone;
    case FieldType::Date:
        return is_iso_date(value) ? FieldProblem::None : FieldProblem::Date;
    case FieldType::Number:
        return all_digits(value) && value.size() <= kMaxNumberDigits ? FieldProblem::None
                                                                     : FieldProblem::Number;
    case FieldType::Choice:
        for (const auto& choice : field.choices)
            if (value == choice.zh || value == choice.en)
                return FieldProblem::None;
        return FieldProblem::NotAChoice;
    case FieldType::Text:
        break;
    }
    if (has_control_characters(value))
        return FieldProblem::BadChars;
    return count_code_points(value) > kMaxTextCodePoints ? FieldProblem::TooLong : FieldProblem::None;
}

std::string identity_value(const Identity& identity, std::string_view key) {
    if (key == "name")
        return identity.name;
    if (key == "name_en")
        return identity.name_en;
    if (key == "id_number")
        return identity.id_number;
    if (key == "address")
        return identity.address;
    if (key == "birth_date")
        return identity.birth_date;
    if (key == "nation")
        return identity.nation;
    if (key == "nationality")
        return identity.nationality;
    if (key == "permit_number")
        return identity.permit_number;
    return {};
}

bool from_document(const FormField& field, const Identity* identity) {
    return field.source == FieldSource::IdCard && identity &&
           !identity_value(*identity, field.source_key).empty();
}

std::map<std::string, std::string> resolve_form(const Checklist& checklist, const Identity* identity,
                                                const std::map<std::string, std::string>& typed,
                                                const std::map<std::string, std::string>& read) {
    std::map<std::string, std::string> values;
    for (const auto& entry : checklist.fields) {
        std::string value = resolve_field(*entry.field, identity, typed, read);
        if (!value.empty())
            values[entry.field->id] = std::move(value);
    }
    return values;
}

std::string resolve_field(const FormField& field, const Identity* identity,
                          const std::map<std::string, std::string>& typed,
                          const std::map<std::string, std::string>& read) {
    if (from_document(field, identity))
        return identity_value(*identity, field.source_key);
    if (auto kept = typed.find(field.id); kept != typed.end())
        return kept->second;
    if (auto found = read.find(field.id); field.source == FieldSource::Ocr && found != read.end())
        return found->second;
    return {};
}

std::string shown_value(const FormField& field, const std::string& value) {
    if (field.source == FieldSource::IdCard && field.source_key == "id_number" && !value.empty())
        return mask_id_number(value);
    return value;
}

int count_problems(const Checklist& checklist, const std::map<std::string, std::string>& values) {
    int problems = 0;
    for (const auto& entry : checklist.fields) {
        auto value = values.find(entry.field->id);
        if (check_field(*entry.field,
                        value == values.end() ? std::string_view() : std::string_view(value->second)) !=
            FieldProblem::None)
            ++problems;
    }
    return problems;
}

} // namespace kiosk::domain
