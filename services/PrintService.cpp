#include "services/PrintService.h"
#include "core/base/Log.h"

namespace kiosk::services {

using domain::DeviceKind;

PrintService::PrintService(DeviceHub& devices, Renderer renderer, store::PrintLedger* ledger, Queues queues)
    : m_devices(devices), m_renderer(std::move(renderer)), m_ledger(ledger), m_queues(std::move(queues)) {}

DeviceKind PrintService::printer_for(store::PrintKind kind) {
    return kind == store::PrintKind::Receipt ? DeviceKind::ReceiptPrinter : DeviceKind::A4Printer;
}

Result<PrintTicket> PrintService::print(PrintRequest request) {
    if (request.printer && request.kind != store::PrintKind::TestPage)
        return make_error(ErrorCode::InvalidArgument, "only a test page chooses its printer");
    DeviceKind printer = request.printer.value_or(printer_for(request.kind));
    const domain::DeviceStatus& status = m_devices.status(printer);
    if (!status.usable())
        return make_error(ErrorCode::Device, std::string(domain::to_string(printer)) +
                                                 " cannot print now: " + domain::to_string(status.state) +
                                                 (status.reason.empty() ? "" : " (" + status.reason + ")"));
    if (request.kind == store::PrintKind::Certificate && !m_ledger)
        return make_error(ErrorCode::Denied, "certificates are accountable paper: none is printed while the "
                                             "local store (the print ledger) is unavailable");
    // Rendered before anything is recorded: a document that does not render was never a print.
    std::vector<uint8_t> pdf =
        request.pdf.empty() ? TRY(m_renderer(request.template_name, request.data)) : request.pdf;

    PdfMeasure measure = measure_pdf(pdf).value_or(PdfMeasure{1, 0}); // unreadable: one page, length unknown
    const std::string& queue = printer == DeviceKind::ReceiptPrinter ? m_queues.receipt : m_queues.a4;
    PrintTicket ticket{0, printer, 0};
    if (m_ledger)
        ticket.ledger_id = TRY(m_ledger->begin(request.kind, request.reference, queue, request.hub_grant));
    auto job = m_devices.print(printer, drivers::PrintJob{store::to_string(request.kind), std::move(pdf)});
    if (!job.ok()) {
        if (m_ledger) {
            (void)m_ledger->failed(ticket.ledger_id, job.error().message);
            report(ticket.ledger_id); // refused before it reached the printer: the grant goes back
        }
        return job.release_error();
    }
    ticket.job_id = job.value();
    if (m_ledger) {
        if (auto recorded = m_ledger->submitted(ticket.ledger_id, ticket.job_id); !recorded.ok())
            log::error("print ledger: {}", recorded.error().describe()); // the paper still comes out
    }
    log::info("print: {} {} queued as job {} on {}", store::to_string(request.kind), request.reference,
              ticket.job_id, queue);
    m_followed[{printer, ticket.job_id}] = Followed{ticket, std::move(request), measure};
    return ticket;
}

Result<PrintTicket> PrintService::reprint(const PrintTicket& failed) {
    auto it = m_followed.find({failed.printer, failed.job_id});
    if (it == m_followed.end() || !it->second.failed)
        return make_error(ErrorCode::NotFound, "no failed print of this session to print again");
    if (!it->second.request.hub_grant.empty()) // its grant is spent: only the hub may grant another
        return make_error(ErrorCode::Denied, "a certificate prints again only under a new grant of the hub");
    PrintRequest request = it->second.request; // kept until the new print is queued
    auto again = TRY(print(std::move(request)));
    m_followed.erase({failed.printer, failed.job_id});
    return again;
}

std::optional<PrintTicket> PrintService::note(const AppEvent& event) {
    if (const auto* reported = std::get_if<PrintOutcomeReported>(&event)) {
        if (m_ledger) {
            if (auto booked = m_ledger->outcome_reported(reported->ledger_id); !booked.ok())
                log::error("print ledger: {}", booked.error().describe());
        }
        return std::nullopt;
    }
    DeviceKind printer;
    int job_id;
    const Error* error = nullptr;
    bool uncertain = false;
    bool jammed = false;
    std::string why; // "<printer's keyword>: <message>", what the ledger keeps (and the hub's keyword)
    if (const auto* done = std::get_if<PrintCompleted>(&event)) {
        printer = done->printer;
        job_id = done->job_id;
    } else if (const auto* failure = std::get_if<PrintFailed>(&event)) {
        printer = failure->printer;
        job_id = failure->job_id;
        error = &failure->error;
        uncertain = failure->uncertain;
        jammed = failure->reason == "media-jam";
        why = failure->reason.empty() || failure->error.message.rfind(failure->reason, 0) == 0
                  ? failure->error.message
                  : failure->reason + ": " + failure->error.message;
    } else {
        return std::nullopt;
    }
    auto it = m_followed.find({printer, job_id});
    if (it == m_followed.end() || it->second.finished)
        return std::nullopt;
    Followed& followed = it->second;
    followed.finished = true;
    followed.failed = error != nullptr;
    if (m_ledger) {
        // Only a certificate has something to lose from a print that may have come out: the others
        // keep their failed state (the citizen may print a receipt again).
        bool unknown = uncertain && followed.request.kind == store::PrintKind::Certificate;
        auto recorded = !error    ? m_ledger->completed(followed.ticket.ledger_id)
                        : unknown ? m_ledger->unknown(followed.ticket.ledger_id, why)
                                  : m_ledger->failed(followed.ticket.ledger_id, why);
        if (!recorded.ok())
            log::error("print ledger: {}", recorded.error().describe());
        else
            report(followed.ticket.ledger_id);
    }
    if (m_usage_hook && (!error || uncertain || jammed))
        m_usage_hook(PrintUsage{printer, followed.request.kind, followed.measure.pages,
                                followed.measure.length_mm,
                                !error      ? "completed"
                                : uncertain ? "uncertain"
                                            : "media-jam"});
    PrintTicket ticket = followed.ticket;
    if (!followed.failed)
        m_followed.erase(it); // nothing more to do with its data
    return ticket;
}

void PrintService::report(std::int64_t ledger_id) {
    if (!m_ledger || !m_reporter)
        return;
    auto record = m_ledger->find(ledger_id);
    if (!record.ok()) {
        log::error("print ledger: {}", record.error().describe());
        return;
    }
    if (record.value() && !record.value()->hub_grant.empty() && !record.value()->hub_reported)
        m_reporter(*record.value());
}

Result<int> PrintService::resume() {
    if (!m_ledger)
        return 0;
    auto cut_off = TRY(m_ledger->settle_unfinished());
    for (const auto& print : cut_off)
        log::warn("print ledger: {} {} was in flight when the kiosk stopped: outcome unknown, staff check",
                  store::to_string(print.kind), print.reference);
    if (m_reporter)
        for (const auto& print : TRY(m_ledger->outcomes_to_report()))
            m_reporter(print);
    return static_cast<int>(cut_off.size());
}

void PrintService::forget_session() {
    m_followed.clear();
}

int PrintService::pending() const {
    int count = 0;
    for (const auto& [key, followed] : m_followed)
        count += followed.finished ? 0 : 1;
    return count;
}

} // namespace kiosk::services
