#pragma once
// Printing for scenes: renders a document from its template, records it in the print ledger,
// hands it to the printer of its role, and follows it to its end through the printer's events.
// A failed print is never silent: the event says why, the ledger keeps it, and the citizen can be
// offered a reprint of the same document for as long as the session lasts.
//
// Lives on the UI thread (print, note, reprint, forget_session). The document data may hold
// personal data; it is kept only for a possible reprint and dropped by forget_session().
//
// A certificate prints under the hub's grant (docs/specs/hub-contract.md §6.1): its end goes to the
// outcome reporter as printed (Completed), failed (the printer stopped it for a known reason) or unknown
// (it may have printed: PrintFailed::uncertain, or cut off by a restart), and stays marked unreported in
// the ledger until PrintOutcomeReported comes back — resume() at start-up sends what is still unreported.

#include "core/domain/DeviceStatus.h"
#include "core/store/PrintLedger.h"
#include "services/DeviceHub.h"
#include "services/PrintUsage.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::services {

struct PrintRequest {
    store::PrintKind kind = store::PrintKind::Receipt;
    std::string reference; // application or certificate number: names the print in ledger and logs
    std::string template_name;
    nlohmann::json data; // the template's placeholders
    // A document that arrives as a PDF (a certificate issued by the hub): printed as it is, not
    // rendered; template_name and data are then unused.
    std::vector<uint8_t> pdf;
    std::string hub_grant; // a certificate: the hub's print grant it prints under
    // A test page prints on the printer staff test (the receipt printer's page on the roll); every other
    // kind goes by printer_for(kind) and leaves this unset.
    std::optional<domain::DeviceKind> printer;
};

// One print on its way: which printer and which of its jobs, and its ledger row (0 without a ledger).
struct PrintTicket {
    std::int64_t ledger_id = 0;
    domain::DeviceKind printer = domain::DeviceKind::ReceiptPrinter;
    int job_id = 0;
};

class PrintService {
public:
    // Renders template_name with data into a PDF; an error means nothing may be printed.
    using Renderer = std::function<Result<std::vector<uint8_t>>(const std::string& template_name,
                                                                const nlohmann::json& data)>;
    struct Queues {
        std::string receipt = "sim"; // the queue names the ledger records
        std::string a4 = "sim";
    };

    // The ledger may be null (the store is unavailable): receipts and checklists still print, but
    // accountable paper (certificates) is refused, since nothing could stop a second copy.
    PrintService(DeviceHub& devices, Renderer renderer, store::PrintLedger* ledger, Queues queues);

    static domain::DeviceKind printer_for(store::PrintKind kind); // receipts on the roll, the rest on A4

    // Refused, with the reason, when the printer cannot print now, the document does not render,
    // or the ledger forbids it; nothing is queued then.
    Result<PrintTicket> print(PrintRequest request);
    // Prints again a document of this session whose print failed (a certificate only through the
    // ledger's rules). NotFound when the session has no such failed print.
    Result<PrintTicket> reprint(const PrintTicket& failed);

    // UI thread, for every PrintCompleted/PrintFailed event: brings the ledger up to date. Returns
    // the ticket the event concerns, or nothing when it is none of ours.
    std::optional<PrintTicket> note(const AppEvent& event);

    // The session is over: drop every kept document and what is still being followed stays in
    // the ledger only.
    void forget_session();

    // Prints started this session and not yet finished.
    int pending() const;

    // Sends a finished print's outcome to the hub (state Completed, Failed or Unknown, hub_grant set);
    // the answer comes back as PrintOutcomeReported, which note() books.
    using OutcomeReporter = std::function<void(const store::PrintRecord& print)>;
    void set_outcome_reporter(OutcomeReporter reporter) { m_reporter = std::move(reporter); }
    // At start-up, before any print: what was in flight when the kiosk stopped is Unknown (it may have
    // printed), and every outcome the hub has not confirmed goes to the reporter again. Answers how
    // many prints were cut off.
    Result<int> resume();

    // Told, on the UI thread in note(), of every print that took paper: completed, ended uncertain (it
    // may have come out) or jammed (the sheet is spoiled). One refused or stopped before printing
    // (no paper, cover open, cancelled) is not told. The consumables counter books it.
    using UsageHook = std::function<void(const PrintUsage& usage)>;
    void set_usage_hook(UsageHook hook) { m_usage_hook = std::move(hook); }

private:
    struct Followed {
        PrintTicket ticket;
        PrintRequest request;
        PdfMeasure measure; // of the PDF that went to the printer
        bool finished = false;
        bool failed = false;
    };
    using JobKey = std::pair<domain::DeviceKind, int>;

    DeviceHub& m_devices;
    Renderer m_renderer;
    void report(std::int64_t ledger_id);

    store::PrintLedger* m_ledger;
    Queues m_queues;
    OutcomeReporter m_reporter;
    UsageHook m_usage_hook;
    std::map<JobKey, Followed> m_followed;
};

} // namespace kiosk::services
