#pragma once
// Timestamps as the store keeps them: ISO 8601 in UTC with whole seconds ("2026-11-25T01:30:00Z").
// Text sorts in time order and reads the same on every kiosk, whatever its time zone.

#include "core/base/Clock.h"

#include <optional>
#include <string>
#include <string_view>

namespace kiosk::store {

std::string utc_timestamp(WallTime time);
// The inverse, for exactly that form; nothing for anything else (a row written by other software).
std::optional<WallTime> parse_utc_timestamp(std::string_view text);

} // namespace kiosk::store
