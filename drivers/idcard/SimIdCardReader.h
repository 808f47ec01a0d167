#pragma once
// In-process simulated reader for the demo and scene tests: a card is "placed" on command and read
// after a realistic delay; the same placement is read once.

#include "drivers/common/SimCore.h"
#include "drivers/idcard/IdCardReader.h"

#include <optional>

namespace kiosk::drivers {

class SimIdCardReader final : public IdCardReader {
public:
    SimIdCardReader();
    ~SimIdCardReader() override;

    Result<void> start(Sink sink) override;
    void stop() override;
    domain::DeviceStatus status() const override { return m_core.status(); }

    void place_card(domain::Identity identity);
    void remove_card();
    void fail_next_read(Error error);
    void unplug();
    void replug();

    // Sample cardholders for the demo (fictional people with valid ID numbers).
    static domain::Identity sample_identity(int index);

private:
    SimCore<IdCardEvent> m_core;
    bool m_card_present = false; // touched only on the worker thread
    std::optional<Error> m_next_failure;
};

} // namespace kiosk::drivers
