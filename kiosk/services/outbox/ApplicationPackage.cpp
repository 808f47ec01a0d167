#include "kiosk/services/outbox/ApplicationPackage.h"
#include "kiosk/domain/QrPayload.h"
#include "kiosk/services/outbox/SecretBox.h"

#include <array>
#include <sodium.h>

namespace kiosk::outbox {

const char* hub_id_type(domain::DocumentType type) {
    switch (type) {
    case domain::DocumentType::ResidentId:
        return "resident_id";
    case domain::DocumentType::HmtResidencePermit:
        return "hmt_permit";
    case domain::DocumentType::ForeignPermanentResidence2017:
    case domain::DocumentType::ForeignPermanentResidence2023:
        return "foreign_permit";
    case domain::DocumentType::Passport:
        break;
    }
    return "passport";
}

std::string make_application_id() {
    ensure_sodium();
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    return to_hex(bytes, sizeof bytes);
}

std::string make_query_token() {
    ensure_sodium();
    std::array<std::uint8_t, 15> random{};
    randombytes_buf(random.data(), random.size());
    return domain::make_receipt_token(random);
}

Result<void> validate(const ApplicationPackage& package) {
    auto refuse = [](const std::string& what) {
        return make_error(ErrorCode::InvalidArgument, "application package: " + what);
    };
    if (package.kiosk_id.empty())
        return refuse("no kiosk id");
    if (package.matter_ids.empty())
        return refuse("no matter");
    for (const auto& matter : package.matter_ids)
        if (matter.empty())
            return refuse("an empty matter id");
    if (package.applicant.id_number.empty() || package.applicant.name.empty())
        return refuse("the applicant has no name or ID number");
    if (package.consent_version.empty())
        return refuse("no consent");
    for (const auto& material : package.materials) {
        if (material.material_id.empty())
            return refuse("a material without an id");
        if (material.pages < 1)
            return refuse("material " + material.material_id + " has no pages");
        if (material.file.empty())
            return refuse("material " + material.material_id + " has no file");
    }
    return {};
}

} // namespace kiosk::outbox
