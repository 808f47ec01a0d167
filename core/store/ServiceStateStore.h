#pragma once
// The service state staff set (docs/Maintenance.md "Service state"): out of service with a reason, a
// detail and a notice for the attract screen, or back in service. One row, so it survives a restart,
// and kiosk-devctl can set it while the kiosk runs: the kiosk re-reads it every 5 s on its store worker
// (services/staff/mode/ServiceStateWatch.h) and applies a change (ServiceMode::apply_stored). Staff
// are named by id and role only.

#include "core/base/Clock.h"
#include "core/base/LocalizedText.h"
#include "core/base/Result.h"

#include <cstdint>
#include <string>

namespace kiosk::store {

class Database;

struct StoredServiceState {
    bool in_service = true;
    // Out of service: "hardware", "consumables", "network", "maintenance" or "staff" (the reasons staff
    // may set; the table refuses any other word).
    std::string reason;
    std::string detail;        // for staff, no personal data
    LocalizedText notice;      // for the attract screen; may be empty
    std::string staff_id;      // who set it ("S1024")
    std::string staff_role;    // "duty", "hall-it", "engineer"; "" when a tool set it without one
    std::string changed_utc;   // when it was written (utc_timestamp)
    std::int64_t revision = 0; // grows with every save; 0: never saved (in service)
};

class ServiceStateStore {
public:
    // Both must outlive the store.
    ServiceStateStore(Database& database, const Clock& clock) : m_database(database), m_clock(clock) {}

    // The row; in service with revision 0 when nothing was ever saved. One SELECT on a one-row table:
    // cheap enough to ask every few seconds.
    Result<StoredServiceState> load();
    // Writes the state in one statement (so it can share a transaction with the audit row) and answers
    // the new revision. InvalidArgument: out of service without a reason, or in service with one.
    Result<std::int64_t> save(const StoredServiceState& state);

private:
    Database& m_database;
    const Clock& m_clock;
};

} // namespace kiosk::store
