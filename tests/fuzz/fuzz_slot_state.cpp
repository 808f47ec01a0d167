// libFuzzer target for what the config slots read back from disk (services/slots, docs/ConfigSlots.md
// §2–§3): state.json and a slot's completion marker, which a crash, a bad disk or a person may have
// left in any shape. Beyond "no crash, no sanitizer report": a refusal is a short InvalidData that never
// quotes the input's bytes, and what is accepted writes back to text that reads again to the same.

#include "services/slots/SlotFiles.h"
#include "services/slots/SlotState.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void require(bool condition) {
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto state = kiosk::slots::state_from_json(text);
    if (state.ok()) {
        auto written = kiosk::slots::state_to_json(state.value());
        auto again = kiosk::slots::state_from_json(written);
        require(again.ok() && kiosk::slots::state_to_json(again.value()) == written);
    } else {
        require(state.error().code == kiosk::ErrorCode::InvalidData);
        require(state.error().message.rfind("state.json: ", 0) == 0 && state.error().message.size() < 300);
    }
    auto marker = kiosk::slots::marker_from_json(text);
    if (marker.ok()) {
        auto written = kiosk::slots::marker_to_json(marker.value());
        auto again = kiosk::slots::marker_from_json(written);
        require(again.ok() && kiosk::slots::marker_to_json(again.value()) == written);
    } else {
        require(marker.error().code == kiosk::ErrorCode::InvalidData);
        require(marker.error().message.rfind("marker: ", 0) == 0 && marker.error().message.size() < 300);
    }
    return 0;
}
