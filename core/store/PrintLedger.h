#pragma once
// Every print the kiosk makes, from the moment it is asked for to its end, and the rule for
// accountable paper: a certificate (证照) is printed once; printing it again needs a member of
// staff to authorise it. Each step also goes into the audit log, in the same transaction.
//
// Documents are named by their reference (application or certificate number), never by the
// citizen's name or ID number. A job still "queued" or "printing" when the kiosk starts again was
// in flight when it stopped: unfinished() lists them so nothing is lost silently.

#include "core/base/Clock.h"
#include "core/base/Result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::store {

class AuditLog;
class Database;

enum class PrintKind { Receipt, Certificate, Checklist, Form, TestPage };
const char* to_string(PrintKind kind);

enum class PrintState { Queued, Printing, Completed, Failed };
const char* to_string(PrintState state);

struct PrintRecord {
    std::int64_t id = 0;
    PrintKind kind = PrintKind::Receipt;
    std::string reference; // application or certificate number; "" for a test page
    std::string queue;     // the CUPS queue (or "sim")
    int job_id = 0;        // the printer's job id once submitted, 0 before
    PrintState state = PrintState::Queued;
    std::string reason;        // why it failed
    std::string authorised_by; // staff member who allowed a reprint, "" for a first print
    std::string created_utc;
    std::string finished_utc; // "" while unfinished
};

class PrintLedger {
public:
    // All three must outlive the ledger; the audit log writes to the same database.
    PrintLedger(Database& database, AuditLog& audit, const Clock& clock)
        : m_database(database), m_audit(audit), m_clock(clock) {}

    // Records that `kind`/`reference` is about to be printed on `queue`. A certificate that was
    // printed already (completed), or is being printed, is refused (Denied) unless a reprint was
    // authorised and not yet used. A failed print does not count: the certificate can be tried again.
    Result<std::int64_t> begin(PrintKind kind, std::string_view reference, std::string_view queue);
    Result<void> submitted(std::int64_t id, int job_id);
    Result<void> completed(std::int64_t id);
    Result<void> failed(std::int64_t id, std::string_view reason);

    // Staff allow one more print of a certificate that was printed before. `staff_id` and `why` go
    // into the ledger and the audit log.
    Result<void> authorise_reprint(std::string_view certificate, std::string_view staff_id,
                                   std::string_view why);
    // Completed prints of this certificate.
    Result<int> times_printed(std::string_view certificate);

    Result<std::optional<PrintRecord>> find(std::int64_t id);
    Result<std::vector<PrintRecord>> unfinished();
    Result<std::vector<PrintRecord>> recent(int limit);

private:
    Result<void> finish(std::int64_t id, PrintState state, std::string_view reason);

    Database& m_database;
    AuditLog& m_audit;
    const Clock& m_clock;
};

} // namespace kiosk::store
