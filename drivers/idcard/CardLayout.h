#pragma once
// Where each field sits in the 256-byte text block, per card type (docs/specs/idcard-sam.md
// §2.2–§2.6). Sizes are in bytes (two per UCS-2 character); field names are the identity's JSON keys
// so an error can name the field without showing its value.

#include <cstddef>

namespace kiosk::drivers::sam::layout {

struct Slot {
    size_t offset;
    size_t size;
    const char* field;
    size_t chars() const { return size / 2; }
};

// §2.3: the low byte of character 124 tells the card type.
inline constexpr size_t kCardTypeOffset = 248;
inline constexpr char16_t kResidentType = u' ';
inline constexpr char16_t kHmtType = u'J';
inline constexpr char16_t kForeign2017Type = u'I';
inline constexpr char16_t kForeign2023Type = u'Y';

// §2.2 resident ID card; §2.4 'J' uses the same slots except nation (reserved there).
namespace resident {
inline constexpr Slot kName{0, 30, "name"};
inline constexpr Slot kSex{30, 2, "sex"};
inline constexpr Slot kNation{32, 4, "nation"};
inline constexpr Slot kBirth{36, 16, "birth_date"};
inline constexpr Slot kAddress{52, 70, "address"};
inline constexpr Slot kIdNumber{122, 36, "id_number"};
inline constexpr Slot kIssuer{158, 30, "issuer"};
inline constexpr Slot kValidFrom{188, 16, "valid_from"};
inline constexpr Slot kValidUntil{204, 16, "valid_until"};
} // namespace resident

// §2.4 'J' only.
namespace hmt {
inline constexpr Slot kPermitNumber{220, 18, "permit_number"};
inline constexpr Slot kIssueCount{238, 4, "issue_count"};
} // namespace hmt

// §2.5 'I' (2017 foreign permanent-residence card).
namespace foreign2017 {
inline constexpr Slot kNameEn{0, 120, "name_en"};
inline constexpr Slot kSex{120, 2, "sex"};
inline constexpr Slot kNumber{122, 30, "id_number"};
inline constexpr Slot kNationality{152, 6, "nationality"};
inline constexpr Slot kNameZh{158, 30, "name"};
inline constexpr Slot kValidFrom{188, 16, "valid_from"};
inline constexpr Slot kValidUntil{204, 16, "valid_until"};
inline constexpr Slot kBirth{220, 16, "birth_date"};
inline constexpr Slot kVersion{236, 4, "card_version"};
inline constexpr Slot kAuthority{240, 8, "issuer"};
} // namespace foreign2017

// §2.6 'Y' (2023 foreign permanent-residence card): the English name is split over two slots.
namespace foreign2023 {
inline constexpr Slot kNameZh{0, 30, "name"};
inline constexpr Slot kSex{30, 2, "sex"};
inline constexpr Slot kRenewals{32, 4, "renewal_count"};
inline constexpr Slot kBirth{36, 16, "birth_date"};
inline constexpr Slot kNameEn1{52, 70, "name_en"};
inline constexpr Slot kIdNumber{122, 36, "id_number"};
inline constexpr Slot kValidFrom{188, 16, "valid_from"};
inline constexpr Slot kValidUntil{204, 16, "valid_until"};
inline constexpr Slot kNameEn2{220, 22, "name_en"};
inline constexpr Slot kNationality{242, 6, "nationality"};
} // namespace foreign2023

} // namespace kiosk::drivers::sam::layout
