#pragma once
// The data a print template is filled with, built from what the kiosk knows (catalog, config, the
// clock), so the documents on paper say exactly what the screen says. Field names follow
// data/templates/README.md and the samples in data/templates/samples/.

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/domain/Catalog.h"
#include "core/domain/Identity.h"

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace kiosk::services {

// "2026-11-25T09:30:00" in the kiosk's local time (the hall's clock), for templates' date filters.
std::string local_timestamp(WallTime at);

// The checklist printout (template "checklist") of a package, or of a single matter when package is
// null. Chinese, as published; English names where the catalog has them.
nlohmann::json checklist_document(const domain::Catalog& catalog, const domain::Package* package,
                                  const domain::Matter* matter, const HallOptions& hall, WallTime now);

// What the acceptance receipt says about one application just sealed (template "receipt").
struct ReceiptFacts {
    std::string application_number; // the hub's; empty while the application is queued
    std::string state;              // in words, the citizen's language: delivered, or queued
    std::string number_pending;     // shown instead of the number while queued
    std::string query_token;        // the QR code
    WallTime submitted_at{};
    std::map<std::string, int> pages; // material id -> pages scanned
};

// The acceptance receipt of a package, or of a single matter when package is null. Personal data:
// the applicant's name and ID number (the template masks the number).
nlohmann::json receipt_document(const domain::Catalog& catalog, const domain::Package* package,
                                const domain::Matter* matter, const domain::Identity& applicant,
                                const KioskOptions& options, const ReceiptFacts& facts);

} // namespace kiosk::services
