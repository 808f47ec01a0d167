#pragma once
// What kiosk-hub keeps, behind one interface so that a PostgreSQL store can follow the SQLite one
// (docs/Architecture.md "Scale beyond one machine"). Every method that changes state writes its audit
// row in the same transaction: either both are there or neither is. Audit details are written by our
// code and never hold personal data (no names, ID numbers, tokens).
//
// Implementations are safe to call from several threads (the HTTPS server's pool).

#include "core/base/Result.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::hub {

enum class ClientStatus { Active, Revoked };

struct ClientRecord {
    std::string cn; // "kiosk:dev-kiosk-01", "dept:public_security", "admin:alice"
    ClientStatus status = ClientStatus::Active;
    std::string added_at; // UTC, ISO 8601
};

struct WorkItemRecord {
    std::string id; // "<application number>-<n>"
    std::string application_id;
    std::string application_number;
    std::string matter_id;
    std::string department_id;
    std::string state = "pending"; // pending | approved | rejected | more_requested
    std::string promised_date;     // YYYY-MM-DD
    std::string received_at;       // UTC, when the hub accepted the application
    std::string decided_at;        // empty while pending
    std::string reason;
    std::string officer;
    std::string certificate_id; // empty unless an approval issued one
};

struct ApplicationRecord {
    std::string id; // the kiosk's application_id
    std::string number;
    std::string token_sha256;   // of the query token; the token itself is never stored
    std::string request_sha256; // of the canonical request, for idempotent replays
    std::string kiosk_id;
    std::string submitted_at;
    std::string received_at;
    std::string package_id;    // empty: single matters
    std::string request_json;  // the whole request minus the token (applicant, form, materials)
    std::string response_json; // the 201 body, answered again on a replay
    std::vector<WorkItemRecord> work_items;
};

struct CertificateRecord {
    std::string id;
    std::string application_number;
    std::string work_item_id;
    std::string matter_id;
    std::string title;
    std::string id_number_key; // keyed hash of the holder's ID number (HubService.h says why)
    std::string pdf_path;      // relative to the data folder
    std::string issued_at;
};

struct AuditRecord {
    std::int64_t id = 0;
    std::string at;
    std::string actor; // the client's CN, or "cli:<user>" for kioskctl on the database
    std::string kind;  // "application.accepted", "work_item.approved", ...
    std::string detail;
};

// One print of a certificate the hub allowed a kiosk (docs/specs/hub-contract.md §6.1). state: open (granted,
// no outcome yet), printed, failed, unknown. An open grant older than its expiry reads as unknown.
struct PrintGrantRecord {
    std::string id;
    std::string certificate_id;
    std::string kiosk_id;
    std::string state = "open";
    std::string granted_at;    // UTC
    std::string expires_at;    // UTC
    std::string outcome_at;    // UTC, "" while open
    std::string reason;        // the kiosk's outcome keyword
    std::string reprint_staff; // "" for a first print
};

// What grant_print decided: a new grant, or the grant that stands in the way.
struct GrantDecision {
    enum class Kind { Granted, SameKioskOpen, AlreadyPrinted, InProgress, Unknown, NothingToReprint };
    Kind kind = Kind::Granted;
    PrintGrantRecord grant; // the new (or same kiosk's open) grant, or the one in the way
};

// How often an actor did something (the audit trail counted), for anomaly checks.
struct AuditCount {
    std::string actor;
    std::string kind;
    std::int64_t count = 0;
};

struct Decision {
    std::string work_item_id;
    std::string state; // approved | rejected | more_requested
    std::string reason;
    std::string officer;
    std::string decided_at;
    std::optional<CertificateRecord> certificate; // issued with an approval
};

class HubStore {
public:
    virtual ~HubStore() = default;

    // Clients (kioskctl client …). add: InvalidArgument when it exists already; revoke: NotFound.
    virtual Result<std::optional<ClientRecord>> find_client(const std::string& cn) = 0;
    virtual Result<void> add_client(const std::string& cn, const std::string& actor) = 0;
    virtual Result<void> revoke_client(const std::string& cn, const std::string& actor) = 0;
    virtual Result<std::vector<ClientRecord>> list_clients() = 0;

