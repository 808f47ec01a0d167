#pragma once
// The real printer: one CUPS queue in one role (receipt or A4), through libcups (CupsSession), on one
// owner thread. submit() queues the PDF and returns at once with the kiosk's job id; the owner thread
// sends it with Print-Job and follows it with Get-Job-Attributes until it ends:
//   completed                  → PrintFinished (but see below)
//   canceled / aborted         → PrintFailed with the job's reason and message
//   refused (not accepting,    → PrintFailed at once; submit() itself fails when the last status
//     scheduler down)            already says so
// A job that waits (paper out, queue stopped, printer away) is not failed: it stays pending while
// the status says why, and ends when the cause is gone. Two CUPS behaviours the rig showed
// (docs/specs/test-rig.md §1) make "completed" not always mean printed:
//   - a jam can end as "completed" when the ipp backend notices the abort before its monitor does;
//     a job whose last printer reasons carry media-jam is failed with "media-jam";
//   - a printer that restarts while holding the job forgets it, and the backend then reports the job
//     completed ("cups-ipp-missing-job-history"); a job the printer had taken and then went away is
//     failed with "printer-restarted" (reprint rather than hand out nothing).
// The queue (and the printer, when it can be asked) is read every status_interval and a
// domain::DeviceStatus is reported on change (PrinterReasons.h says which reason means what).
// Job titles go to CUPS and logs: they must be generic ("receipt"), never personal data.

#include "core/base/Worker.h"
#include "drivers/common/EventSink.h"
#include "drivers/printer/CupsSession.h"
#include "drivers/printer/Printer.h"

#include <map>
#include <mutex>
#include <optional>

namespace kiosk::drivers {

struct CupsPrinterOptions {
    domain::DeviceKind role = domain::DeviceKind::ReceiptPrinter;
    std::string queue = "kiosk-receipt";             // the CUPS queue name
    cups::SessionOptions session;                    // server, timeouts
    std::chrono::milliseconds status_interval{1000}; // between queue reads while no job runs
    std::chrono::milliseconds job_interval{250};     // between job and queue reads while jobs run
    std::string thread_name = "printer-cups";        // for top/gdb (15 characters at most)
    // The paper every job asks for; empty: the queue's default (a receipt printer's roll). A4 by
    // default for the A4 role, so CUPS never fits a certificate onto Letter.
    std::optional<std::string> media;
};

class CupsPrinter final : public Printer {
public:
    explicit CupsPrinter(CupsPrinterOptions options);
    // Stops; must not be called from within the sink.
    ~CupsPrinter() override;
    CupsPrinter(const CupsPrinter&) = delete;
    CupsPrinter& operator=(const CupsPrinter&) = delete;

    Result<void> start(Sink sink) override;
    // No sink call happens after stop() returns. Jobs already in CUPS stay there (and print).
    void stop() override;
    Result<int> submit(PrintJob job) override;
    domain::DeviceStatus status() const override;

    // CUPS's id of a kiosk job once it reached the queue (for engineers: lpstat, error_log).
    std::optional<int> cups_job_id(int job_id) const;
    // The last raw reading of the queue behind status().
    QueueSnapshot last_snapshot() const;

private:
    struct Followed {
        int cups_id = 0;
        bool handed_to_printer = false; // the backend sent it and waits for the printer
        bool printer_lost = false;      // … and the printer went away meanwhile
    };

    void tick();
    void send(int job_id, PrintJob job);
    void follow_jobs(const QueueSnapshot& snapshot);
    void finish(int job_id, const Followed& followed, const cups::JobSnapshot& job);
    void publish(const QueueSnapshot& snapshot);

    CupsPrinterOptions m_options;

    EventSink<PrinterEvent> m_sink; // emitted to from the owner thread

    mutable std::mutex m_mutex; // guards the fields below up to the owner-thread ones
    bool m_running = false;
    int m_next_job_id = 1;
    domain::DeviceStatus m_status;
    bool m_status_reported = false;
    QueueSnapshot m_snapshot;
    std::map<int, int> m_cups_ids; // kiosk job id → CUPS job id

    // Owner thread only.
    cups::Session m_session;
    std::map<int, Followed> m_jobs;

    Worker m_worker; // last: joined first, while the members its tasks use are still alive
};

} // namespace kiosk::drivers
