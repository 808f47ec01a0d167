#include "core/store/UtcTimestamp.h"

#include <ctime>

namespace kiosk::store {

std::string utc_timestamp(WallTime time) {
    // Floor to whole seconds, so a time just before the epoch does not round up into it.
    auto seconds = std::chrono::floor<std::chrono::seconds>(time.time_since_epoch()).count();
    std::time_t whole = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&whole, &tm);
    char text[32];
    size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return std::string(text, length);
}

} // namespace kiosk::store
