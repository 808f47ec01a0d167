#pragma once
// The data a print template is filled with, built from what the kiosk knows (catalog, config, the
// clock), so the documents on paper say exactly what the screen says. Field names follow
// data/templates/README.md and the samples in data/templates/samples/.

#include "kiosk/base/Clock.h"
#include "kiosk/base/Config.h"
#include "kiosk/domain/Catalog.h"

#include <nlohmann/json.hpp>

namespace kiosk::services {

// "2026-11-25T09:30:00" in the kiosk's local time (the hall's clock), for templates' date filters.
std::string local_timestamp(WallTime at);

// The checklist printout (template "checklist") of a package, or of a single matter when package is
// null. Chinese, as published; English names where the catalog has them.
nlohmann::json checklist_document(const domain::Catalog& catalog, const domain::Package* package,
                                  const domain::Matter* matter, const HallOptions& hall, WallTime now);

} // namespace kiosk::services
