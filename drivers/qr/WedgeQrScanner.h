#pragma once
// A QR scanner in keyboard-wedge mode (USB HID keyboard, the most common kind): it "types" each
// payload, a few milliseconds a key, then Enter. The kiosk's window receives those keys like any
// other, so the app feeds this driver its text-input and Enter events with their timestamps, and
// the driver tells a scanner's burst from a person typing (core/domain/WedgeBurst.h):
//   QrScanned      a burst of at least min_chars keys, each within max_gap_ms of the next and of Enter
//   QrRejected     a burst longer than max_bytes (a stuck key or a wrong scanner setting)
// What a person typed is not a code and goes nowhere (no field on screen takes text yet).
//
// There is no device to open or lose: the status is always Ready. Everything runs on the UI
// thread that feeds it; the sink is called from there.

#include "core/domain/WedgeBurst.h"
#include "drivers/common/EventSink.h"
#include "drivers/qr/QrScanner.h"

#include <cstdint>
#include <string_view>

namespace kiosk::drivers {

class WedgeQrScanner final : public QrScanner {
public:
    explicit WedgeQrScanner(domain::WedgeBurstOptions options = {});

    Result<void> start(Sink sink) override;
    void stop() override;
    domain::DeviceStatus status() const override;

    // The window's text input (SDL_TEXTINPUT: one key's UTF-8) and Enter, with their times in ms.
    void text(uint64_t at_ms, std::string_view text);
    void enter(uint64_t at_ms);

private:
    domain::WedgeBurst m_burst;
    domain::WedgeBurstOptions m_options;
    EventSink<QrEvent> m_sink; // attached: started
};

} // namespace kiosk::drivers
