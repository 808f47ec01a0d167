#pragma once
// IPP over libcups to one CUPS queue, for one thread: Print-Job, Get-Job-Attributes,
// Get-Printer-Attributes of the queue and — when its device URI is ipp(s):// — of the printer itself
// (docs/specs/test-rig.md §1). Connections are opened on demand and reopened after a failure.
//
// The queue is addressed as ipp://localhost:PORT/printers/QUEUE on the server given, or on
// cupsServer() (CUPS_SERVER, client.conf). Use "localhost", not 127.0.0.1 (§1 libcups gotcha 2).
// A server not on this machine is spoken to over TLS only (is_local_server).

#include "core/base/Result.h"
#include "drivers/printer/PrinterReasons.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

typedef struct _http_s http_t; // NOLINT(bugprone-reserved-identifier): libcups' own name

namespace kiosk::drivers::cups {

struct SessionOptions {
    std::string server;                              // "localhost:631" or a socket path; empty: cupsServer()
    std::chrono::milliseconds connect_timeout{2000}; // to cupsd and to the printer
    std::chrono::milliseconds request_timeout{5000}; // one IPP request (a stopped cupsd must not hang us)
    bool ask_printer = true;                         // also ask an ipp(s):// printer directly for its state
};

struct JobSnapshot {
    int state = 0; // IPP job-state: 3 pending … 5 processing, 7 canceled, 8 aborted, 9 completed
    std::vector<std::string> reasons;         // job-state-reasons
    std::string message;                      // job-state-message
    std::vector<std::string> printer_reasons; // job-printer-state-reasons (CUPS)
    std::string printer_message;              // job-printer-state-message (CUPS)

    bool finished() const { return state >= 7; }
};

// True when `host` (SessionOptions::server without its port, or cupsServer()) is on this machine: a
// Unix socket path, "localhost", "127.0.0.1" or "::1" ("[::1]"). IPP to any other server carries
// receipts and certificates (names, ID numbers) over the hall's network, so it must be TLS
// (HTTP_ENCRYPTION_REQUIRED): a server that cannot is a connection error, never plaintext.
bool is_local_server(const std::string& host);

const char* job_state_name(int state);
const char* printer_state_name(int state);

class Session {
public:
    Session(std::string queue, SessionOptions options = {});
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // The CUPS job id. A refusal (not accepting, no such queue, scheduler down) is the error; Timeout
    // when the whole job was sent and no answer came (CUPS may have queued it: the outcome is unknown).
    // media: the job's "media" keyword ("iso_a4_210x297mm"), empty for the queue's default.
    Result<int> print_pdf(std::span<const uint8_t> pdf, const std::string& title,
                          const std::string& media = {});
    Result<JobSnapshot> read_job(int cups_job_id);
    // Never an error: an unreachable scheduler or a missing queue is part of the snapshot.
    QueueSnapshot read_queue();
    const std::string& queue() const { return m_queue; }

private:
    http_t* scheduler();
    std::string tls_note() const; // what an error adds for a server that must be spoken to over TLS
    void close();
    void ask_printer(QueueSnapshot& snapshot);

    std::string m_queue;
    SessionOptions m_options;
    std::string m_host;
    int m_port = 631;
    std::string m_printer_uri;
    std::string m_resource;
    http_t* m_http = nullptr;
};

} // namespace kiosk::drivers::cups
