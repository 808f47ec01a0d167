#pragma once
// Which content the kiosk serves from when it starts (docs/ConfigBundles.md "Start-up"): with config
// slots, the current slot, then the other slot when good, then the factory content — the first that
// loads (services/slots/ConfigSlots.h start_candidates). A slot that does not load is marked failed,
// with why, and passed over; so is a trial slot that has crash-looped. Without slots (a development
// tree, the tests), the factory content alone. A kiosk none of whose candidates loads does not serve:
// the caller shows the reason to staff.

#include "kiosk/content/Content.h"
#include "services/slots/ConfigSlots.h"

#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::content {

// The factory content as the config names it: its folder's content.json, or the three paths.
Result<ContentPaths> factory_paths(const KioskOptions& local);

struct Choice {
    Content content;
    slots::ActiveSlot slot = slots::ActiveSlot::Factory;
    bool on_trial = false;                // a newly installed bundle: its health check decides
    std::vector<std::string> passed_over; // each candidate that did not load, with why
};

Result<Choice> choose_content(const KioskOptions& local, slots::ConfigSlots* slots);

} // namespace kiosk::content
