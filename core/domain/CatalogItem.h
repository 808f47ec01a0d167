#pragma once
// What a citizen applies for: a one-thing package or a single matter, resolved from the catalog once
// (a scene argument or a draft names it by key, "package:newborn" or "matter:passport_renewal") and
// carried as this, with its merged checklist, from then on.

#include "core/domain/Catalog.h"

#include <optional>
#include <string>
#include <string_view>

namespace kiosk::domain {

struct CatalogItem {
    const Package* package = nullptr; // set for a package; then `matter` is null
    const Matter* matter = nullptr;   // set for a single matter
    Checklist checklist;              // every material and field once, with its matters

    std::string key() const; // "package:<id>" or "matter:<id>"
    const LocalizedText& name() const;
};

// The item a key names; nothing for an unknown id or a malformed key (the catalog changed under a
// scene or a draft).
std::optional<CatalogItem> resolve_item(const Catalog& catalog, std::string_view key);

} // namespace kiosk::domain
