#pragma once
// HubStore on one SQLite file (WAL, synchronous FULL, foreign keys: core/store/Database.h), the
// default for a hall or a city. One connection, used under a mutex: SQLite serialises writers anyway,
// and a hall's load is far below what one connection carries (scripts/bench-hub). The schema is
// HubSchema.h; the methods are spread by concern over SqliteHubStore.cpp (file, audit, registry, blobs),
// SqliteHubStoreApplications.cpp, SqliteHubStoreDecisions.cpp (work items, decisions, certificates) and
// SqliteHubStorePrints.cpp (print grants and the read audit).

#include "core/base/Clock.h"
#include "core/store/Database.h"
#include "hub/HubStore.h"

#include <memory>
#include <mutex>

namespace kiosk::hub {

class SqliteHubStore final : public HubStore {
public:
    // Opens (creating when missing) `path` and brings the hub's schema up to date.
    static Result<std::unique_ptr<SqliteHubStore>> open(const std::string& path, const Clock& clock);
    // How any other connection to a hub file must open it: with the hub's schema history (opened
    // with the kiosk's, the file is refused as newer than the software). Same as hub_database_options()
    // (HubSchema.h).
    static store::DatabaseOptions database_options();

    Result<std::optional<ClientRecord>> find_client(const std::string& cn) override;
    Result<void> add_client(const std::string& cn, const std::string& actor) override;
    Result<void> revoke_client(const std::string& cn, const std::string& actor) override;
    Result<std::vector<ClientRecord>> list_clients() override;

    Result<std::optional<std::int64_t>> blob_size(const std::string& sha256) override;
    Result<void> record_blob(const std::string& sha256, std::int64_t bytes,
                             const std::string& actor) override;

    Result<bool> holds_citizen_data() override;

    Result<std::optional<ApplicationRecord>> find_application(const std::string& application_id) override;
    Result<std::optional<ApplicationRecord>>
    find_application_by_token(const std::string& token_sha256) override;
    Result<ApplicationRecord>
    insert_application(const std::string& application_id, const std::string& number_prefix,
                       const std::string& day,
                       const std::function<Result<ApplicationRecord>(const std::string& number)>& make_record,
                       const std::string& actor) override;

    Result<std::vector<WorkItemRecord>> list_work_items(const std::string& department_id,
                                                        const std::string& state) override;
    Result<std::optional<WorkItemRecord>> find_work_item(const std::string& id) override;
    Result<WorkItemRecord> decide(const Decision& decision, const std::string& actor) override;

    Result<std::vector<CertificateRecord>> find_certificates(const std::string& id_number_key) override;
    Result<std::optional<CertificateRecord>> find_certificate(const std::string& id) override;

    Result<GrantDecision> grant_print(const std::string& certificate_id, const std::string& kiosk_id,
                                      const std::string& grant_id, const std::string& now,
                                      const std::string& expires_at, const std::string& reprint_staff,
                                      const std::string& reprint_reason, const std::string& actor) override;
    Result<std::optional<PrintGrantRecord>> find_print_grant(const std::string& grant_id) override;
    Result<PrintGrantRecord> record_print_outcome(const std::string& grant_id, const std::string& state,
                                                  const std::string& reason,
                                                  const std::string& actor) override;

    Result<void> audit_read(const std::string& actor, const std::string& kind,
                            const std::string& detail) override;
    Result<std::vector<AuditCount>> audit_counts(const std::string& since,
                                                 const std::string& kind_prefix) override;

    Result<std::vector<AuditRecord>> audit_log(int limit) override;

private:
    SqliteHubStore(std::unique_ptr<store::Database> database, const Clock& clock)
        : m_database(std::move(database)), m_clock(clock) {}
    Result<void> audit(const std::string& actor, const std::string& kind, const std::string& detail);
    Result<std::optional<ApplicationRecord>> find_application_where(const char* column,
                                                                    const std::string& value);
    Result<std::vector<WorkItemRecord>> work_items_where(const char* where, const std::string& a,
                                                         const std::string& b = {});
    std::string now() const;
    Result<std::optional<PrintGrantRecord>> print_grant_where(const char* where, const std::string& value);

    std::mutex m_mutex;
    std::unique_ptr<store::Database> m_database;
    const Clock& m_clock;
};

} // namespace kiosk::hub
