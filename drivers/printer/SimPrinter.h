#pragma once
// In-process simulated printer: jobs finish after a short delay and use paper; paper can run out
// (job waits, status fault for hall staff) and be refilled (waiting jobs complete), and a job can
// jam (it fails; the printer waits for hall staff).

#include "drivers/common/SimCore.h"
#include "drivers/printer/Printer.h"

#include <deque>

namespace kiosk::drivers {

class SimPrinter final : public Printer {
public:
    SimPrinter(domain::DeviceKind role, int sheets_capacity);
    ~SimPrinter() override;

    Result<void> start(Sink sink) override;
    void stop() override;
    Result<int> submit(PrintJob job) override;
    domain::DeviceStatus status() const override { return m_core.status(); }

    void set_paper(int sheets); // 0 = paper out
    // The next job to print jams: it fails with "media-jam" and the printer stays faulted (hall
    // staff) until clear_jam(); jobs behind it wait.
    void jam();
    void clear_jam();
    int printed_count() const;

private:
    void pump();               // worker thread: prints what it can
    void report_paper_level(); // worker thread

    SimCore<PrinterEvent> m_core;
    int m_capacity;
    // Touched only on the worker thread, apart from the atomic counters.
    int m_sheets;
    bool m_jam_armed = false, m_jammed = false;
    int m_next_job_id = 1;
    std::deque<int> m_waiting;
    std::atomic<int> m_printed{0};
    std::mutex m_id_mutex;
};

} // namespace kiosk::drivers
