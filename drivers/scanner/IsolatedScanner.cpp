// IsolatedScanner: the Scanner the kiosk sees and the supervision of its host — the scan under way,
// the status, the stall, cancel and ping deadlines, and when a host is started, ended and replaced.
// Starting, talking to and killing the process is ScannerHostProcess.cpp.

#include "drivers/scanner/IsolatedScanner.h"

#include "core/base/Log.h"
#include "drivers/scanner/ScannerHostProcess.h"
#include "drivers/scanner/ScannerWire.h"

#include <future>
#include <unistd.h>

namespace kiosk::drivers {

using domain::DeviceState;
using domain::FixedBy;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto tick_interval = std::chrono::milliseconds(100);

domain::DeviceStatus scanner_status(DeviceState state, std::string reason, FixedBy fixed_by = FixedBy::Auto) {
    domain::DeviceStatus status;
    status.kind = domain::DeviceKind::Scanner;
    status.state = state;
    status.fixed_by = fixed_by;
    status.reason = std::move(reason);
    return status;
}

bool same(const domain::DeviceStatus& a, const domain::DeviceStatus& b) {
    return a.state == b.state && a.fixed_by == b.fixed_by && a.reason == b.reason;
}

} // namespace

IsolatedScanner::IsolatedScanner(IsolatedScannerOptions options)
    : m_options(std::move(options)),
      m_program(m_options.host_program.empty() ? default_host_program() : m_options.host_program),
      m_supervisor("scanner-watch") {
    m_status = scanner_status(DeviceState::Absent, "not-started");
}

IsolatedScanner::~IsolatedScanner() {
    stop();
}

std::string IsolatedScanner::default_host_program() {
    char path[4096];
    ssize_t length = readlink("/proc/self/exe", path, sizeof path - 1);
    if (length <= 0)
        return "kiosk-scanner-host";
    std::string self(path, static_cast<size_t>(length));
    return self.substr(0, self.rfind('/') + 1) + "kiosk-scanner-host";
}

Result<void> IsolatedScanner::start(Sink sink) {
    {
        std::lock_guard lock(m_mutex);
        if (m_running)
            return make_error(ErrorCode::InvalidArgument,
                              "scanner " + m_options.sane.device + " already started");
        m_sink.attach(std::move(sink));
        m_running = true;
        m_hold_fault = false;
        m_hosts_started = 0;
    }
    spawn_host(); // now, so a scan() right after start() finds its host
    m_supervisor.post_after(tick_interval, [this] { tick(); });
    return {};
}

void IsolatedScanner::stop() {
    m_sink.detach(); // a sink call in flight (supervisor or reader thread) finishes first
    {
        std::lock_guard lock(m_mutex);
        m_running = false;
    }
    m_supervisor.cancel_pending();
    std::promise<void> ended;
    auto done = ended.get_future();
    m_supervisor.post([this, &ended] {
        (void)end_host("stopped", false); // no sink to tell any more
        ended.set_value();
    });
    done.wait();
    std::lock_guard lock(m_mutex);
    m_status = scanner_status(DeviceState::Absent, "not-started");
    m_scanning = false;
}

Result<void> IsolatedScanner::scan(const ScanRequest& request) {
    if (request.dpi < 50 || request.dpi > 1200)
        return make_error(ErrorCode::InvalidArgument,
                          "scan resolution " + std::to_string(request.dpi) + " dpi is outside 50..1200");
    std::lock_guard lock(m_mutex);
    if (!m_running)
        return make_error(ErrorCode::InvalidArgument, "scanner " + m_options.sane.device + " is not started");
    if (m_scanning)
        return make_error(ErrorCode::Busy, "a scan is already running");
    if (!m_host || !m_host->accepts_commands())
        return make_error(ErrorCode::Device, "the scanner is not available (" + m_status.reason + ")");
    m_scanning = true;
    m_hold_fault = false; // this scan says what the device is now
    m_cancelled_at.reset();
    m_last_word = Clock::now();
    send(static_cast<uint8_t>(wire::Type::Scan), wire::encode_scan(request));
    return {};
}

