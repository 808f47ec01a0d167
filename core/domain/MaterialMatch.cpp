#include "core/domain/MaterialMatch.h"

#include "core/domain/DocumentFields.h"
#include "core/domain/OcrText.h"

#include <algorithm>
#include <fmt/format.h>
#include <optional>

namespace kiosk::domain {

const char* to_string(Verdict verdict) {
    switch (verdict) {
    case Verdict::Matches:
        return "matches";
    case Verdict::DoesNotMatch:
        return "does_not_match";
    case Verdict::Unreadable:
        return "unreadable";
    }
    return "?";
}

namespace {

size_t count_characters(const std::string& compact) {
    size_t count = 0;
    for (char c : compact)
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80; // UTF-8 lead bytes
    return count;
}

bool contains(const std::string& compact_text, const std::string& keyword) {
    return compact_text.find(without_whitespace(normalize_ocr_text(keyword))) != std::string::npos;
}

// The text a labelled field is looked for in: from the label on, else the whole text.
std::string_view scope(const std::string& text, const std::string& label) {
    if (label.empty())
        return text;
    std::string wanted = without_whitespace(normalize_ocr_text(label));
    while (!wanted.empty() && wanted.back() == ':')
        wanted.pop_back();
    auto at = text.find(wanted);
    return at == std::string::npos ? std::string_view() : std::string_view(text).substr(at + wanted.size());
}

std::optional<std::string> find_field(const EvidenceField& field, const std::string& text, CivilDate today) {
    switch (field.validator) {
    case FieldValidator::IdNumber: {
        auto found = find_id_numbers(scope(text, field.label), today);
        return found.empty() ? std::nullopt : std::optional(found.front().value);
    }
    case FieldValidator::Uscc: {
        auto found = find_usccs(scope(text, field.label));
        return found.empty() ? std::nullopt : std::optional(found.front().value);
    }
    case FieldValidator::Date: {
        auto found = find_dates(scope(text, field.label));
        return found.empty() ? std::nullopt : std::optional(found.front().iso());
    }
    case FieldValidator::TextAfterLabel:
        return text_after_label(text, field.label);
    }
    return std::nullopt;
}

} // namespace

MaterialCheck match_material(const MaterialKind& kind, const std::string& text, double confidence,
                             CivilDate today, const MatchOptions& options) {
    MaterialCheck check;
    check.confidence = confidence;
    std::string compact = without_whitespace(text);
    size_t characters = count_characters(compact);
    if (characters < static_cast<size_t>(options.min_characters)) {
        check.reason = fmt::format("too little text ({} characters)", characters);
        return check;
    }
    if (confidence < options.min_confidence) {
        check.reason =
            fmt::format("OCR confidence {:.0f} is below {:.0f}", confidence, options.min_confidence);
        return check;
    }
    // Fields first, so a rejected page still shows what was read from it.
    std::string missing_field;
    for (const auto& field : kind.evidence.fields) {
        if (auto value = find_field(field, text, today)) {
            check.fields[field.id] = *value;
            if (!field.fills.empty())
                check.prefill[field.fills] = *value;
        } else if (field.required && missing_field.empty()) {
            missing_field = field.id;
        }
    }
    check.verdict = Verdict::DoesNotMatch;
    for (const auto& keyword : kind.evidence.keywords_all)
        if (!contains(compact, keyword)) {
            check.missing = keyword;
            check.reason = fmt::format("keyword '{}' not found", keyword);
            return check;
        }
    if (!kind.evidence.keywords_any.empty() &&
        std::none_of(kind.evidence.keywords_any.begin(), kind.evidence.keywords_any.end(),
                     [&](const std::string& keyword) { return contains(compact, keyword); })) {
        check.missing = kind.evidence.keywords_any.front();
        check.reason =
            fmt::format("none of the keywords '{}' found", fmt::join(kind.evidence.keywords_any, "', '"));
        return check;
    }
    if (!missing_field.empty()) {
        check.missing = missing_field;
        check.reason = fmt::format("no valid field '{}' found", missing_field);
        return check;
    }
    check.verdict = Verdict::Matches;
    return check;
}

} // namespace kiosk::domain
