#include "drivers/idcard/IdentityJson.h"

namespace kiosk::drivers {

using domain::DocumentType;

nlohmann::json identity_to_json(const domain::Identity& identity) {
    DocumentType type = identity.document_type;
    bool resident = type == DocumentType::ResidentId;
    bool hmt = type == DocumentType::HmtResidencePermit;
    bool foreign2017 = type == DocumentType::ForeignPermanentResidence2017;
    bool foreign = foreign2017 || type == DocumentType::ForeignPermanentResidence2023;
    bool passport = type == DocumentType::Passport;

    nlohmann::json json = nlohmann::json::object();
    auto put = [&](const char* key, const std::string& value, bool card_has_it) {
        if (passport ? !value.empty() : card_has_it)
            json[key] = value;
    };
    json["document_type"] = to_string(type);
    json["name"] = identity.name;
    put("name_en", identity.name_en, !identity.name_en.empty());
    json["sex"] = std::string(1, identity.sex);
    put("nation", identity.nation, resident);
    json["birth_date"] = identity.birth_date;
    put("address", identity.address, resident || hmt);
    json["id_number"] = identity.id_number;
    put("issuer", identity.issuer, resident || hmt || foreign2017);
    json["valid_from"] = identity.valid_from;
    json["valid_until"] = identity.valid_until;
    put("permit_number", identity.permit_number, hmt);
    put("nationality", identity.nationality, foreign);
    return json;
}

} // namespace kiosk::drivers
