#pragma once
// Fictional card holders, one per card type, whose numbers pass every check (check characters
// computed with domain::id_number_check_character and the 7-3-1 ICAO digit).

#include "core/domain/CivilDate.h"
#include "core/domain/Identity.h"

namespace kiosk::drivers::sam::samples {

inline constexpr domain::CivilDate kToday{2026, 1, 15};

inline domain::Identity resident() {
    domain::Identity identity;
    identity.document_type = domain::DocumentType::ResidentId;
    identity.name = "阿依古丽·买买提";
    identity.sex = 'F';
    identity.nation = "维吾尔";
    identity.birth_date = "1985-11-02";
    identity.address = "新疆乌鲁木齐市天山区示例路88号 3单元";
    identity.id_number = "650102198511020069";
    identity.issuer = "乌鲁木齐市公安局天山区分局";
    identity.valid_from = "2010-03-15";
    identity.valid_until = "long-term";
    return identity;
}

inline domain::Identity hmt_permit() {
    domain::Identity identity;
    identity.document_type = domain::DocumentType::HmtResidencePermit;
    identity.name = "陈嘉伟";
    identity.sex = 'M';
    identity.birth_date = "1988-04-21";
    identity.address = "广东省深圳市福田区示例大道100号";
    identity.id_number = "810000198804210036";
    identity.issuer = "深圳市公安局";
    identity.valid_from = "2019-01-10";
    identity.valid_until = "2029-01-10";
    identity.permit_number = "H12345678";
    return identity;
}

inline domain::Identity foreign_2017() {
    domain::Identity identity;
    identity.document_type = domain::DocumentType::ForeignPermanentResidence2017;
    identity.name = "史密斯";
    identity.name_en = "SMITH, JOHN ALEXANDER";
    identity.sex = 'M';
    identity.birth_date = "1978-05-12";
    identity.id_number = "USA110078051216";
    identity.issuer = "1100";
    identity.valid_from = "2017-07-01";
    identity.valid_until = "2027-07-01";
    identity.nationality = "USA";
    return identity;
}

inline domain::Identity foreign_2023() {
    domain::Identity identity;
    identity.document_type = domain::DocumentType::ForeignPermanentResidence2023;
    identity.name = "玛丽亚";
    identity.name_en = "GARCIA LOPEZ, MARIA FERNANDA DE LOS ANGELES"; // a space at character 36
    identity.sex = 'F';
    identity.birth_date = "1990-01-01";
    identity.id_number = "911724199001010020";
    identity.valid_from = "2023-12-01";
    identity.valid_until = "2033-12-01";
    identity.nationality = "ESP";
    return identity;
}

} // namespace kiosk::drivers::sam::samples
