#include "drivers/printer/CupsPrinter.h"

#include "core/base/Log.h"

#include <algorithm>
#include <future>

namespace kiosk::drivers {

using domain::DeviceState;
using domain::FixedBy;

namespace {

constexpr int job_canceled = 7;
constexpr int job_aborted = 8;

bool contains(const std::vector<std::string>& reasons, std::string_view keyword) {
    return std::any_of(reasons.begin(), reasons.end(),
                       [keyword](const std::string& reason) { return strip_severity(reason) == keyword; });
}

// The submit-time faults: a job sent now would be refused.
bool refuses_jobs(const domain::DeviceStatus& status) {
    return status.reason == "queue-rejecting" || status.reason == "cups-unreachable" ||
           status.reason == "queue-missing";
}

// DeviceStatus's defaulted == needs one on Consumable, which it does not have.
bool same(const domain::DeviceStatus& a, const domain::DeviceStatus& b) {
    return a.state == b.state && a.fixed_by == b.fixed_by && a.reason == b.reason &&
           std::equal(a.consumables.begin(), a.consumables.end(), b.consumables.begin(), b.consumables.end(),
                      [](const domain::Consumable& x, const domain::Consumable& y) {
                          return x.id == y.id && x.percent == y.percent;
                      });
}

} // namespace

CupsPrinter::CupsPrinter(CupsPrinterOptions options)
    : m_options(std::move(options)), m_session(m_options.queue, m_options.session),
      m_worker(m_options.thread_name) {
    m_status.kind = m_options.role;
    m_status.state = DeviceState::Absent;
    m_status.reason = "not-started";
}

CupsPrinter::~CupsPrinter() {
    stop();
}

Result<void> CupsPrinter::start(Sink sink) {
    {
        std::lock_guard lock(m_mutex);
        if (m_running)
            return make_error(ErrorCode::InvalidArgument, "printer " + m_options.queue + " already started");
        m_sink.attach(std::move(sink));
        m_running = true;
        m_status_reported = false;
    }
    m_worker.post([this] { tick(); });
    return {};
}

void CupsPrinter::stop() {
    m_sink.detach();
    {
        std::lock_guard lock(m_mutex);
        m_running = false;
    }
    m_worker.cancel_pending();
    if (m_worker.on_worker_thread())
        return; // from within the sink: the running task is the caller itself
    std::promise<void> idle;
    auto idle_reached = idle.get_future();
    m_worker.post([&idle] { idle.set_value(); });
    idle_reached.wait();
    m_jobs.clear(); // the worker is idle: nothing else touches them now
}

Result<int> CupsPrinter::submit(PrintJob job) {
    if (job.pdf.empty())
        return make_error(ErrorCode::InvalidArgument, "print job '" + job.title + "' has no document");
    int id;
    {
        std::lock_guard lock(m_mutex);
        if (!m_running)
            return make_error(ErrorCode::InvalidArgument, "printer " + m_options.queue + " is not started");
        if (m_status_reported && refuses_jobs(m_status))
            return make_error(ErrorCode::Device,
                              "printer " + m_options.queue + " cannot take jobs: " + m_status.reason);
        id = m_next_job_id++;
    }
    m_worker.post([this, id, job = std::move(job)]() mutable { send(id, std::move(job)); });
    return id;
}

domain::DeviceStatus CupsPrinter::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

std::optional<int> CupsPrinter::cups_job_id(int job_id) const {
    std::lock_guard lock(m_mutex);
    auto found = m_cups_ids.find(job_id);
    return found == m_cups_ids.end() ? std::nullopt : std::optional<int>(found->second);
}

QueueSnapshot CupsPrinter::last_snapshot() const {
    std::lock_guard lock(m_mutex);
    return m_snapshot;
}

void CupsPrinter::send(int job_id, PrintJob job) {
    std::string media =
        m_options.media.value_or(m_options.role == domain::DeviceKind::A4Printer ? "iso_a4_210x297mm" : "");
    auto sent = m_session.print_pdf(job.pdf, job.title, media);
    if (!sent.ok()) {
        log::warn("printer {}: job {} ({}) not accepted: {}", m_options.queue, job_id, job.title,
                  sent.error().describe());
        // Timeout: the whole job went to CUPS and no answer came back, so CUPS may have queued it.
        bool uncertain = sent.error().code == ErrorCode::Timeout;
        m_sink.emit(PrintFailed{job_id, sent.release_error(), uncertain ? "job-lost" : "", uncertain});
        publish(m_session.read_queue()); // the refusal usually says something about the queue
        return;
    }
    int cups_id = sent.value();
    log::info("printer {}: job {} ({}, {} bytes) is CUPS job {}", m_options.queue, job_id, job.title,
              job.pdf.size(), cups_id);
    {
        std::lock_guard lock(m_mutex);
        m_cups_ids[job_id] = cups_id;
    }
    m_jobs[job_id] = Followed{cups_id};
}

void CupsPrinter::tick() {
    auto snapshot = m_session.read_queue();
    follow_jobs(snapshot);
    publish(snapshot);
    bool running;
    {
        std::lock_guard lock(m_mutex);
        running = m_running;
    }
    if (running)
        m_worker.post_after(m_jobs.empty() ? m_options.status_interval : m_options.job_interval,
                            [this] { tick(); });
}

void CupsPrinter::follow_jobs(const QueueSnapshot& snapshot) {
    bool printer_away = snapshot.device_reachable == false;
    for (auto it = m_jobs.begin(); it != m_jobs.end();) {
        auto& followed = it->second;
        auto job = m_session.read_job(followed.cups_id);
        if (!job.ok()) {
            if (job.error().code ==
                ErrorCode::NotFound) { // purged from CUPS's history: it cannot be followed
                m_sink.emit(PrintFailed{it->first, job.release_error(), "job-lost", true});
                it = m_jobs.erase(it);
                continue;
            }
            ++it; // the scheduler is away; the status says so, and the job is followed when it is back
            continue;
        }
        if (contains(job->printer_reasons, "cups-waiting-for-job-completed"))
            followed.handed_to_printer = true;
        if (followed.handed_to_printer && printer_away && !job->finished())
            followed.printer_lost = true;
        if (job->finished()) {
            finish(it->first, followed, job.value());
            it = m_jobs.erase(it);
            continue;
        }
        ++it;
    }
}

void CupsPrinter::finish(int job_id, const Followed& followed, const cups::JobSnapshot& job) {
    std::string detail = job.message.empty() ? job.printer_message : job.message;
    auto failed = [&](std::string reason, std::string why, bool uncertain = false) {
        log::warn("printer {}: job {} (CUPS job {}) {}: {}: {}", m_options.queue, job_id, followed.cups_id,
                  uncertain ? "may have failed" : "failed", reason, why);
        m_sink.emit(
            PrintFailed{job_id, make_error(ErrorCode::Device, reason + ": " + why), reason, uncertain});
    };
    if (job.state == job_canceled || job.state == job_aborted) {
        std::string reason = contains(job.printer_reasons, "media-jam") ? "media-jam"
                             : contains(job.printer_reasons, "media-empty")
                                 ? "media-empty"
                                 : std::string("job-") + cups::job_state_name(job.state);
        failed(reason,
               detail.empty() ? std::string("the job was ") + cups::job_state_name(job.state) : detail);
    } else if (contains(job.printer_reasons, "media-jam")) {
        failed("media-jam", "the printer jammed while printing this job; the pages may have come out", true);
    } else if (followed.printer_lost) {
        failed("printer-restarted",
               "the printer went away while holding this job and came back without it; "
               "it may not have printed",
               true);
    } else {
        log::info("printer {}: job {} (CUPS job {}) completed", m_options.queue, job_id, followed.cups_id);
        m_sink.emit(PrintFinished{job_id});
    }
}

void CupsPrinter::publish(const QueueSnapshot& snapshot) {
    auto status = map_queue_status(m_options.role, snapshot);
    {
        std::lock_guard lock(m_mutex);
        m_snapshot = snapshot;
        if (m_status_reported && same(m_status, status))
            return;
        m_status = status;
        m_status_reported = true;
    }
    if (status.usable())
        log::info("printer {}: {} {}", m_options.queue, domain::to_string(status.state), status.reason);
    else
        log::warn("printer {}: {} ({}, fixed by {}): {}", m_options.queue, domain::to_string(status.state),
                  status.reason, domain::to_string(status.fixed_by), snapshot.state_message);
    m_sink.emit(std::move(status));
}

} // namespace kiosk::drivers
