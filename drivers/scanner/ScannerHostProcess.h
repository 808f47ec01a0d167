#pragma once
// One kiosk-scanner-host process and the two pipes to it (frames of ScannerWire.h): how it is
// started (in a process group of its own, so a kill takes a backend's children too), how commands
// reach it (written without blocking), how its events come back (read and decoded on a thread of its
// own, one per host), and how it ends (stdin closed, a grace period, then SIGKILL to the whole group;
// always reaped). What a host is for — when to start one, when to give up on it, what its events mean
// for a scan — is IsolatedScanner's.
//
// Threads: spawn() and end() are called by the owner; send(), close_input() and accepts_commands()
// by one thread at a time (IsolatedScanner calls them under its mutex); the handlers run on the
// reader thread, which end() joins.

#include "core/base/Result.h"
#include "drivers/scanner/Scanner.h"
#include "drivers/scanner/ScannerWire.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace kiosk::drivers {

class ScannerHostProcess {
public:
    // All called on the reader thread, in the order the host wrote its frames; `gone` once, last.
    struct Handlers {
        std::function<void(ScannerEvent)> event;
        std::function<void()> alive;                  // the answer to a ping
        std::function<void(const std::string&)> gone; // why: "ended" (its stdout closed) or what was wrong
    };

    // Starts `args[0]` with `args` as its argv. Io when the pipes cannot be made (the message starts
    // with "pipe: "); Device when the program cannot be started (the message is strerror's).
    static Result<std::unique_ptr<ScannerHostProcess>> spawn(std::vector<std::string> args);
    ~ScannerHostProcess(); // ends it at once if end() was not called
    ScannerHostProcess(const ScannerHostProcess&) = delete;
    ScannerHostProcess& operator=(const ScannerHostProcess&) = delete;

    pid_t pid() const { return m_pid; }

    // Starts the reader thread; once.
    void read_events(Handlers handlers);

    // Whether commands still go to the host: false after close_input() or a failed send().
    bool accepts_commands() const { return m_to_host >= 0; }
    // One frame, without blocking (commands are small and the host reads them at once). An error
    // (the pipe is full: a host that no longer reads; or it has gone) closes its stdin: half a frame
    // may be in the pipe, so nothing more goes to this host.
    Result<void> send(wire::Type type, std::string_view payload);
    // Its stdin ends: the host stops its scanner and exits.
    void close_input();

    // Closes its stdin, waits up to `grace` for it to exit, then kills its process group; reaps it and
    // joins the reader thread.
    void end(std::chrono::milliseconds grace);

private:
    ScannerHostProcess(pid_t pid, int to_host, int from_host)
        : m_pid(pid), m_to_host(to_host), m_from_host(from_host) {}

    pid_t m_pid;
    int m_to_host;   // its stdin (non-blocking); -1 once closed
    int m_from_host; // its stdout, until the reader thread takes it
    bool m_ended = false;
    std::thread m_reader;
};

} // namespace kiosk::drivers
