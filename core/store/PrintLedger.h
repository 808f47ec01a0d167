#pragma once
// Every print the kiosk makes, from the moment it is asked for to its end, and the rule for
// accountable paper: a certificate (证照) is printed once; printing it again needs a member of
// staff to authorise it. Each step also goes into the audit log, in the same transaction.
//
// Documents are named by their reference (application or certificate number), never by the
// citizen's name or ID number. A job still "queued" or "printing" when the kiosk starts again was
// in flight when it stopped: unfinished() lists them so nothing is lost silently.
//
// The hall's authority on certificates is the hub (docs/specs/hub-contract.md §6.1): a certificate
// printed under a hub grant is recorded with that grant, the ledger's own "printed once" check gives
// way to it, and the outcome the hub must hear (printed / failed / unknown) stays marked unreported until
// outcome_reported(): it survives a restart and is sent again. An uncertain end is Unknown, never Failed.

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

// Unknown: it may have printed (job lost, printer or kiosk restarted mid-job): staff check.
enum class PrintState { Queued, Printing, Completed, Failed, Unknown };
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
    std::string finished_utc;  // "" while unfinished
    std::string hub_grant;     // the hub's print grant for a certificate, "" otherwise
    bool hub_reported = false; // the hub has this print's outcome
};

class PrintLedger {
public:
    // All three must outlive the ledger; the audit log writes to the same database.
    PrintLedger(Database& database, AuditLog& audit, const Clock& clock)
        : m_database(database), m_audit(audit), m_clock(clock) {}

    // Records that `kind`/`reference` is about to be printed on `queue`. A certificate that was
    // printed already (completed), or is being printed, is refused (Denied) unless a reprint was
    // authorised and not yet used. A failed print does not count: the certificate can be tried again.
    // With `hub_grant` (a certificate the hub granted) the hub has decided: no local refusal but one,
    // a second print under the same grant (Denied).
    Result<std::int64_t> begin(PrintKind kind, std::string_view reference, std::string_view queue,
                               std::string_view hub_grant = {});
    Result<void> submitted(std::int64_t id, int job_id);
    Result<void> completed(std::int64_t id);
    Result<void> failed(std::int64_t id, std::string_view reason);
    // It may have printed: held like a completed print until staff check.
    Result<void> unknown(std::int64_t id, std::string_view reason);

    // Prints under a hub grant whose outcome the hub has not confirmed yet, finished ones only.
    Result<std::vector<PrintRecord>> outcomes_to_report();
    Result<void> outcome_reported(std::int64_t id);
    // At start-up: every print still queued or printing was cut off by the stop; it may have printed.
    // Each becomes Unknown ("kiosk-restarted"); answered are the ones that were.
    Result<std::vector<PrintRecord>> settle_unfinished();

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
