#pragma once
// In-process simulated QR scanner: "scans" whatever payload it is given, capped like a real one.

#include "drivers/common/SimCore.h"
#include "drivers/qr/QrScanner.h"

namespace kiosk::drivers {

class SimQrScanner final : public QrScanner {
public:
    SimQrScanner();
    ~SimQrScanner() override;

    Result<void> start(Sink sink) override;
    void stop() override;
    domain::DeviceStatus status() const override { return m_core.status(); }

    void present(std::string payload);
    void unplug();
    void replug();

private:
    SimCore<QrEvent> m_core;
};

} // namespace kiosk::drivers
