#include "drivers/qr/WedgeQrScanner.h"

#include "core/base/Log.h"

namespace kiosk::drivers {

WedgeQrScanner::WedgeQrScanner(domain::WedgeBurstOptions options) : m_burst(options), m_options(options) {}

Result<void> WedgeQrScanner::start(Sink sink) {
    m_sink.attach(std::move(sink));
    m_burst.clear();
    m_sink.emit(status());
    return {};
}

void WedgeQrScanner::stop() {
    m_sink.detach();
    m_burst.clear();
}

domain::DeviceStatus WedgeQrScanner::status() const {
    domain::DeviceStatus status;
    status.kind = domain::DeviceKind::QrScanner;
    status.state = domain::DeviceState::Ready;
    return status;
}

void WedgeQrScanner::text(uint64_t at_ms, std::string_view text) {
    if (m_sink.attached())
        m_burst.text(at_ms, text);
}

void WedgeQrScanner::enter(uint64_t at_ms) {
    if (!m_sink.attached())
        return;
    domain::WedgeLine line = m_burst.enter(at_ms);
    // Sizes only: a payload or a typed line may be personal data.
    if (line.rejected) {
        log::warn("wedge QR: burst longer than {} bytes refused", m_options.max_bytes);
        m_sink.emit(QrRejected{
            make_error(ErrorCode::InvalidData,
                       "scanner burst longer than " + std::to_string(m_options.max_bytes) + " bytes")});
        return;
    }
    if (!line.typed.empty())
        log::info("wedge QR: {} typed bytes ignored (not a scanner's burst)", line.typed.size());
    if (line.scanned.empty())
        return;
    log::info("wedge QR: scan of {} bytes", line.scanned.size());
    m_sink.emit(QrScanned{std::move(line.scanned)});
}

} // namespace kiosk::drivers
