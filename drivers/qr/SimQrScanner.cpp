#include "drivers/qr/SimQrScanner.h"

namespace kiosk::drivers {

using domain::DeviceKind;
using domain::DeviceState;
using domain::FixedBy;

SimQrScanner::SimQrScanner() : m_core(DeviceKind::QrScanner, "sim-qr") {}

SimQrScanner::~SimQrScanner() {
    stop();
}

Result<void> SimQrScanner::start(Sink sink) {
    m_core.start(std::move(sink));
    return {};
}

void SimQrScanner::stop() {
    m_core.stop();
}

void SimQrScanner::present(std::string payload) {
    m_core.worker().post_after(
        std::chrono::milliseconds(150), [this, payload = std::move(payload)]() mutable {
            if (!m_core.status().usable())
                return;
            if (payload.size() > kMaxQrPayloadBytes) {
                // A cut-off payload would be a different, wrong code: refuse it.
                m_core.emit(QrRejected{make_error(ErrorCode::InvalidData,
                                                  "QR payload of " + std::to_string(payload.size()) +
                                                      " bytes is longer than the " +
                                                      std::to_string(kMaxQrPayloadBytes) + "-byte limit")});
                return;
            }
            m_core.emit(QrScanned{std::move(payload)});
        });
}

void SimQrScanner::unplug() {
    m_core.set_status(DeviceState::Absent, FixedBy::Engineer, "unplugged");
}

void SimQrScanner::replug() {
    m_core.set_status(DeviceState::Ready);
}

} // namespace kiosk::drivers
