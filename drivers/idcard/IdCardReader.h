#pragma once
// An ID-card reader (GA/T 467 "SAM" reader): reports a card placed (with the identity read once per
// placement), a card removed, read failures and its status. All callbacks run on the reader's own
// thread; the services layer forwards them to the UI thread's queue.

#include "core/base/Result.h"
#include "core/domain/DeviceStatus.h"
#include "core/domain/Identity.h"

#include <functional>
#include <variant>

namespace kiosk::drivers {

struct CardPlaced {
    domain::Identity identity;
};
struct CardRemoved {};
struct CardReadFailed {
    Error error; // e.g. "read failed (SW3 0x41)"; never contains card data
};
using IdCardEvent = std::variant<CardPlaced, CardRemoved, CardReadFailed, domain::DeviceStatus>;

class IdCardReader {
public:
    using Sink = std::function<void(IdCardEvent)>;
    virtual ~IdCardReader() = default;

    // Starts polling on the reader's thread. The sink receives the initial status first.
    virtual Result<void> start(Sink sink) = 0;
    // Stops polling; no sink call happens after stop() returns.
    virtual void stop() = 0;
    virtual domain::DeviceStatus status() const = 0;
};

} // namespace kiosk::drivers