    // Blob metadata; the bytes are files (BlobFiles.h). Recording twice is not an error.
    virtual Result<std::optional<std::int64_t>> blob_size(const std::string& sha256) = 0;
    virtual Result<void> record_blob(const std::string& sha256, std::int64_t bytes,
                                     const std::string& actor) = 0;

    // True when anything a citizen sent or was issued is stored: a blob, an application or a
    // certificate. HubService::create refuses to make a new id-number.key over such data (M5).
    virtual Result<bool> holds_citizen_data() = 0;

    virtual Result<std::optional<ApplicationRecord>> find_application(const std::string& application_id) = 0;
    virtual Result<std::optional<ApplicationRecord>>
    find_application_by_token(const std::string& token_sha256) = 0;
    // The next free number for "<prefix><yyyymmdd>-": counted per day, inside insert_application's
    // transaction so two submissions never share one. `make_record` is called with that number and
    // fills in the rest (work item ids and the response depend on it). Denied when `application_id`
    // is stored already (a concurrent submission of the same application won).
    virtual Result<ApplicationRecord>
    insert_application(const std::string& application_id, const std::string& number_prefix,
                       const std::string& day,
                       const std::function<Result<ApplicationRecord>(const std::string& number)>& make_record,
                       const std::string& actor) = 0;

    virtual Result<std::vector<WorkItemRecord>> list_work_items(const std::string& department_id,
                                                                const std::string& state) = 0;
    virtual Result<std::optional<WorkItemRecord>> find_work_item(const std::string& id) = 0;
    // Denied when the item is not pending any more (someone decided first).
    virtual Result<WorkItemRecord> decide(const Decision& decision, const std::string& actor) = 0;

    virtual Result<std::vector<CertificateRecord>> find_certificates(const std::string& id_number_key) = 0;
    virtual Result<std::optional<CertificateRecord>> find_certificate(const std::string& id) = 0;

    // Certificate prints, in one transaction each: of two kiosks asking at once exactly one gets the
    // grant. The certificate's latest grant decides: none or failed → a new grant; open and this
    // kiosk's → that grant again (SameKioskOpen); open and another's → InProgress; printed →
    // AlreadyPrinted; unknown, or open past its expiry (`now` ≥ expires_at) → Unknown. With
    // `reprint_staff` set, printed and unknown give way to a new grant (audited "print.reprint_granted"
    // with the staff id and `reprint_reason`); a certificate never printed answers NothingToReprint.
    virtual Result<GrantDecision> grant_print(const std::string& certificate_id, const std::string& kiosk_id,
                                              const std::string& grant_id, const std::string& now,
                                              const std::string& expires_at, const std::string& reprint_staff,
                                              const std::string& reprint_reason,
                                              const std::string& actor) = 0;
    virtual Result<std::optional<PrintGrantRecord>> find_print_grant(const std::string& grant_id) = 0;
    // open (even expired) → `state`. The same outcome again is answered as it is (an idempotent retry);
    // Denied when another outcome was recorded first.
    virtual Result<PrintGrantRecord> record_print_outcome(const std::string& grant_id,
                                                          const std::string& state, const std::string& reason,
                                                          const std::string& actor) = 0;

    // An audit row for a read of personal data (certificate search and download, work-item view): who
    // read what, by ids and keyed hashes only. Callers answer nothing when it cannot be written.
    virtual Result<void> audit_read(const std::string& actor, const std::string& kind,
                                    const std::string& detail) = 0;
    // Rows per actor and kind since `since` (UTC, inclusive), kinds starting with `kind_prefix`.
    virtual Result<std::vector<AuditCount>> audit_counts(const std::string& since,
                                                         const std::string& kind_prefix) = 0;

    virtual Result<std::vector<AuditRecord>> audit_log(int limit) = 0;
};

} // namespace kiosk::hub
