#pragma once
// Accountable paper across the hall (docs/specs/hub-contract.md §6.1): a certificate prints once, whichever
// kiosk prints it. Before printing, a kiosk asks POST /v1/certificates/{id}/print-grant; the hub hands out
// one open grant per certificate at a time, and only with a live grant of that kiosk does
// POST /v1/certificates/{id}/download answer the PDF. The kiosk then reports the outcome,
// POST /v1/print-grants/{grant}/outcome: `printed` (the certificate is out), `failed` (the printer said
// for certain it did not print: the certificate is free again) or `unknown` (it may have printed: held
// until staff grant a reprint). A refused grant (409) says which kiosk holds or printed it, and when.

#include "core/base/Result.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::protocol {

inline constexpr size_t kMaxStaffIdBytes = 64;        // a staff member's id (not a citizen's)
inline constexpr size_t kMaxStaffReasonBytes = 500;   // why staff allow a reprint
inline constexpr size_t kMaxOutcomeReasonBytes = 200; // the printer's keyword or a short staff line

// A reprint staff allowed at the kiosk: who and why (audited at the hub).
struct ReprintAuthority {
    std::string staff_id;
    std::string reason;
};

// The body of POST /v1/certificates/{id}/print-grant. The holder's ID number proves the citizen is
// there, as for the download; a staff reprint may go without it (staff are the authority then).
struct PrintGrantRequest {
    std::optional<std::string> id_number; // personal data: in a body only
    std::optional<ReprintAuthority> reprint;
};

// 201 (a new grant) or 200 (this kiosk's open grant for the certificate, again).
struct PrintGrant {
    std::string grant_id;
    std::string certificate_id;
    std::string granted_at; // UTC
    std::string expires_at; // UTC: the download needs the grant open and not expired
};

enum class PrintOutcome { Printed, Failed, Unknown };
const char* to_string(PrintOutcome outcome); // "printed" | "failed" | "unknown"
std::optional<PrintOutcome> parse_print_outcome(std::string_view text);

// The body of POST /v1/print-grants/{grant}/outcome.
struct PrintOutcomeReport {
    PrintOutcome outcome = PrintOutcome::Unknown;
    std::optional<std::string> reason; // a keyword ("media-jam", "kiosk-restarted"); no personal data
};

// The body of POST /v1/certificates/{id}/download.
struct CertificateDownload {
    std::string id_number; // personal data: in a body only
    std::string grant_id;  // this kiosk's open grant for the certificate
};

// The extra fields of a 409 already-printed / print-in-progress / print-unknown: which kiosk and when.
struct PrintHeld {
    std::string kiosk_id;
    std::string at; // UTC: when it printed (already-printed) or was granted (the other two)
};

nlohmann::json to_json(const PrintGrantRequest& request);
nlohmann::json to_json(const PrintGrant& grant);
nlohmann::json to_json(const PrintOutcomeReport& report);
nlohmann::json to_json(const CertificateDownload& download);
// Requests strictly, answers with other keys ignored: InvalidData naming the field.
Result<PrintGrantRequest> parse_print_grant_request(const nlohmann::json& json);
Result<PrintGrant> parse_print_grant(const nlohmann::json& json);
Result<PrintOutcomeReport> parse_print_outcome_report(const nlohmann::json& json);
Result<CertificateDownload> parse_certificate_download(const nlohmann::json& json);
// The kiosk_id and at of a 409 body (other keys ignored); InvalidData when either is missing.
Result<PrintHeld> parse_print_held(const nlohmann::json& json);

} // namespace kiosk::protocol