void IsolatedScanner::cancel() {
    std::lock_guard lock(m_mutex);
    if (!m_scanning || m_cancelled_at)
        return;
    m_cancelled_at = Clock::now();
    send(static_cast<uint8_t>(wire::Type::Cancel), {});
}

domain::DeviceStatus IsolatedScanner::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

void IsolatedScanner::set_backend_option(const std::string& name, const std::string& value) {
    std::lock_guard lock(m_mutex);
    m_backend_options[name] = value;
    send(static_cast<uint8_t>(wire::Type::Option), name + '\0' + value);
}

pid_t IsolatedScanner::host_pid() const {
    std::lock_guard lock(m_mutex);
    return m_host ? m_host->pid() : 0;
}

int IsolatedScanner::hosts_started() const {
    std::lock_guard lock(m_mutex);
    return m_hosts_started;
}

void IsolatedScanner::send(uint8_t type, const std::string& payload) {
    if (!m_host || !m_host->accepts_commands())
        return;
    // A full pipe means a host that no longer reads, and it is replaced. Any other failed write means
    // it has gone, and its reader says so. Either way nothing more goes to this host.
    auto wrote = m_host->send(static_cast<wire::Type>(type), payload);
    if (wrote.ok())
        return;
    log::warn("scanner host: {}", wrote.error().message);
    m_supervisor.post(
        [this, generation = m_generation] { on_host_gone(generation, "does not read commands"); });
}

void IsolatedScanner::spawn_host() {
    std::unique_lock lock(m_mutex);
    if (!m_running || m_host)
        return;
    std::vector<std::string> args = {m_program,
                                     "--device",
                                     m_options.sane.device,
                                     "--reopen-ms",
                                     std::to_string(m_options.sane.reopen_interval.count()),
                                     "--log-level",
                                     std::to_string(static_cast<int>(m_options.host_log_level))};
    if (!m_options.sane.source.empty())
        args.insert(args.end(), {"--source", m_options.sane.source});
    if (!m_options.sane.a4_area)
        args.push_back("--whole-glass");
    // The host's sandbox (HostSandbox.h) lets a backend read nothing outside SANE's own files: the
    // pnm backend's input (test rigs, kiosk-devctl scan --file) is named to it before it starts.
    if (auto file = m_backend_options.find("filename"); file != m_backend_options.end())
        args.insert(args.end(), {"--allow-read", file->second});
    auto spawned = ScannerHostProcess::spawn(std::move(args));
    if (!spawned.ok() && spawned.error().code == ErrorCode::Io)
        return log::error("scanner host: {}", spawned.error().message); // no pipe
    if (!spawned.ok()) {
        auto fault = scanner_status(DeviceState::Fault, "scanner-host-missing", FixedBy::Engineer);
        if (!same(m_status, fault))
            log::error("scanner host {}: cannot start: {}", m_program, spawned.error().message);
        m_status = fault;
        lock.unlock();
        m_sink.emit(fault);
        m_supervisor.post_after(m_options.sane.reopen_interval, [this] { spawn_host(); });
        return;
    }
    m_host = spawned.release_value();
    ++m_generation;
    ++m_hosts_started;
    m_ping_sent_at.reset();
    for (const auto& [name, value] : m_backend_options)
        send(static_cast<uint8_t>(wire::Type::Option), std::string(name).append(1, '\0').append(value));
    int generation = m_generation;
    m_host->read_events({
        .event = [this, generation](ScannerEvent event) { on_event(generation, std::move(event)); },
        .alive = [this, generation] { on_alive(generation); },
        .gone =
            [this, generation](const std::string& why) {
                m_supervisor.post([this, generation, why] { on_host_gone(generation, why); });
            },
    });
    log::info("scanner {}: host process {} started", m_options.sane.device, m_host->pid());
}

