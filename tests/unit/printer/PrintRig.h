#pragma once
// One printing test rig per test (scripts/print-rig: a private cupsd, queues kiosk-receipt and
// kiosk-a4 on ippeveprinter virtual printers) in a fresh directory of its own, so tests can run in
// parallel and CUPS job ids start at 1. The destructor stops it.

#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::drivers::testing {

class PrintRig {
public:
    explicit PrintRig(const std::string& name); // the rig's directory: PRINT_RIG_WORK_DIR/name
    ~PrintRig();
    PrintRig(const PrintRig&) = delete;
    PrintRig& operator=(const PrintRig&) = delete;

    bool started() const { return !m_server.empty(); }
    const std::string& start_output() const { return m_output; }
    const std::string& server() const { return m_server; } // "localhost:PORT" (CUPS_SERVER)
    // cupsd's spool (RequestRoot): c<job> control files, d<job>-<n> the documents.
    std::filesystem::path spool() const { return m_dir / "cups" / "spool"; }

    // `print-rig fault DIR QUEUE FAULT`; true when it succeeded (its output goes to the test log).
    bool fault(const std::string& queue, const std::string& fault);
    bool scheduler(const std::string& action); // kill-scheduler | restart-scheduler
    // The documents the queue's virtual printer printed.
    std::vector<std::filesystem::path> printed(const std::string& queue) const;

private:
    std::filesystem::path m_dir;
    std::string m_server;
    std::string m_output;
};

// The bytes of tests/fixtures/print/one-page.pdf.
std::vector<uint8_t> one_page_pdf();

} // namespace kiosk::drivers::testing
