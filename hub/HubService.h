#pragma once
// kiosk-hub's API, independent of HTTP: blobs, applications and their fan-out to departments,
// progress queries, department decisions and certificates (hub/openapi.yaml). The messages, their
// limits and the error codes are core/protocol's; this is what the hub does with them.
// Every method answers a Reply (status + JSON or bytes); nothing throws. Safe to call from several
// threads at once.
//
// ID numbers are personal data that kiosks search certificates by. The hub stores, beside each
// certificate, only HMAC-SHA-256(hub secret, ID number): a plain SHA-256 of an 18-digit number
// with a known structure (region, birth date, check digit) is brute-forced in minutes, a keyed hash
// is not without the secret, which lives in <data>/id-number.key (0600), outside the database and
// its backups. The applicant's number itself stays in the application, which departments need.

#include "core/base/Clock.h"
#include "core/documents/TemplateSet.h"
#include "core/domain/Catalog.h"
#include "core/protocol/Applications.h"
#include "core/protocol/Routes.h"
#include "core/protocol/WorkItems.h"
#include "hub/Api.h"
#include "hub/BlobFiles.h"
#include "hub/HubStore.h"
#include "hub/RateLimiter.h"
#include "hub/WorkingDays.h"

#include <cstdint>
#include <memory>
#include <string>

namespace kiosk::hub {

struct HubOptions {
    std::string data_dir;             // blobs/, certificates/, tmp/, id-number.key
    std::string number_prefix = "OW"; // application numbers "<prefix><yyyymmdd>-<7 digits>"
    size_t max_json_bytes = protocol::kMaxJsonBodyBytes;    // bytes of a JSON request body
    size_t max_blob_bytes = protocol::kDefaultMaxBlobBytes; // bytes of one material
    std::string verify_base_url = "https://zwfw.example/v"; // printed in a certificate's QR code
    // s an open print grant lasts: the download and the print must happen within it; after it, a grant
    // without an outcome counts as unknown (staff check) (docs/specs/hub-contract.md §6.1).
    std::chrono::seconds print_grant_ttl{600};
    RateLimitOptions certificate_search_limit; // per kiosk (review M1)
};

class HubService {
public:
    static Result<std::unique_ptr<HubService>> create(HubOptions options, HubStore& store,
                                                      domain::Catalog catalog, print::TemplateSet templates,
                                                      WorkingDays working_days, const Clock& clock);

    // The registry's answer for a verified certificate's CN: nullopt when it may go on, else the 403.
    std::optional<Reply> admit(const Caller& caller);

    Reply put_blob(const Caller& caller, const std::string& sha256, const std::string& bytes);
    Reply head_blob(const Caller& caller, const std::string& sha256);
    Reply submit_application(const Caller& caller, const std::string& body);
    Reply status_by_token(const Caller& caller, const std::string& token);
    Reply status_by_number(const Caller& caller, const std::string& number, const std::string& token);
    Reply search_certificates(const Caller& caller, const std::string& body);
    Reply download_certificate(const Caller& caller, const std::string& certificate_id,
                               const std::string& body);
    // docs/specs/hub-contract.md §6.1 (HubPrintGrants.cpp).
    Reply request_print_grant(const Caller& caller, const std::string& certificate_id,
                              const std::string& body);
    Reply report_print_outcome(const Caller& caller, const std::string& grant_id, const std::string& body);
    Reply list_work_items(const Caller& caller, const std::string& department_id, const std::string& state);
    Reply get_work_item(const Caller& caller, const std::string& work_item_id);
    Reply decide(const Caller& caller, const std::string& work_item_id, const std::string& body);

    const HubOptions& options() const { return m_options; }

private:
    HubService(HubOptions options, HubStore& store, domain::Catalog catalog, print::TemplateSet templates,
               WorkingDays working_days, const Clock& clock, std::string id_secret);

    std::optional<Reply> check_application(const Caller& caller, const protocol::ApplicationRequest& request);
    Reply status_of(const ApplicationRecord& application);
    Result<protocol::WorkItem> work_item_of(const WorkItemRecord& item) const;
    std::optional<Reply> may_decide(const Caller& caller, const std::string& department_id) const;
    // The caller's own work item into `item`, else the refusal (another department's answers 404).
    std::optional<Reply> find_own_work_item(const Caller& caller, const std::string& work_item_id,
                                            WorkItemRecord& item);
    Result<CertificateRecord> issue_certificate(const WorkItemRecord& item, const std::string& decided_at);
    std::string id_number_key(const std::string& id_number) const;
    // A JSON request body as one object: 413 too-large over max_json_bytes, else 400 malformed-json.
    std::optional<Reply> read_json(const std::string& body, nlohmann::json& out) const;
    std::string today() const; // YYYY-MM-DD in the hall's time zone
    // The audit row of a read of personal data; the reply to send instead when it cannot be written.
    std::optional<Reply> audit_read(const Caller& caller, const std::string& kind, const std::string& detail);

    HubOptions m_options;
    HubStore& m_store;
    domain::Catalog m_catalog;
    print::TemplateSet m_templates;
    WorkingDays m_working_days;
    const Clock& m_clock;
    std::string m_id_secret;
    BlobFiles m_blobs;
    RateLimiter m_search_limit;
};

} // namespace kiosk::hub
