#include "services/DeviceJournal.h"

namespace kiosk::services {

using domain::DeviceKind;

std::string DeviceJournal::uses_counter(DeviceKind kind) {
    return std::string("device.") + domain::to_string(kind) + ".uses";
}

void DeviceJournal::succeeded(DeviceKind kind) {
    m_entries[index(kind)].last_success_at = m_clock.wall_now();
    if (m_count)
        m_count(uses_counter(kind));
}

void DeviceJournal::observe(const AppEvent& event) {
    if (const auto* changed = std::get_if<DeviceStatusChanged>(&event)) {
        const auto& status = changed->status;
        bool fault = status.state == domain::DeviceState::Fault;
        size_t at = index(status.kind);
        if (fault && (!m_faulted[at] || m_entries[at].last_fault_reason != status.reason)) {
            m_entries[at].last_fault_at = m_clock.wall_now();
            m_entries[at].last_fault_reason = status.reason;
        }
        m_faulted[at] = fault;
    } else if (const auto* printed = std::get_if<PrintCompleted>(&event)) {
        succeeded(printed->printer);
    } else if (const auto* failed = std::get_if<PrintFailed>(&event)) {
        // A job the printer stopped is a fault of the printer's, even when its status did not change.
        if (!failed->reason.empty()) {
            m_entries[index(failed->printer)].last_fault_at = m_clock.wall_now();
            m_entries[index(failed->printer)].last_fault_reason = failed->reason;
        }
    } else if (std::holds_alternative<ScanCompleted>(event)) {
        succeeded(DeviceKind::Scanner);
    } else if (std::holds_alternative<CardRead>(event)) {
        succeeded(DeviceKind::IdCardReader);
    } else if (std::holds_alternative<QrScanned>(event)) {
        succeeded(DeviceKind::QrScanner);
    }
}

} // namespace kiosk::services