std::optional<ScannerEvent> IsolatedScanner::end_host(const std::string& why, bool failed) {
    std::unique_ptr<ScannerHostProcess> host;
    std::optional<ScannerEvent> verdict;
    {
        std::lock_guard lock(m_mutex);
        if (!m_host)
            return std::nullopt;
        host = std::move(m_host);
        ++m_generation;      // whatever the old host still says is dropped
        host->close_input(); // the host's stdin ends: it stops its scanner and exits
        m_ping_sent_at.reset();
        if (m_scanning) {
            m_scanning = false;
            verdict =
                ScanFailed{m_cancelled_at ? Error::make(ErrorCode::Device, "scan cancelled")
                                          : Error::make(ErrorCode::Device, "the scanner stopped responding")};
        }
        if (failed && m_status.state == DeviceState::Fault)
            m_hold_fault = true;
    }
    if (failed)
        log::warn("scanner {}: host process {}: {}; starting a new one", m_options.sane.device, host->pid(),
                  why);
    host->end(failed ? std::chrono::milliseconds(0) : m_options.stop_grace);
    return verdict;
}

void IsolatedScanner::on_alive(int generation) {
    std::lock_guard lock(m_mutex);
    if (generation == m_generation)
        m_ping_sent_at.reset();
}

void IsolatedScanner::on_event(int generation, ScannerEvent event) {
    bool ping = false;
    {
        std::lock_guard lock(m_mutex);
        if (generation != m_generation)
            return;
        m_last_word = Clock::now();
        if (auto* status = std::get_if<domain::DeviceStatus>(&event)) {
            if (m_hold_fault && status->usable())
                return;
            if (same(m_status, *status))
                return;
            m_status = *status;
        } else if (std::holds_alternative<ScanFinished>(event)) {
            m_scanning = false;
        } else if (std::holds_alternative<ScanFailed>(event)) {
            m_scanning = false;
            ping = true; // a backend may have wedged in the cancel after a fault
        }
        if (ping) {
            m_ping_sent_at = Clock::now();
            send(static_cast<uint8_t>(wire::Type::Ping), {});
        }
    }
    m_sink.emit(std::move(event));
}

void IsolatedScanner::on_host_gone(int generation, const std::string& why) {
    {
        std::lock_guard lock(m_mutex);
        if (generation != m_generation)
            return; // we ended it ourselves
    }
    auto verdict = end_host(why, true);
    bool running;
    std::optional<domain::DeviceStatus> restarting;
    {
        std::lock_guard lock(m_mutex);
        running = m_running;
        if (running && !m_hold_fault) {
            m_status = scanner_status(DeviceState::Absent, "restarting");
            restarting = m_status;
        }
    }
    if (restarting)
        m_sink.emit(*restarting);
    if (verdict)
        m_sink.emit(std::move(*verdict));
    if (running)
        m_supervisor.post_after(m_options.restart_interval, [this] { spawn_host(); });
}

void IsolatedScanner::tick() {
    std::string wedged;
    {
        std::lock_guard lock(m_mutex);
        if (!m_running)
            return;
        auto now = Clock::now();
        if (m_scanning && m_cancelled_at && now - *m_cancelled_at > m_options.cancel_grace)
            wedged = "a cancelled scan did not end";
        else if (m_scanning && now - m_last_word > m_options.stall_timeout)
            wedged = "silent through a scan";
        else if (m_ping_sent_at && now - *m_ping_sent_at > m_options.ping_timeout)
            wedged = "no answer after a failed scan";
    }
    if (!wedged.empty()) {
        int generation;
        {
            std::lock_guard lock(m_mutex);
            generation = m_generation;
        }
        on_host_gone(generation, wedged);
    }
    m_supervisor.post_after(tick_interval, [this] { tick(); });
}

} // namespace kiosk::drivers
