#include "core/domain/Identity.h"

#include <algorithm>

namespace kiosk::domain {

const char* to_string(DocumentType type) {
    switch (type) {
    case DocumentType::ResidentId:
        return "resident_id";
    case DocumentType::HmtResidencePermit:
        return "hmt_residence_permit";
    case DocumentType::ForeignPermanentResidence2017:
        return "foreign_permanent_residence_2017";
    case DocumentType::ForeignPermanentResidence2023:
        return "foreign_permanent_residence_2023";
    case DocumentType::Passport:
        return "passport";
    }
    return "?";
}

void Identity::wipe() {
    for (auto* text : {&name, &name_en, &nation, &birth_date, &address, &id_number, &issuer, &valid_from,
                       &valid_until, &permit_number, &nationality})
        secure_wipe(*text);
    // volatile stores so the compiler cannot drop them as dead before the free.
    for (auto* bytes : {&photo_wlt, &photo_rgb}) {
        for (auto& byte : *bytes)
            *const_cast<volatile uint8_t*>(&byte) = 0;
        bytes->clear();
        bytes->shrink_to_fit();
    }
    photo_width = photo_height = 0;
    sex = 'M';
    document_type = DocumentType::ResidentId;
}

namespace {

// Splits UTF-8 text into code points (each a std::string), without validating beyond lead bytes.
std::vector<std::string> code_points(const std::string& text) {
    std::vector<std::string> out;
    for (size_t i = 0; i < text.size();) {
        auto lead = static_cast<unsigned char>(text[i]);
        size_t length = lead < 0x80           ? 1
                        : (lead >> 5) == 0x6  ? 2
                        : (lead >> 4) == 0xE  ? 3
                        : (lead >> 3) == 0x1E ? 4
                                              : 1;
        length = std::min(length, text.size() - i);
        out.push_back(text.substr(i, length));
        i += length;
    }
    return out;
}

} // namespace

std::string mask_name(const std::string& name) {
    auto points = code_points(name);
    if (points.empty())
        return {};
    // A Latin name ("ZHANG SAN") keeps its first letter only, like a Chinese one keeps its surname.
    std::string masked = points.front();
    size_t stars = points.size() == 1 ? 1 : std::min<size_t>(points.size() - 1, 3);
    masked.append(stars, '*');
    return masked;
}

std::string mask_id_number(const std::string& id_number) {
    if (id_number.size() <= 8)
        return std::string(id_number.size(), '*');
    return id_number.substr(0, 4) + std::string(id_number.size() - 8, '*') +
           id_number.substr(id_number.size() - 4);
}

} // namespace kiosk::domain
