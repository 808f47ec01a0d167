#include "core/domain/Catalog.h"

#include <cstdio>

namespace kiosk::domain {

const char* to_string(FieldSource source) {
    switch (source) {
    case FieldSource::IdCard:
        return "idcard";
    case FieldSource::Ocr:
        return "ocr";
    case FieldSource::Typed:
        return "typed";
    }
    return "?";
}

const char* to_string(FieldValidator validator) {
    switch (validator) {
    case FieldValidator::IdNumber:
        return "id_number";
    case FieldValidator::Uscc:
        return "uscc";
    case FieldValidator::Date:
        return "date";
    case FieldValidator::TextAfterLabel:
        return "text_after_label";
    }
    return "?";
}

namespace {

template <typename T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
    for (const auto& item : items)
        if (item.id == id)
            return &item;
    return nullptr;
}

} // namespace

const Department* Catalog::find_department(std::string_view id) const {
    return find_by_id(m_departments, id);
}
const MaterialKind* Catalog::find_material(std::string_view id) const {
    return find_by_id(m_materials, id);
}
const Matter* Catalog::find_matter(std::string_view id) const {
    return find_by_id(m_matters, id);
}
const Package* Catalog::find_package(std::string_view id) const {
    return find_by_id(m_packages, id);
}

std::string format_fee(int fee_fen) {
    char text[32];
    std::snprintf(text, sizeof text, "¥%d.%02d", fee_fen / 100, fee_fen % 100);
    return text;
}

} // namespace kiosk::domain
