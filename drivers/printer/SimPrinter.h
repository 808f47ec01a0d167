#pragma once
// In-process simulated printer: jobs finish after a short delay and use paper; paper can run out
// (job waits, status fault for hall staff) and be refilled (waiting jobs complete).

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
    int printed_count() const;

private:
    void pump();               // worker thread: prints what it can
    void report_paper_level(); // worker thread

    SimCore<PrinterEvent> m_core;
    int m_capacity;
    // Touched only on the worker thread, apart from the atomic counters.
    int m_sheets;
    int m_next_job_id = 1;
    std::deque<int> m_waiting;
    std::atomic<int> m_printed{0};
    std::mutex m_id_mutex;
};

} // namespace kiosk::drivers
