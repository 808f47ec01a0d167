#include "drivers/scanner/SimScanner.h"

namespace kiosk::drivers {

using domain::DeviceKind;
using domain::DeviceState;
using domain::FixedBy;

SimScanner::SimScanner() : m_core(DeviceKind::Scanner, "sim-scanner") {}

SimScanner::~SimScanner() {
    stop();
}

Result<void> SimScanner::start(Sink sink) {
    m_core.start(std::move(sink));
    return {};
}

void SimScanner::stop() {
    m_core.stop();
    // The scan's remaining steps were dropped: end it, or the next start() finds a scanner busy forever.
    if (m_scanning.exchange(false)) {
        ++m_scan_id;
        m_core.change_status_from(DeviceState::Busy, DeviceState::Ready);
    }
}

Result<void> SimScanner::scan(const ScanRequest& request) {
    if (!m_core.status().usable())
        return make_error(ErrorCode::Device, "scanner is not ready (" + m_core.status().reason + ")");
    if (m_scanning.exchange(true))
        return make_error(ErrorCode::Busy, "a scan is already running");
    m_cancelled = false;
    int scan_id = ++m_scan_id;
    m_core.set_status(DeviceState::Busy);
    for (int step = 1; step <= 4; ++step) {
        m_core.worker().post_after(std::chrono::milliseconds(150 * step), [this, step, request, scan_id] {
            if (scan_id != m_scan_id)
                return; // that scan was ended early by a fault
            if (auto status = m_core.status(); !status.usable()) {
                // A jam mid-scan ends the scan; the fault stays until clear_fault().
                ++m_scan_id;
                m_scanning = false;
                m_core.emit(ScanFailed{make_error(ErrorCode::Device, "scan stopped: " + status.reason)});
                return;
            }
            if (m_cancelled) {
                if (step == 4) {
                    m_scanning = false;
                    m_core.emit(ScanFailed{make_error(ErrorCode::Device, "scan cancelled")});
                    m_core.change_status_from(DeviceState::Busy, DeviceState::Ready);
                }
                return;
            }
            if (step < 4) {
                m_core.emit(ScanProgress{step * 25});
                return;
            }
            std::shared_ptr<const ScannedPage> glass;
            {
                std::lock_guard lock(m_glass_mutex);
                glass = m_glass;
            }
            ScannedPage page;
            if (glass) {
                page = *glass;
            } else {
                page.dpi = request.dpi;
                page.width = 210 * request.dpi * 10 / 254;
                page.height = 297 * request.dpi * 10 / 254;
                page.channels = request.color ? 3 : 1;
                page.pixels.assign(static_cast<size_t>(page.width) * page.height * page.channels, 0xF4);
            }
            m_scanning = false;
            m_core.emit(ScanFinished{std::move(page)});
            m_core.change_status_from(DeviceState::Busy, DeviceState::Ready);
        });
    }
    return {};
}

void SimScanner::cancel() {
    m_cancelled = true;
}

void SimScanner::jam() {
    m_core.set_status(DeviceState::Fault, FixedBy::HallStaff, "jammed");
}

void SimScanner::clear_fault() {
    m_core.set_status(DeviceState::Ready);
}

void SimScanner::place_document(std::shared_ptr<const ScannedPage> page) {
    std::lock_guard lock(m_glass_mutex);
    m_glass = std::move(page);
}

} // namespace kiosk::drivers
