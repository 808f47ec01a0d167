#pragma once
// Certificate pickup: POST /v1/certificates/search lists the certificates ready for a holder, POST
// /v1/certificates/{id}/download answers one as a PDF (kPdfContentType). Both take the holder's ID
// number in the body, never in a URL; the hub finds certificates by a keyed hash of it.

#include "core/base/Result.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kiosk::protocol {

inline constexpr size_t kMaxTitleBytes = 1000;

// The body of both requests.
struct CertificateQuery {
    std::string id_number; // personal data: in a body only, dropped once sent
};

struct CertificateSummary {
    std::string certificate_id, application_number, matter_id;
    std::string title;     // the matter's name
    std::string issued_at; // UTC time
};

struct CertificateList {
    std::vector<CertificateSummary> certificates; // possibly none
};

nlohmann::json to_json(const CertificateQuery& query);
nlohmann::json to_json(const CertificateList& list);
// The request strictly, the answer with other keys ignored: InvalidData naming the field.
Result<CertificateQuery> parse_certificate_query(const nlohmann::json& json);
Result<CertificateList> parse_certificate_list(const nlohmann::json& json);

} // namespace kiosk::protocol
