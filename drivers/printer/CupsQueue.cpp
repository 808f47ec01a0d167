#include "drivers/printer/CupsQueue.h"

#include <condition_variable>
#include <mutex>

namespace kiosk::drivers::cups {

Result<JobOutcome> submit_and_wait(const std::string& queue, std::vector<uint8_t> pdf,
                                   const std::string& title, std::chrono::milliseconds deadline,
                                   CupsPrinterOptions options) {
    options.queue = queue;
    auto started_at = std::chrono::steady_clock::now();
    std::mutex mutex;
    std::condition_variable changed;
    std::optional<PrinterEvent> end;
    bool status_seen = false;

    CupsPrinter printer(std::move(options));
    TRY(printer.start([&](PrinterEvent event) {
        std::lock_guard lock(mutex);
        if (std::holds_alternative<domain::DeviceStatus>(event))
            status_seen = true;
        else if (!end) // the only job this printer ever gets
            end = std::move(event);
        changed.notify_all();
    }));
    std::unique_lock lock(mutex);
    // The first status read decides whether the queue can take the job at all.
    changed.wait_until(lock, started_at + deadline, [&] { return status_seen; });
    lock.unlock();
    auto submitted = printer.submit(PrintJob{title, std::move(pdf)});
    if (!submitted.ok())
        return submitted.release_error();
    int job_id = submitted.value();
    lock.lock();
    bool ended = changed.wait_until(lock, started_at + deadline, [&] { return end.has_value(); });
    lock.unlock();

    JobOutcome outcome;
    outcome.cups_job_id = printer.cups_job_id(job_id).value_or(0);
    outcome.elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_at);
    outcome.status = printer.status();
    printer.stop();
    if (!ended)
        return make_error(ErrorCode::Timeout, "job " + std::to_string(outcome.cups_job_id) + " on " + queue +
                                                  " did not end within " + std::to_string(deadline.count()) +
                                                  " ms (printer: " + outcome.status.reason + ")");
    if (auto* failed = std::get_if<PrintFailed>(&*end)) {
        if (outcome.cups_job_id == 0)
            return failed->error; // refused: it never reached the queue
        outcome.failure = failed->error;
    }
    return outcome;
}

QueueReport queue_status(const std::string& queue, domain::DeviceKind kind, SessionOptions options) {
    Session session(queue, std::move(options));
    QueueReport report;
    report.raw = session.read_queue();
    report.status = map_queue_status(kind, report.raw);
    return report;
}

} // namespace kiosk::drivers::cups
