#include "drivers/idcard/CardText.h"
#include "core/domain/IdNumber.h"
#include "core/domain/Nation.h"
#include "drivers/idcard/CardLayout.h"
#include "drivers/idcard/PermanentResidenceNumber.h"
#include "drivers/idcard/Ucs2.h"

#include <fmt/format.h>

namespace kiosk::drivers::sam {
namespace {

using domain::CivilDate;
using domain::DocumentType;
using domain::Identity;
using layout::Slot;
using Text = std::span<const uint8_t>;

constexpr char kLongTerm[] = "长期"; // §2.2: the validity end of a card that never expires

// Every error names the field (its JSON key) and the broken rule — never the value.
Error field_error(const char* field, std::string_view what) {
    return make_error(ErrorCode::InvalidData, fmt::format("{}: {}", field, what));
}

Result<std::string> read_text(Text text, Slot slot) {
    auto decoded = decode_ucs2le(text.subspan(slot.offset, slot.size));
    if (!decoded)
        return field_error(slot.field, decoded.error().message);
    return decoded;
}

Result<std::string> read_required(Text text, Slot slot) {
    auto value = TRY(read_text(text, slot));
    if (value.empty())
        return field_error(slot.field, "is empty");
    return value;
}

// §2.9: '1' male, '2' female; anything else (0 unknown, 9 unspecified, garbage) is not guessed.
Result<char> read_sex(Text text, Slot slot) {
    auto code = TRY(read_text(text, slot));
    if (code == "1")
        return 'M';
    if (code == "2")
        return 'F';
    return field_error(slot.field, "code is neither 1 (male) nor 2 (female)");
}

// §2.9: two digits mapped through the explicit table of core/domain/Nation.h.
Result<std::string> read_nation(Text text, Slot slot) {
    auto code = TRY(read_text(text, slot));
    if (code.size() != 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9')
        return field_error(slot.field, "code is not two digits");
    const char* name = domain::nation_name((code[0] - '0') * 10 + (code[1] - '0'));
    if (!name)
        return field_error(slot.field, "unknown nation code");
    return std::string(name);
}

Result<CivilDate> read_date(Text text, Slot slot) {
    auto digits = TRY(read_text(text, slot));
    auto date = domain::parse_yyyymmdd(digits);
    if (!date) // parse_yyyymmdd's message quotes the digits: a birth date is personal data
        return field_error(slot.field, "is not a real YYYYMMDD date");
    return date;
}

Result<CivilDate> read_birth(Text text, Slot slot, CivilDate today) {
    auto birth = TRY(read_date(text, slot));
    if (birth > today)
        return field_error(slot.field, "is in the future");
    return birth;
}

// §2.2: the end is a date or "长期" (check before parsing it as digits); it may not precede the start.
Result<void> read_validity(Text text, Slot from, Slot until, Identity& identity) {
    auto start = TRY(read_date(text, from));
    identity.valid_from = start.iso();
    auto end_text = TRY(read_text(text, until));
    if (end_text == kLongTerm) {
        identity.valid_until = "long-term";
        return {};
    }
    auto end = TRY(read_date(text, until));
    if (end < start)
        return field_error(until.field, "is before valid_from");
    identity.valid_until = end.iso();
    return {};
}

// Upper-case ASCII letters and digits, `min`..`max` of them (nationality, permit and authority codes).
Result<std::string> read_code(Text text, Slot slot, size_t min, size_t max, bool digits_allowed) {
    auto code = TRY(read_text(text, slot));
    if (code.size() < min || code.size() > max)
        return field_error(slot.field,
                           fmt::format("has {} characters, expected {}..{}", code.size(), min, max));
    for (char c : code)
        if (!((c >= 'A' && c <= 'Z') || (digits_allowed && c >= '0' && c <= '9')))
            return field_error(slot.field, "holds a character other than A-Z or 0-9");
    return code;
}

// §3 plus the card-type rules: 81/82/83 prefix on 'J' permits (§2.4), '9' on 2023 foreign cards (§2.6),
// never '9' on a resident card; sequence parity and birth date must agree with the card's own fields.
Result<std::string> read_id_number(Text text, Slot slot, const Identity& identity, CivilDate birth,
                                   CivilDate today) {
    auto raw = TRY(read_text(text, slot));
    auto checked = domain::check_id_number(raw, today);
    if (!checked)
        return field_error(slot.field, checked.error().message);
    const std::string& number = checked->text;
    bool prefix_ok = true;
    switch (identity.document_type) {
    case DocumentType::HmtResidencePermit:
        prefix_ok = number.starts_with("81") || number.starts_with("82") || number.starts_with("83");
        break;
    case DocumentType::ForeignPermanentResidence2023:
        prefix_ok = number.starts_with('9');
        break;
    default:
        prefix_ok = !number.starts_with('9');
        break;
    }
    if (!prefix_ok)
        return field_error(slot.field, "prefix does not fit the card type");
    if (checked->sex != identity.sex)
        return field_error(slot.field, "sequence parity does not match the sex field");
    if (checked->birth_date != birth)
        return field_error(slot.field, "birth date does not match the birth_date field");
    return checked->text;
}

Result<Identity> parse_resident_or_hmt(Text text, CivilDate today, DocumentType type) {
    namespace f = layout::resident;
    Identity identity;
    identity.document_type = type;
    identity.name = TRY(read_required(text, f::kName));
    identity.sex = TRY(read_sex(text, f::kSex));
    if (type == DocumentType::ResidentId)
        identity.nation = TRY(read_nation(text, f::kNation));
    auto birth = TRY(read_birth(text, f::kBirth, today));
    identity.birth_date = birth.iso();
    identity.address = TRY(read_text(text, f::kAddress));
    identity.id_number = TRY(read_id_number(text, f::kIdNumber, identity, birth, today));
    identity.issuer = TRY(read_text(text, f::kIssuer));
    TRY(read_validity(text, f::kValidFrom, f::kValidUntil, identity));
    if (type == DocumentType::HmtResidencePermit)
        identity.permit_number = TRY(read_code(text, layout::hmt::kPermitNumber, 1, 9, true));
    return identity;
}

Result<Identity> parse_foreign_2017(Text text, CivilDate today) {
    namespace f = layout::foreign2017;
    Identity identity;
    identity.document_type = DocumentType::ForeignPermanentResidence2017;
    identity.name_en = TRY(read_text(text, f::kNameEn));
    identity.name = TRY(read_text(text, f::kNameZh));
    if (identity.name.empty())
        identity.name = identity.name_en;
    if (identity.name.empty())
        return field_error(f::kNameEn.field, "is empty, and so is the Chinese name");
    identity.sex = TRY(read_sex(text, f::kSex));
    auto birth = TRY(read_birth(text, f::kBirth, today));
    identity.birth_date = birth.iso();
    identity.id_number = TRY(read_text(text, f::kNumber));
    auto number_ok = check_permanent_residence_number(identity.id_number, birth);
    if (!number_ok)
        return field_error(f::kNumber.field, number_ok.error().message);
    identity.nationality = TRY(read_code(text, f::kNationality, 3, 3, false));
    identity.issuer = TRY(read_code(text, f::kAuthority, 1, 4, true));
    TRY(read_validity(text, f::kValidFrom, f::kValidUntil, identity));
    return identity;
}

Result<Identity> parse_foreign_2023(Text text, CivilDate today) {
    namespace f = layout::foreign2023;
    Identity identity;
    identity.document_type = DocumentType::ForeignPermanentResidence2023;
    // One 46-character name over two slots: join before trimming so a space at character 35 survives.
    std::vector<uint8_t> name_en(text.begin() + f::kNameEn1.offset,
                                 text.begin() + f::kNameEn1.offset + f::kNameEn1.size);
    name_en.insert(name_en.end(), text.begin() + f::kNameEn2.offset,
                   text.begin() + f::kNameEn2.offset + f::kNameEn2.size);
    identity.name_en = TRY(read_text(name_en, Slot{0, name_en.size(), f::kNameEn1.field}));
    identity.name = TRY(read_text(text, f::kNameZh));
    if (identity.name.empty())
        identity.name = identity.name_en;
    if (identity.name.empty())
        return field_error(f::kNameEn1.field, "is empty, and so is the Chinese name");
    identity.sex = TRY(read_sex(text, f::kSex));
    auto birth = TRY(read_birth(text, f::kBirth, today));
    identity.birth_date = birth.iso();
    identity.id_number = TRY(read_id_number(text, f::kIdNumber, identity, birth, today));
    identity.nationality = TRY(read_code(text, f::kNationality, 3, 3, false));
    TRY(read_validity(text, f::kValidFrom, f::kValidUntil, identity));
    return identity;
}

} // namespace

Result<Identity> parse_card_text(std::span<const uint8_t> text, CivilDate today) {
    if (text.size() != kTextSize)
        return make_error(ErrorCode::InvalidData,
                          fmt::format("card text has {} bytes, not {}", text.size(), kTextSize));
    // §2.3, §2.10: the card type decides the layout, so it is checked before any field is read.
    auto type = static_cast<char16_t>(text[layout::kCardTypeOffset] | text[layout::kCardTypeOffset + 1] << 8);
    switch (type) {
    case layout::kResidentType:
        return parse_resident_or_hmt(text, today, DocumentType::ResidentId);
    case layout::kHmtType:
        return parse_resident_or_hmt(text, today, DocumentType::HmtResidencePermit);
    case layout::kForeign2017Type:
        return parse_foreign_2017(text, today);
    case layout::kForeign2023Type:
        return parse_foreign_2023(text, today);
    }
    return make_error(ErrorCode::InvalidData,
                      fmt::format("unknown card type 0x{:04X} at byte 248", uint16_t(type)));
}

// §2.1 (30 01): text length, photo length, text, photo. §2.7 (30 10): a fingerprint length follows the
// photo length and the fingerprint follows the photo. Which one it is follows from the data's size.
Result<Identity> parse_read_base(const Response& response, CivilDate today) {
    if (response.sw3 != static_cast<uint8_t>(Sw3::Success))
        return sw3_error(response.sw3);
    const auto& data = response.data;
    auto u16 = [&](size_t at) { return size_t(data[at]) << 8 | data[at + 1]; };
    if (data.size() < 4)
        return make_error(ErrorCode::InvalidData, "read-base data is shorter than its length fields");
    size_t text_size = u16(0), photo_size = u16(2), text_at = 4;
    if (text_at + text_size + photo_size != data.size()) {
        size_t fingerprint_size = data.size() >= 6 ? u16(4) : 0;
        text_at = 6;
        if (data.size() < 6 || text_at + text_size + photo_size + fingerprint_size != data.size())
            return make_error(
                ErrorCode::InvalidData,
                fmt::format("read-base lengths (text {}, photo {}) do not match the {} data bytes", text_size,
                            photo_size, data.size()));
        if (fingerprint_size != 0 && fingerprint_size != 1024)
            return make_error(ErrorCode::InvalidData,
                              fmt::format("fingerprint length {} is neither 0 nor 1024", fingerprint_size));
    }
    if (text_size != kTextSize || photo_size != kPhotoSize)
        return make_error(ErrorCode::InvalidData,
                          fmt::format("read-base lengths are text {} and photo {}, expected {} and {}",
                                      text_size, photo_size, kTextSize, kPhotoSize));
    auto text = std::span(data).subspan(text_at, kTextSize);
    auto identity = TRY(parse_card_text(text, today));
    auto photo = std::span(data).subspan(text_at + kTextSize, kPhotoSize);
    identity.photo_wlt.assign(photo.begin(), photo.end());
    return identity;
}

} // namespace kiosk::drivers::sam
