#include "services/DeviceHub.h"

#include "core/base/Log.h"

#include <utility>

namespace kiosk::services {

using domain::DeviceKind;
using domain::DeviceState;
using domain::DeviceStatus;

namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>; // GCC deduces it from the aggregate; clang 14 needs the guide

DeviceStatus start_failure(DeviceKind kind, const Error& error) {
    DeviceStatus status;
    status.kind = kind;
    status.state = DeviceState::Fault;
    status.fixed_by = domain::FixedBy::Engineer;
    status.reason = error.message;
    return status;
}

} // namespace

DeviceHub::DeviceHub(DeviceSet devices, AppEventQueue& queue) : m_devices(devices), m_queue(queue) {
    for (size_t i = 0; i < m_statuses.size(); ++i) {
        m_statuses[i].kind = static_cast<DeviceKind>(i);
        m_statuses[i].state = DeviceState::Absent;
        m_statuses[i].reason = "not configured";
    }
    m_effective = m_statuses;
}

DeviceHub::~DeviceHub() {
    stop();
}

void DeviceHub::start() {
    auto report = [this](DeviceKind kind, Result<void> started) {
        if (!started.ok()) {
            log::error("{} failed to start: {}", domain::to_string(kind), started.error().describe());
            m_queue.post(DeviceStatusChanged{start_failure(kind, started.error())});
        }
    };
    if (m_devices.idcard) {
        report(DeviceKind::IdCardReader, m_devices.idcard->start([this](drivers::IdCardEvent event) {
            std::visit(
                Overloaded{
                    [this](drivers::CardPlaced& e) { m_queue.post(CardRead{std::move(e.identity)}); },
                    [this](drivers::CardRemoved&) { m_queue.post(CardRemoved{}); },
                    [this](drivers::CardReadFailed& e) { m_queue.post(CardReadFailed{std::move(e.error)}); },
                    [this](DeviceStatus& s) { m_queue.post(DeviceStatusChanged{std::move(s)}); },
                },
                event);
        }));
    }
    if (m_devices.scanner) {
        report(DeviceKind::Scanner, m_devices.scanner->start([this](drivers::ScannerEvent event) {
            std::visit(Overloaded{
                           [this](drivers::ScanProgress& e) { m_queue.post(ScanProgressed{e.percent}); },
                           [this](drivers::ScanFinished& e) { deliver_page(std::move(e.page)); },
                           [this](drivers::ScanFailed& e) {
                               take_page_sink();
                               m_queue.post(ScanFailed{std::move(e.error)});
                           },
                           [this](DeviceStatus& s) { m_queue.post(DeviceStatusChanged{std::move(s)}); },
                       },
                       event);
        }));
    }
    if (m_devices.qr) {
        report(DeviceKind::QrScanner, m_devices.qr->start([this](drivers::QrEvent event) {
            std::visit(Overloaded{
                           [this](drivers::QrScanned& e) { m_queue.post(QrScanned{std::move(e.text)}); },
                           [this](drivers::QrRejected& e) { m_queue.post(QrRejected{std::move(e.error)}); },
                           [this](DeviceStatus& s) { m_queue.post(DeviceStatusChanged{std::move(s)}); },
                       },
                       event);
        }));
    }
    auto start_printer = [this, &report](drivers::Printer* printer, DeviceKind kind) {
        if (!printer)
            return;
        report(kind, printer->start([this, kind](drivers::PrinterEvent event) {
            std::visit(Overloaded{
                           [this, kind](drivers::PrintFinished& e) {
                               m_queue.post(PrintCompleted{kind, e.job_id});
                           },
                           [this, kind](drivers::PrintFailed& e) {
                               m_queue.post(PrintFailed{kind, e.job_id, std::move(e.error),
                                                        std::move(e.reason), e.uncertain});
                           },
                           [this](DeviceStatus& s) { m_queue.post(DeviceStatusChanged{std::move(s)}); },
                       },
                       event);
        }));
    };
    start_printer(m_devices.receipt_printer, DeviceKind::ReceiptPrinter);
    start_printer(m_devices.a4_printer, DeviceKind::A4Printer);
}

void DeviceHub::stop() {
    if (m_devices.idcard)
        m_devices.idcard->stop();
    if (m_devices.scanner)
        m_devices.scanner->stop();
    take_page_sink(); // a scan cut short by the stop hands nothing over
    if (m_devices.qr)
        m_devices.qr->stop();
    if (m_devices.receipt_printer)
        m_devices.receipt_printer->stop();
    if (m_devices.a4_printer)
        m_devices.a4_printer->stop();
}

void DeviceHub::note(const DeviceStatus& status) {
    auto& slot = m_statuses[static_cast<size_t>(status.kind)];
    if (slot.state != status.state || slot.reason != status.reason) {
        log::info("device {}: {} {}", domain::to_string(status.kind), domain::to_string(status.state),
                  status.reason);
    }
    slot = status;
    refresh(status.kind);
}

void DeviceHub::refresh(DeviceKind kind) {
    auto at = static_cast<size_t>(kind);
    m_effective[at] = m_statuses[at];
    if (!m_withdrawn[at].empty() && m_statuses[at].usable()) {
        m_effective[at].state = domain::DeviceState::Fault;
        m_effective[at].fixed_by = domain::FixedBy::HallStaff;
        m_effective[at].reason = m_withdrawn[at];
    }
}

bool DeviceHub::set_withdrawn(DeviceKind kind, std::string reason) {
    auto at = static_cast<size_t>(kind);
    if (m_withdrawn[at] == reason)
        return false;
    DeviceStatus before = m_effective[at];
    if (reason.empty())
        log::info("device {}: offered again", domain::to_string(kind));
    else
        log::warn("device {}: withdrawn: {}", domain::to_string(kind), reason);
    m_withdrawn[at] = std::move(reason);
    refresh(kind);
    return !(before == m_effective[at]);
}

const DeviceStatus& DeviceHub::status(DeviceKind kind) const {
    return m_effective[static_cast<size_t>(kind)];
}

const DeviceStatus& DeviceHub::reported(DeviceKind kind) const {
    return m_statuses[static_cast<size_t>(kind)];
}

Result<void> DeviceHub::scan(const drivers::ScanRequest& request, PageSink sink) {
    if (!m_devices.scanner)
        return make_error(ErrorCode::Unsupported, "this kiosk has no scanner");
    // One scan at a time has a sink: a second one while the first runs would race it for the page.
    // Set before the scan starts: a fast scanner may finish before scan() returns.
    {
        std::lock_guard lock(m_sink_mutex);
        if (m_page_sink)
            return make_error(ErrorCode::Busy, "a scan is in progress");
        m_page_sink = std::move(sink);
    }
    auto started = m_devices.scanner->scan(request);
    if (!started.ok())
        take_page_sink(); // refused: nothing will come for it
    return started;
}

DeviceHub::PageSink DeviceHub::take_page_sink() {
    std::lock_guard lock(m_sink_mutex);
    return std::exchange(m_page_sink, nullptr);
}

void DeviceHub::deliver_page(drivers::ScannedPage page) {
    if (auto sink = take_page_sink())
        sink(std::move(page));
    else
        log::warn("scanner: a page nobody asked for was dropped");
    m_queue.post(ScanCompleted{});
}

Result<int> DeviceHub::print(DeviceKind printer, drivers::PrintJob job) {
    auto* target = printer == DeviceKind::A4Printer ? m_devices.a4_printer : m_devices.receipt_printer;
    if (!target)
        return make_error(ErrorCode::Unsupported, "this kiosk has no such printer");
    return target->submit(std::move(job));
}

} // namespace kiosk::services
