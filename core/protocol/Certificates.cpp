#include "core/protocol/Certificates.h"
#include "core/protocol/Applications.h"
#include "core/protocol/FieldReader.h"

namespace kiosk::protocol {

using json = nlohmann::json;

json to_json(const CertificateQuery& query) {
    return {{"id_number", query.id_number}};
}

json to_json(const CertificateList& list) {
    json certificates = json::array();
    for (const auto& certificate : list.certificates)
        certificates.push_back({{"certificate_id", certificate.certificate_id},
                                {"application_number", certificate.application_number},
                                {"matter_id", certificate.matter_id},
                                {"title", certificate.title},
                                {"issued_at", certificate.issued_at}});
    return {{"certificates", certificates}};
}

Result<CertificateQuery> parse_certificate_query(const json& json) {
    std::optional<Error> error;
    FieldReader reader(json, "", {"id_number"}, error);
    CertificateQuery query{reader.text("id_number", kMaxIdNumberBytes)};
    return read_result(std::move(query), error);
}

Result<CertificateList> parse_certificate_list(const json& json) {
    std::optional<Error> error;
    FieldReader top(json, "", {}, error, FieldReader::OtherKeys::Ignore);
    CertificateList list;
    if (auto* certificates = top.array("certificates"))
        for (size_t i = 0; i < certificates->size() && top.ok(); ++i) {
            FieldReader reader((*certificates)[i], element_path("certificates", i), {}, error,
                               FieldReader::OtherKeys::Ignore);
            CertificateSummary certificate;
            certificate.certificate_id = reader.text("certificate_id", kMaxIdBytes);
            certificate.application_number = reader.text("application_number", kMaxIdBytes);
            certificate.matter_id = reader.text("matter_id", kMaxIdBytes);
            certificate.title = reader.text("title", kMaxTitleBytes);
            certificate.issued_at = reader.time("issued_at");
            list.certificates.push_back(std::move(certificate));
        }
    return read_result(std::move(list), error);
}

} // namespace kiosk::protocol
