#pragma once
// A QR / barcode scanner (keyboard wedge, serial CDC, or decode of a scanned image). Its payloads
// are untrusted bytes: the driver refuses any longer than kMaxQrPayloadBytes; services parse the rest
// strictly.

#include "core/base/Result.h"
#include "core/domain/DeviceStatus.h"

#include <functional>
#include <string>
#include <variant>

namespace kiosk::drivers {

constexpr size_t kMaxQrPayloadBytes = 4096; // a QR code holds at most 2953 bytes; longer is not a code

struct QrScanned {
    std::string text; // raw payload, at most kMaxQrPayloadBytes
};
// A payload too long to be a code (a stuck wedge key, line noise): reported, never delivered cut off.
struct QrRejected {
    Error error; // says why and how long; never the payload itself
};
using QrEvent = std::variant<QrScanned, QrRejected, domain::DeviceStatus>;

class QrScanner {
public:
    using Sink = std::function<void(QrEvent)>;
    virtual ~QrScanner() = default;

    virtual Result<void> start(Sink sink) = 0;
    virtual void stop() = 0;
    virtual domain::DeviceStatus status() const = 0;
};

} // namespace kiosk::drivers
