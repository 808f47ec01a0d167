#pragma once
// Timestamps as the store keeps them: ISO 8601 in UTC with whole seconds ("2026-11-25T01:30:00Z").
// Text sorts in time order and reads the same on every kiosk, whatever its time zone.

#include "core/base/Clock.h"

#include <string>

namespace kiosk::store {

std::string utc_timestamp(WallTime time);

} // namespace kiosk::store
