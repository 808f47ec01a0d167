#pragma once
// The health check's "the matters it offered before still offered or deliberately removed" (issue 15,
// docs/ConfigBundles.md §9 "The health check"): after a switch to a new content, every matter the
// kiosk offered before must still be in the catalog or be named in the content's removed_matters.
// What "before" is comes from the config slots (services/slots/SlotState.h offered_before). Pure.

#include "core/domain/Catalog.h"

#include <string>
#include <vector>

namespace kiosk::content {

// The ids of the matters a catalog offers (every matter of it: a citizen may apply for each one on its
// own), in the catalog's order.
std::vector<std::string> offered_matters(const domain::Catalog& catalog);

// The ids of offered_before that are neither in offered_now nor in removed, in offered_before's order.
std::vector<std::string> missing_matters(const std::vector<std::string>& offered_before,
                                         const std::vector<std::string>& offered_now,
                                         const std::vector<std::string>& removed);

// The health check's reason for them: "" when none is missing, else "matters no longer offered: a, b" —
// the first ones, then "and N more", so that it stays one short line in the slots' history.
std::string missing_matters_reason(const std::vector<std::string>& missing);

} // namespace kiosk::content
