#include "services/DeviceJournal.h"

namespace kiosk::services {

using domain::DeviceKind;

namespace {

constexpr DeviceKind kKinds[] = {DeviceKind::IdCardReader, DeviceKind::Scanner, DeviceKind::QrScanner,
                                 DeviceKind::ReceiptPrinter, DeviceKind::A4Printer};

} // namespace

std::string DeviceJournal::uses_counter(DeviceKind kind) {
    return std::string("device.") + domain::to_string(kind) + ".uses";
}

void DeviceJournal::restore(const std::vector<store::StoredDeviceHistory>& kept) {
    std::lock_guard lock(m_mutex);
    for (const auto& history : kept) {
        for (DeviceKind kind : kKinds) {
            if (history.device != domain::to_string(kind))
                continue;
            Entry& entry = m_entries[index(kind)];
            if (history.last_fault_at && !entry.last_fault_at) {
                entry.last_fault_at = history.last_fault_at;
                entry.last_fault_reason = history.last_fault_reason;
            }
            if (history.last_success_at && !entry.last_success_at)
                entry.last_success_at = history.last_success_at;
        }
    }
}

void DeviceJournal::kept_changed(DeviceKind kind) {
    if (!m_keep)
        return;
    store::StoredDeviceHistory history;
    {
        std::lock_guard lock(m_mutex);
        const Entry& entry = m_entries[index(kind)];
        history = {domain::to_string(kind), entry.last_fault_at, entry.last_fault_reason,
                   entry.last_success_at};
    }
    m_keep(history);
}

void DeviceJournal::succeeded(DeviceKind kind) {
    {
        std::lock_guard lock(m_mutex);
        m_entries[index(kind)].last_success_at = m_clock.wall_now();
    }
    kept_changed(kind);
    if (m_count)
        m_count(uses_counter(kind));
}

void DeviceJournal::faulted(DeviceKind kind, const std::string& reason) {
    {
        std::lock_guard lock(m_mutex);
        m_entries[index(kind)].last_fault_at = m_clock.wall_now();
        m_entries[index(kind)].last_fault_reason = reason;
    }
    kept_changed(kind);
}

void DeviceJournal::observe(const AppEvent& event) {
    if (const auto* changed = std::get_if<DeviceStatusChanged>(&event)) {
        const auto& status = changed->status;
        bool fault = status.state == domain::DeviceState::Fault;
        size_t at = index(status.kind);
        if (fault && (!m_faulted[at] || entry(status.kind).last_fault_reason != status.reason))
            faulted(status.kind, status.reason);
        m_faulted[at] = fault;
    } else if (const auto* printed = std::get_if<PrintCompleted>(&event)) {
        succeeded(printed->printer);
    } else if (const auto* failed = std::get_if<PrintFailed>(&event)) {
        // A job the printer stopped is a fault of the printer's, even when its status did not change.
        if (!failed->reason.empty())
            faulted(failed->printer, failed->reason);
    } else if (std::holds_alternative<ScanCompleted>(event)) {
        succeeded(DeviceKind::Scanner);
    } else if (std::holds_alternative<CardRead>(event)) {
        succeeded(DeviceKind::IdCardReader);
    } else if (std::holds_alternative<QrScanned>(event)) {
        succeeded(DeviceKind::QrScanner);
    }
}

} // namespace kiosk::services
