#pragma once
// The kiosk's SANE scanner: SaneScanner run in kiosk-scanner-host, a process of its own (why: the
// host's main file), driven over a pipe (ScannerWire.h). To the kiosk it is any Scanner.
//
// The host is started by start() and kept; every backend option set here is sent to each new host.
// A host that dies, speaks nonsense, stays silent through a scan for `stall_timeout`, does not end a
// cancelled scan within `cancel_grace`, or does not answer the ping after a failed scan within
// `ping_timeout` is killed (its whole process group) and started afresh after `restart_interval`; a
// scan it held ends with ScanFailed ("the scanner stopped responding", or "scan cancelled"), so the
// citizen can try again at once. A fault the old host reported (a jam) stays the status until the
// next scan says otherwise — a fresh host's "ready" at open proves nothing about the paper path.
//
// This class is the policy: when a host is started and given up on, and what its events mean for the
// scan and the status. The process itself (spawn, pipes, reader thread, kill) is ScannerHostProcess.

#include "core/base/Log.h"
#include "core/base/Worker.h"
#include "drivers/common/EventSink.h"
#include "drivers/scanner/SaneScanner.h"
#include "drivers/scanner/Scanner.h"

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <sys/types.h>

namespace kiosk::drivers {

class ScannerHostProcess;

struct IsolatedScannerOptions {
    SaneScannerOptions sane;
    // Empty: kiosk-scanner-host in the folder of the running program (how it is built and installed).
    std::string host_program;
    std::chrono::milliseconds stall_timeout{30000}; // silence during a scan that means "wedged"
    std::chrono::milliseconds cancel_grace{3000};   // a cancelled scan must end within this
    std::chrono::milliseconds ping_timeout{8000};   // after a failed scan, the host must answer
    std::chrono::milliseconds stop_grace{2000};     // between closing the host's stdin and SIGKILL
    std::chrono::milliseconds restart_interval{1000};
    log::Level host_log_level = log::Level::Info; // what the host writes to stderr (the kiosk's log)
};

class IsolatedScanner final : public Scanner {
public:
    explicit IsolatedScanner(IsolatedScannerOptions options);
    ~IsolatedScanner() override; // stops
    IsolatedScanner(const IsolatedScanner&) = delete;
    IsolatedScanner& operator=(const IsolatedScanner&) = delete;

    Result<void> start(Sink sink) override;
    // Ends the host (killing it after stop_grace); no sink call happens after it returns. Must not be
    // called from within the sink.
    void stop() override;
    Result<void> scan(const ScanRequest& request) override;
    void cancel() override;
    domain::DeviceStatus status() const override;

    // As SaneScanner::set_backend_option: kept, and sent to the host now and to every later one.
    // The pnm backend's "filename" must be set before start(): the host's sandbox lets it read the
    // file named when it starts, nothing else (HostSandbox.h).
    void set_backend_option(const std::string& name, const std::string& value);

    // The host's process id (0 when none runs): for tests that kill it, and for staff diagnostics.
    pid_t host_pid() const;
    // How many hosts were started since start() (1 while the first lives).
    int hosts_started() const;

    static std::string default_host_program();

private:
    void spawn_host(); // supervisor thread
    // Supervisor thread: ends the running host (at once when it failed) and returns the verdict on
    // the scan it held, for the caller to emit.
    std::optional<ScannerEvent> end_host(const std::string& why, bool failed);
    void on_host_gone(int generation, const std::string& why);
    void on_alive(int generation);                       // the host's reader thread
    void on_event(int generation, ScannerEvent event);   // the host's reader thread
    void tick();                                         // supervisor: stall and cancel deadlines
    void send(uint8_t type, const std::string& payload); // under m_mutex; never blocks

    IsolatedScannerOptions m_options;
    std::string m_program;

    // One sink call at a time, from the supervisor or a host's reader thread; stop() detaches it.
    EventSink<ScannerEvent> m_sink;

    mutable std::mutex m_mutex; // guards everything below but the supervisor
    bool m_running = false;
    domain::DeviceStatus m_status;
    bool m_hold_fault = false; // a fresh host's "ready" does not clear the old host's fault
    std::map<std::string, std::string> m_backend_options;
    std::unique_ptr<ScannerHostProcess> m_host; // the running host, if any
    int m_generation = 0; // raised at each spawn and end: what a host of an older one says is dropped
    int m_hosts_started = 0;
    bool m_scanning = false;
    std::chrono::steady_clock::time_point m_last_word;
    std::optional<std::chrono::steady_clock::time_point> m_cancelled_at;
    std::optional<std::chrono::steady_clock::time_point> m_ping_sent_at;

    Worker m_supervisor; // last: joined first
};

} // namespace kiosk::drivers
