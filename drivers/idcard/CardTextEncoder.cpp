// encode_card_text (CardText.h): the inverse of parse_card_text, for the emulator and tests. It only
// encodes — a wrong check character or an impossible date goes onto the "card" as given, so a test can
// script a broken card; only what cannot be written at all (too long, no code for it) is an error.

#include "core/domain/Nation.h"
#include "drivers/idcard/CardLayout.h"
#include "drivers/idcard/CardText.h"
#include "drivers/idcard/Ucs2.h"

#include <fmt/format.h>

namespace kiosk::drivers::sam {
namespace {

using domain::DocumentType;
using domain::Identity;
using layout::Slot;
using Block = std::array<uint8_t, kTextSize>;

Error field_error(const char* field, std::string_view what) {
    return make_error(ErrorCode::InvalidArgument, fmt::format("{}: {}", field, what));
}

Result<void> put_units(Block& block, Slot slot, const std::u16string& units) {
    if (units.size() > slot.chars())
        return field_error(slot.field, fmt::format("{} characters do not fit its {} (card text §2)",
                                                   units.size(), slot.chars()));
    for (size_t i = 0; i < units.size(); ++i) {
        block[slot.offset + 2 * i] = static_cast<uint8_t>(units[i] & 0xFF);
        block[slot.offset + 2 * i + 1] = static_cast<uint8_t>(units[i] >> 8);
    }
    return {};
}

Result<void> put(Block& block, Slot slot, std::string_view text) {
    auto units = utf8_to_ucs2(text);
    if (!units)
        return field_error(slot.field, units.error().message);
    return put_units(block, slot, units.value());
}

Result<void> put_sex(Block& block, Slot slot, char sex) {
    if (sex != 'M' && sex != 'F')
        return field_error(slot.field, "is neither M nor F");
    return put(block, slot, sex == 'M' ? "1" : "2");
}

// "YYYY-MM-DD" → "YYYYMMDD" (shape only: a date that does not exist is written as given).
Result<void> put_date(Block& block, Slot slot, std::string_view iso) {
    bool shaped = iso.size() == 10 && iso[4] == '-' && iso[7] == '-';
    for (size_t i = 0; shaped && i < iso.size(); ++i)
        shaped = i == 4 || i == 7 || (iso[i] >= '0' && iso[i] <= '9');
    if (!shaped)
        return field_error(slot.field, "is not YYYY-MM-DD");
    std::string digits =
        std::string(iso.substr(0, 4)) + std::string(iso.substr(5, 2)) + std::string(iso.substr(8, 2));
    return put(block, slot, digits);
}

Result<void> put_validity(Block& block, Slot from, Slot until, const Identity& identity) {
    TRY(put_date(block, from, identity.valid_from));
    if (identity.valid_until == "long-term")
        return put(block, until, "长期");
    return put_date(block, until, identity.valid_until);
}

// 'I' and 'Y' cards: the Chinese-name slot stays blank when the name is the English one.
std::string_view chinese_name(const Identity& identity) {
    return identity.name == identity.name_en ? std::string_view() : std::string_view(identity.name);
}

Result<void> encode_resident_or_hmt(Block& block, const Identity& identity) {
    namespace f = layout::resident;
    bool hmt = identity.document_type == DocumentType::HmtResidencePermit;
    block[layout::kCardTypeOffset] = static_cast<uint8_t>(hmt ? layout::kHmtType : layout::kResidentType);
    TRY(put(block, f::kName, identity.name));
    TRY(put_sex(block, f::kSex, identity.sex));
    if (!hmt) {
        int code = domain::nation_code(identity.nation);
        if (code < 0)
            return field_error(f::kNation.field, "unknown nation");
        TRY(put(block, f::kNation, fmt::format("{:02}", code)));
    }
    TRY(put_date(block, f::kBirth, identity.birth_date));
    TRY(put(block, f::kAddress, identity.address));
    TRY(put(block, f::kIdNumber, identity.id_number));
    TRY(put(block, f::kIssuer, identity.issuer));
    TRY(put_validity(block, f::kValidFrom, f::kValidUntil, identity));
    if (hmt) {
        TRY(put(block, layout::hmt::kPermitNumber, identity.permit_number));
        TRY(put(block, layout::hmt::kIssueCount, "00")); // not kept in Identity
    }
    return {};
}

Result<void> encode_foreign_2017(Block& block, const Identity& identity) {
    namespace f = layout::foreign2017;
    block[layout::kCardTypeOffset] = static_cast<uint8_t>(layout::kForeign2017Type);
    TRY(put(block, f::kNameEn, identity.name_en));
    TRY(put_sex(block, f::kSex, identity.sex));
    TRY(put(block, f::kNumber, identity.id_number));
    TRY(put(block, f::kNationality, identity.nationality));
    TRY(put(block, f::kNameZh, chinese_name(identity)));
    TRY(put_validity(block, f::kValidFrom, f::kValidUntil, identity));
    TRY(put_date(block, f::kBirth, identity.birth_date));
    TRY(put(block, f::kVersion, "00")); // not kept in Identity
    return put(block, f::kAuthority, identity.issuer);
}

Result<void> encode_foreign_2023(Block& block, const Identity& identity) {
    namespace f = layout::foreign2023;
    block[layout::kCardTypeOffset] = static_cast<uint8_t>(layout::kForeign2023Type);
    TRY(put(block, f::kNameZh, chinese_name(identity)));
    TRY(put_sex(block, f::kSex, identity.sex));
    TRY(put(block, f::kRenewals, "00")); // not kept in Identity
    TRY(put_date(block, f::kBirth, identity.birth_date));
    auto name_en = utf8_to_ucs2(identity.name_en);
    if (!name_en)
        return field_error(f::kNameEn1.field, name_en.error().message);
    size_t capacity = f::kNameEn1.chars() + f::kNameEn2.chars();
    if (name_en->size() > capacity)
        return field_error(f::kNameEn1.field,
                           fmt::format("{} characters do not fit its {}", name_en->size(), capacity));
    std::u16string& units = name_en.value();
    size_t split = std::min(units.size(), f::kNameEn1.chars());
    TRY(put_units(block, f::kNameEn1, units.substr(0, split)));
    TRY(put_units(block, f::kNameEn2, units.substr(split)));
    TRY(put(block, f::kIdNumber, identity.id_number));
    TRY(put_validity(block, f::kValidFrom, f::kValidUntil, identity));
    return put(block, f::kNationality, identity.nationality);
}

} // namespace

Result<std::array<uint8_t, kTextSize>> encode_card_text(const Identity& identity) {
    Block block;
    for (size_t i = 0; i < kTextSize; i += 2) { // §2.2: right-padded with spaces (20 00)
        block[i] = 0x20;
        block[i + 1] = 0x00;
    }
    switch (identity.document_type) {
    case DocumentType::ResidentId:
    case DocumentType::HmtResidencePermit:
        TRY(encode_resident_or_hmt(block, identity));
        return block;
    case DocumentType::ForeignPermanentResidence2017:
        TRY(encode_foreign_2017(block, identity));
        return block;
    case DocumentType::ForeignPermanentResidence2023:
        TRY(encode_foreign_2023(block, identity));
        return block;
    case DocumentType::Passport:
        break;
    }
    return make_error(ErrorCode::InvalidArgument, "a passport has no ID-card text block");
}

} // namespace kiosk::drivers::sam
