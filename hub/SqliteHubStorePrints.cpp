// SqliteHubStore: certificate prints across the hall (docs/specs/hub-contract.md §6.1) and the audit of
// reads of personal data. A certificate's print state is its latest grant; handing out a grant reads
// that state and inserts the new grant in one BEGIN IMMEDIATE transaction under the store's mutex, so
// of two kiosks asking at once exactly one is granted.
#include "hub/SqliteHubStore.h"

namespace kiosk::hub {
namespace {

constexpr const char* kGrantColumns =
    "SELECT id, certificate_id, kiosk_id, state, granted_at, expires_at, outcome_at, reason, reprint_staff"
    " FROM print_grants WHERE ";

PrintGrantRecord read_grant(const store::Statement& row) {
    PrintGrantRecord grant;
    grant.id = row.column_text(0);
    grant.certificate_id = row.column_text(1);
    grant.kiosk_id = row.column_text(2);
    grant.state = row.column_text(3);
    grant.granted_at = row.column_text(4);
    grant.expires_at = row.column_text(5);
    grant.outcome_at = row.column_text(6);
    grant.reason = row.column_text(7);
    grant.reprint_staff = row.column_text(8);
    return grant;
}

} // namespace

Result<std::optional<PrintGrantRecord>> SqliteHubStore::print_grant_where(const char* where,
                                                                          const std::string& value) {
    auto query = TRY(m_database->prepare(std::string(kGrantColumns) + where));
    TRY(query.bind_text(1, value));
    if (!TRY(query.step()))
        return std::optional<PrintGrantRecord>{};
    return std::optional<PrintGrantRecord>(read_grant(query));
}

Result<GrantDecision> SqliteHubStore::grant_print(const std::string& certificate_id,
                                                  const std::string& kiosk_id, const std::string& grant_id,
                                                  const std::string& now, const std::string& expires_at,
                                                  const std::string& reprint_staff,
                                                  const std::string& reprint_reason,
                                                  const std::string& actor) {
    using Kind = GrantDecision::Kind;
    std::lock_guard lock(m_mutex);
    auto transaction = TRY(m_database->begin());
    auto latest = TRY(print_grant_where("certificate_id = ? ORDER BY rowid DESC LIMIT 1", certificate_id));
    bool reprint = !reprint_staff.empty();
    if (latest) {
        const PrintGrantRecord& last = *latest;
        bool expired = last.state == "open" && now >= last.expires_at;
        if (last.state == "open" && !expired)
            return GrantDecision{last.kiosk_id == kiosk_id ? Kind::SameKioskOpen : Kind::InProgress, last};
        if (!reprint && last.state == "printed")
            return GrantDecision{Kind::AlreadyPrinted, last};
        if (!reprint && (last.state == "unknown" || expired))
            return GrantDecision{Kind::Unknown, last};
        if (reprint && last.state == "failed")
            return GrantDecision{Kind::NothingToReprint, last};
        if (expired) { // staff release it: the open grant's outcome is unknown for good
            auto close = TRY(m_database->prepare("UPDATE print_grants SET state = 'unknown', outcome_at = ?, "
                                                 "reason = 'expired' WHERE id = ?"));
            TRY(close.bind_text(1, now));
            TRY(close.bind_text(2, last.id));
            TRY(close.run());
        }
    } else if (reprint) {
        return GrantDecision{Kind::NothingToReprint, PrintGrantRecord{}};
    }
    PrintGrantRecord grant;
    grant.id = grant_id;
    grant.certificate_id = certificate_id;
    grant.kiosk_id = kiosk_id;
    grant.granted_at = now;
    grant.expires_at = expires_at;
    grant.reprint_staff = reprint_staff;
    auto insert = TRY(m_database->prepare("INSERT INTO print_grants (id, certificate_id, kiosk_id, state, "
                                          "granted_at, expires_at, reprint_staff,"
                                          " reprint_reason) VALUES (?, ?, ?, 'open', ?, ?, ?, ?)"));
    const std::string* values[] = {&grant.id,         &certificate_id, &kiosk_id,      &now,
                                   &grant.expires_at, &reprint_staff,  &reprint_reason};
    for (int i = 0; i < 7; ++i)
        TRY(insert.bind_text(i + 1, *values[i]));
    TRY(insert.run());
    if (reprint)
        // Staff ids and their reason are staff data, not a citizen's: they belong in the audit trail.
        TRY(audit(actor, "print.reprint_granted",
                  certificate_id + " grant " + grant_id + " by staff " + reprint_staff + ": " +
                      reprint_reason));
    else
        TRY(audit(actor, "print.granted", certificate_id + " grant " + grant_id));
    TRY(transaction.commit());
    return GrantDecision{Kind::Granted, grant};
}

Result<std::optional<PrintGrantRecord>> SqliteHubStore::find_print_grant(const std::string& grant_id) {
    std::lock_guard lock(m_mutex);
    return print_grant_where("id = ?", grant_id);
}

Result<PrintGrantRecord> SqliteHubStore::record_print_outcome(const std::string& grant_id,
                                                              const std::string& state,
                                                              const std::string& reason,
                                                              const std::string& actor) {
    std::lock_guard lock(m_mutex);
    auto transaction = TRY(m_database->begin());
    auto found = TRY(print_grant_where("id = ?", grant_id));
    if (!found)
        return make_error(ErrorCode::NotFound, "no print grant " + grant_id);
    if (found->state != "open") {
        if (found->state == state)
            return *found; // the kiosk's retry of an answer it did not get
        return make_error(ErrorCode::Denied, "print grant " + grant_id + " is " + found->state + " already");
    }
    auto update = TRY(m_database->prepare(
        "UPDATE print_grants SET state = ?, outcome_at = ?, reason = ? WHERE id = ? AND state = 'open'"));
    TRY(update.bind_text(1, state));
    TRY(update.bind_text(2, now()));
    TRY(update.bind_text(3, reason));
    TRY(update.bind_text(4, grant_id));
    TRY(update.run());
    TRY(audit(actor, "print." + state,
              found->certificate_id + " grant " + grant_id + (reason.empty() ? "" : ": " + reason)));
    auto recorded = TRY(print_grant_where("id = ?", grant_id));
    TRY(transaction.commit());
    return *recorded;
}

Result<void> SqliteHubStore::audit_read(const std::string& actor, const std::string& kind,
                                        const std::string& detail) {
    std::lock_guard lock(m_mutex);
    return audit(actor, kind, detail);
}

Result<std::vector<AuditCount>> SqliteHubStore::audit_counts(const std::string& since,
                                                             const std::string& kind_prefix) {
    std::lock_guard lock(m_mutex);
    auto query = TRY(m_database->prepare("SELECT actor, kind, COUNT(*) FROM audit WHERE at >= ?"
                                         " AND substr(kind, 1, length(?)) = ? GROUP BY actor, kind"
                                         " ORDER BY actor, kind"));
    TRY(query.bind_text(1, since));
    TRY(query.bind_text(2, kind_prefix));
    TRY(query.bind_text(3, kind_prefix));
    std::vector<AuditCount> counts;
    while (TRY(query.step()))
        counts.push_back({query.column_text(0), query.column_text(1), query.column_int(2)});
    return counts;
}

} // namespace kiosk::hub
