#include "core/protocol/PrintGrants.h"
#include "core/protocol/Applications.h"
#include "core/protocol/FieldReader.h"
#include "core/protocol/Values.h"

namespace kiosk::protocol {

using json = nlohmann::json;

const char* to_string(PrintOutcome outcome) {
    switch (outcome) {
    case PrintOutcome::Printed:
        return "printed";
    case PrintOutcome::Failed:
        return "failed";
    case PrintOutcome::Unknown:
        return "unknown";
    }
    return "?";
}

std::optional<PrintOutcome> parse_print_outcome(std::string_view text) {
    for (auto outcome : {PrintOutcome::Printed, PrintOutcome::Failed, PrintOutcome::Unknown})
        if (text == to_string(outcome))
            return outcome;
    return std::nullopt;
}

json to_json(const PrintGrantRequest& request) {
    json body = json::object();
    if (request.id_number)
        body["id_number"] = *request.id_number;
    if (request.reprint)
        body["reprint"] = {{"staff_id", request.reprint->staff_id}, {"reason", request.reprint->reason}};
    return body;
}

json to_json(const PrintGrant& grant) {
    return {{"grant_id", grant.grant_id},
            {"certificate_id", grant.certificate_id},
            {"granted_at", grant.granted_at},
            {"expires_at", grant.expires_at}};
}

json to_json(const PrintOutcomeReport& report) {
    json body = {{"outcome", to_string(report.outcome)}};
    if (report.reason)
        body["reason"] = *report.reason;
    return body;
}

json to_json(const CertificateDownload& download) {
    return {{"id_number", download.id_number}, {"grant_id", download.grant_id}};
}

Result<PrintGrantRequest> parse_print_grant_request(const json& json) {
    std::optional<Error> error;
    FieldReader reader(json, "", {"id_number", "reprint"}, error);
    PrintGrantRequest request;
    request.id_number = reader.optional_text("id_number", kMaxIdNumberBytes);
    if (json.contains("reprint") && !json["reprint"].is_null()) {
        if (const auto* reprint = reader.object("reprint")) {
            FieldReader staff(*reprint, reader.child_path("reprint"), {"staff_id", "reason"}, error);
            ReprintAuthority authority;
            authority.staff_id = staff.text("staff_id", kMaxStaffIdBytes);
            authority.reason = staff.text("reason", kMaxStaffReasonBytes);
            request.reprint = std::move(authority);
        }
    }
    if (!error && !request.id_number && !request.reprint)
        fail_at(error, "id_number", "required unless staff authorise a reprint");
    return read_result(std::move(request), error);
}

Result<PrintGrant> parse_print_grant(const json& json) {
    std::optional<Error> error;
    FieldReader reader(json, "", {}, error, FieldReader::OtherKeys::Ignore);
    PrintGrant grant;
    grant.grant_id = reader.text("grant_id", kMaxIdBytes);
    grant.certificate_id = reader.text("certificate_id", kMaxIdBytes);
    grant.granted_at = reader.time("granted_at");
    grant.expires_at = reader.time("expires_at");
    if (!error && !is_path_segment(grant.grant_id))
        fail_at(error, "grant_id", "not a valid path segment");
    return read_result(std::move(grant), error);
}

Result<PrintOutcomeReport> parse_print_outcome_report(const json& json) {
    std::optional<Error> error;
    FieldReader reader(json, "", {"outcome", "reason"}, error);
    PrintOutcomeReport report;
    report.outcome = reader.choice("outcome", parse_print_outcome, "printed, failed or unknown");
    report.reason = reader.optional_text("reason", kMaxOutcomeReasonBytes);
    return read_result(std::move(report), error);
}

Result<CertificateDownload> parse_certificate_download(const json& json) {
    std::optional<Error> error;
    FieldReader reader(json, "", {"id_number", "grant_id"}, error);
    CertificateDownload download;
    download.id_number = reader.text("id_number", kMaxIdNumberBytes);
    download.grant_id = reader.text("grant_id", kMaxIdBytes);
    return read_result(std::move(download), error);
}

Result<PrintHeld> parse_print_held(const json& json) {
    std::optional<Error> error;
    FieldReader reader(json, "", {}, error, FieldReader::OtherKeys::Ignore);
    PrintHeld held;
    held.kiosk_id = reader.text("kiosk_id", kMaxIdBytes);
    held.at = reader.time("at");
    return read_result(std::move(held), error);
}

} // namespace kiosk::protocol
