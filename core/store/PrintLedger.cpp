#include "core/store/PrintLedger.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/UtcTimestamp.h"

namespace kiosk::store {
namespace {

constexpr PrintKind kKinds[] = {PrintKind::Receipt, PrintKind::Certificate, PrintKind::Checklist,
                                PrintKind::Form, PrintKind::TestPage};
constexpr PrintState kStates[] = {PrintState::Queued, PrintState::Printing, PrintState::Completed,
                                  PrintState::Failed, PrintState::Unknown};

template <typename Enum, size_t N>
Result<Enum> parse_enum(const Enum (&all)[N], const std::string& text, const char* what) {
    for (Enum value : all)
        if (text == to_string(value))
            return value;
    return make_error(ErrorCode::Corrupt, std::string("print ledger: unknown ") + what + " '" + text + "'");
}

const char* const kColumns = "id, kind, reference, queue, job_id, state, reason, authorised_by, created_utc,"
                             " finished_utc, hub_grant, hub_reported";

Result<PrintRecord> read_record(Statement& row) {
    PrintRecord record;
    record.id = row.column_int(0);
    record.kind = TRY(parse_enum(kKinds, row.column_text(1), "kind"));
    record.reference = row.column_text(2);
    record.queue = row.column_text(3);
    record.job_id = static_cast<int>(row.column_int(4));
    record.state = TRY(parse_enum(kStates, row.column_text(5), "state"));
    record.reason = row.column_text(6);
    record.authorised_by = row.column_text(7);
    record.created_utc = row.column_text(8);
    record.finished_utc = row.column_text(9);
    record.hub_grant = row.column_text(10);
    record.hub_reported = row.column_int(11) != 0;
    return record;
}

Result<std::vector<PrintRecord>> read_all(Statement& statement) {
    std::vector<PrintRecord> records;
    while (TRY(statement.step()))
        records.push_back(TRY(read_record(statement)));
    return records;
}

// What the audit log says of a print: its kind, reference and queue, never whose it is.
std::string describe(const PrintRecord& record) {
    std::string text = to_string(record.kind);
    if (!record.reference.empty())
        text += " " + record.reference;
    text += " on " + record.queue;
    if (record.job_id > 0)
        text += " (job " + std::to_string(record.job_id) + ")";
    return text;
}

} // namespace

const char* to_string(PrintKind kind) {
    switch (kind) {
    case PrintKind::Receipt:
        return "receipt";
    case PrintKind::Certificate:
        return "certificate";
    case PrintKind::Checklist:
        return "checklist";
    case PrintKind::Form:
        return "form";
    case PrintKind::TestPage:
        return "test-page";
    }
    return "?";
}

const char* to_string(PrintState state) {
    switch (state) {
    case PrintState::Queued:
        return "queued";
    case PrintState::Printing:
        return "printing";
    case PrintState::Completed:
        return "completed";
    case PrintState::Failed:
        return "failed";
    case PrintState::Unknown:
        return "unknown";
    }
    return "?";
}

Result<std::int64_t> PrintLedger::begin(PrintKind kind, std::string_view reference, std::string_view queue,
                                        std::string_view hub_grant) {
    if (queue.empty())
        return make_error(ErrorCode::InvalidArgument, "print ledger: no queue");
    if (kind != PrintKind::TestPage && reference.empty())
        return make_error(ErrorCode::InvalidArgument,
                          std::string("print ledger: a ") + to_string(kind) + " needs its reference");
    auto transaction = TRY(m_database.begin());
    std::string authorised_by;
    std::int64_t grant_id = 0;
    if (!hub_grant.empty()) {
        // One print per hub grant: the hub answers a kiosk its own open grant again (a retried request),
        // so this is what stops that grant from printing twice here.
        auto used = TRY(m_database.prepare("SELECT COUNT(*) FROM print_jobs WHERE hub_grant = ?"));
        TRY(used.bind_text(1, hub_grant));
        TRY(used.step());
        if (used.column_int(0) > 0)
            return make_error(ErrorCode::Denied, "certificate " + std::string(reference) +
                                                     " was printed under this grant already");
    }
    if (kind == PrintKind::Certificate && hub_grant.empty()) {
        // Printed, on its way to the printer, or maybe printed: one more could be a second certificate.
        auto taken = TRY(m_database.prepare(
            "SELECT COUNT(*) FROM print_jobs WHERE kind = 'certificate'"
            " AND reference = ? AND state IN ('queued', 'printing', 'completed', 'unknown')"));
        TRY(taken.bind_text(1, reference));
        TRY(taken.step());
        if (taken.column_int(0) > 0) {
            // A reprint staff allowed and nobody has used yet.
            auto grant =
                TRY(m_database.prepare("SELECT id, staff_id FROM reprint_grants WHERE certificate = ?"
                                       " AND used_by_print IS NULL ORDER BY id LIMIT 1"));
            TRY(grant.bind_text(1, reference));
            if (!TRY(grant.step()))
                return make_error(ErrorCode::Denied,
                                  "certificate " + std::string(reference) +
                                      " was printed already; a reprint needs staff authorisation");
            grant_id = grant.column_int(0);
            authorised_by = grant.column_text(1);
        }
    }
    auto insert =
        TRY(m_database.prepare("INSERT INTO print_jobs (kind, reference, queue, state, authorised_by,"
                               " created_utc, hub_grant) VALUES (?, ?, ?, 'queued', ?, ?, ?)"));
    TRY(insert.bind_text(1, to_string(kind)));
    TRY(insert.bind_text(2, reference));
    TRY(insert.bind_text(3, queue));
    TRY(insert.bind_text(4, authorised_by));
    TRY(insert.bind_text(5, utc_timestamp(m_clock.wall_now())));
    TRY(insert.bind_text(6, std::string(hub_grant))); // never NULL: an empty view may have no data
    TRY(insert.run());
    std::int64_t id = m_database.last_insert_id();
    if (grant_id != 0) {
        auto use = TRY(m_database.prepare("UPDATE reprint_grants SET used_by_print = ? WHERE id = ?"));
        TRY(use.bind_int(1, id));
        TRY(use.bind_int(2, grant_id));
        TRY(use.run());
    }
    PrintRecord record{id, kind, std::string(reference), std::string(queue)};
    TRY(m_audit.append("print.queued",
                       describe(record) +
                           (authorised_by.empty() ? "" : ", reprint authorised by " + authorised_by) +
                           (hub_grant.empty() ? "" : ", hub grant " + std::string(hub_grant))));
    TRY(transaction.commit());
    return id;
}

Result<void> PrintLedger::submitted(std::int64_t id, int job_id) {
    auto transaction = TRY(m_database.begin());
    auto update = TRY(m_database.prepare(
        "UPDATE print_jobs SET job_id = ?, state = 'printing' WHERE id = ? AND state = 'queued'"));
    TRY(update.bind_int(1, job_id));
    TRY(update.bind_int(2, id));
    TRY(update.run());
    if (m_database.changes() == 0)
        return make_error(ErrorCode::InvalidArgument,
                          "print ledger: print " + std::to_string(id) + " is not queued");
    auto record = TRY(find(id));
    TRY(m_audit.append("print.submitted", describe(*record)));
    return transaction.commit();
}

Result<void> PrintLedger::completed(std::int64_t id) {
    return finish(id, PrintState::Completed, "");
}

Result<void> PrintLedger::failed(std::int64_t id, std::string_view reason) {
    return finish(id, PrintState::Failed, reason);
}

Result<void> PrintLedger::unknown(std::int64_t id, std::string_view reason) {
    return finish(id, PrintState::Unknown, reason);
}

Result<std::vector<PrintRecord>> PrintLedger::outcomes_to_report() {
    auto statement = TRY(m_database.prepare(std::string("SELECT ") + kColumns +
                                            " FROM print_jobs WHERE hub_grant != '' AND hub_reported = 0"
                                            " AND state IN ('completed', 'failed', 'unknown') ORDER BY id"));
    return read_all(statement);
}

Result<void> PrintLedger::outcome_reported(std::int64_t id) {
    auto update = TRY(m_database.prepare("UPDATE print_jobs SET hub_reported = 1 WHERE id = ?"));
    TRY(update.bind_int(1, id));
    return update.run();
}

Result<std::vector<PrintRecord>> PrintLedger::settle_unfinished() {
    auto cut_off = TRY(unfinished());
    for (const auto& record : cut_off)
        TRY(unknown(record.id, "kiosk-restarted"));
    return cut_off;
}

Result<void> PrintLedger::finish(std::int64_t id, PrintState state, std::string_view reason) {
    auto transaction = TRY(m_database.begin());
    auto update = TRY(m_database.prepare("UPDATE print_jobs SET state = ?, reason = ?, finished_utc = ?"
                                         " WHERE id = ? AND state IN ('queued', 'printing')"));
    TRY(update.bind_text(1, to_string(state)));
    TRY(update.bind_text(2, reason));
    TRY(update.bind_text(3, utc_timestamp(m_clock.wall_now())));
    TRY(update.bind_int(4, id));
    TRY(update.run());
    if (m_database.changes() == 0)
        return make_error(ErrorCode::InvalidArgument,
                          "print ledger: print " + std::to_string(id) + " is finished already or unknown");
    auto record = TRY(find(id));
    if (state == PrintState::Completed)
        TRY(m_audit.append("print.completed", describe(*record)));
    else
        TRY(m_audit.append(state == PrintState::Unknown ? "print.unknown" : "print.failed",
                           describe(*record) + ": " + std::string(reason)));
    return transaction.commit();
}

Result<void> PrintLedger::authorise_reprint(std::string_view certificate, std::string_view staff_id,
                                            std::string_view why) {
    if (certificate.empty() || staff_id.empty() || why.empty())
        return make_error(ErrorCode::InvalidArgument,
                          "print ledger: a reprint needs the certificate, the staff member and a reason");
    auto transaction = TRY(m_database.begin());
    if (TRY(times_printed(certificate)) == 0)
        return make_error(ErrorCode::InvalidArgument, "certificate " + std::string(certificate) +
                                                          " has not been printed: nothing to reprint");
    auto insert = TRY(m_database.prepare(
        "INSERT INTO reprint_grants (certificate, staff_id, reason, granted_utc) VALUES (?, ?, ?, ?)"));
    TRY(insert.bind_text(1, certificate));
    TRY(insert.bind_text(2, staff_id));
    TRY(insert.bind_text(3, why));
    TRY(insert.bind_text(4, utc_timestamp(m_clock.wall_now())));
    TRY(insert.run());
    TRY(m_audit.append("print.reprint_authorised", "certificate " + std::string(certificate) + " by " +
                                                       std::string(staff_id) + ": " + std::string(why)));
    return transaction.commit();
}

Result<int> PrintLedger::times_printed(std::string_view certificate) {
    auto count = TRY(m_database.prepare("SELECT COUNT(*) FROM print_jobs WHERE kind = 'certificate' AND "
                                        "reference = ? AND state = 'completed'"));
    TRY(count.bind_text(1, certificate));
    TRY(count.step());
    return static_cast<int>(count.column_int(0));
}

Result<std::optional<PrintRecord>> PrintLedger::find(std::int64_t id) {
    auto statement =
        TRY(m_database.prepare(std::string("SELECT ") + kColumns + " FROM print_jobs WHERE id = ?"));
    TRY(statement.bind_int(1, id));
    if (!TRY(statement.step()))
        return std::optional<PrintRecord>{};
    return std::optional<PrintRecord>{TRY(read_record(statement))};
}

Result<std::vector<PrintRecord>> PrintLedger::unfinished() {
    auto statement =
        TRY(m_database.prepare(std::string("SELECT ") + kColumns +
                               " FROM print_jobs WHERE state IN ('queued', 'printing') ORDER BY id"));
    return read_all(statement);
}

Result<std::vector<PrintRecord>> PrintLedger::recent(int limit) {
    if (limit < 0)
        return make_error(ErrorCode::InvalidArgument,
                          "print ledger: negative limit " + std::to_string(limit));
    auto statement = TRY(
        m_database.prepare(std::string("SELECT ") + kColumns + " FROM print_jobs ORDER BY id DESC LIMIT ?"));
    TRY(statement.bind_int(1, limit));
    return read_all(statement);
}

} // namespace kiosk::store
