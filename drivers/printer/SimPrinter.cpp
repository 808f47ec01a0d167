#include "drivers/printer/SimPrinter.h"

#include <algorithm>

namespace kiosk::drivers {

using domain::DeviceState;
using domain::FixedBy;

SimPrinter::SimPrinter(domain::DeviceKind role, int sheets_capacity)
    : m_core(role, role == domain::DeviceKind::ReceiptPrinter ? "sim-receipt" : "sim-a4"),
      m_capacity(sheets_capacity), m_sheets(sheets_capacity) {
    m_core.set_consumable("paper", 100);
}

SimPrinter::~SimPrinter() {
    stop();
}

Result<void> SimPrinter::start(Sink sink) {
    m_core.start(std::move(sink));
    return {};
}

void SimPrinter::stop() {
    m_core.stop();
}

Result<int> SimPrinter::submit(PrintJob job) {
    if (job.pdf.empty())
        return make_error(ErrorCode::InvalidArgument, "print job '" + job.title + "' has no document");
    auto state = m_core.status().state;
    if (state == DeviceState::Absent)
        return make_error(ErrorCode::Device, "printer is not connected");
    int id;
    {
        std::lock_guard lock(m_id_mutex);
        id = m_next_job_id++;
    }
    m_core.worker().post_after(std::chrono::milliseconds(300), [this, id] {
        m_waiting.push_back(id);
        pump();
    });
    return id;
}

void SimPrinter::pump() {
    while (!m_waiting.empty() && m_sheets > 0 && !m_jammed) {
        int id = m_waiting.front();
        m_waiting.pop_front();
        if (m_jam_armed) {
            m_jam_armed = false;
            m_jammed = true;
            --m_sheets; // the sheet is stuck in the printer
            m_core.set_status(DeviceState::Fault, FixedBy::HallStaff, "media-jam");
            m_core.emit(PrintFailed{id, Error{ErrorCode::Device, "media-jam"}, "media-jam"});
            return;
        }
        --m_sheets;
        ++m_printed;
        report_paper_level();
        m_core.emit(PrintFinished{id});
    }
    if (m_sheets == 0)
        m_core.set_status(DeviceState::Fault, FixedBy::HallStaff, "media-empty");
}

void SimPrinter::report_paper_level() {
    m_core.set_consumable("paper", m_capacity > 0 ? m_sheets * 100 / m_capacity : 0);
    m_core.emit(m_core.status());
}

void SimPrinter::set_paper(int sheets) {
    m_core.worker().post([this, sheets] {
        m_sheets = std::clamp(sheets, 0, m_capacity);
        report_paper_level();
        if (m_sheets == 0) {
            m_core.set_status(DeviceState::Fault, FixedBy::HallStaff, "media-empty");
            return;
        }
        if (!m_jammed)
            m_core.set_status(DeviceState::Ready);
        pump();
    });
}

void SimPrinter::jam() {
    m_core.worker().post([this] { m_jam_armed = true; });
}

void SimPrinter::clear_jam() {
    m_core.worker().post([this] {
        if (!m_jammed)
            return;
        m_jammed = false;
        if (m_sheets > 0)
            m_core.set_status(DeviceState::Ready);
        pump();
    });
}

int SimPrinter::printed_count() const {
    return m_printed;
}

} // namespace kiosk::drivers
