#include "core/domain/CatalogItem.h"

namespace kiosk::domain {

namespace {

constexpr std::string_view kPackagePrefix = "package:";
constexpr std::string_view kMatterPrefix = "matter:";

} // namespace

std::string CatalogItem::key() const {
    return package ? std::string(kPackagePrefix) + package->id : std::string(kMatterPrefix) + matter->id;
}

const LocalizedText& CatalogItem::name() const {
    return package ? package->name : matter->name;
}

std::optional<CatalogItem> resolve_item(const Catalog& catalog, std::string_view key) {
    CatalogItem item;
    if (key.starts_with(kPackagePrefix)) {
        item.package = catalog.find_package(key.substr(kPackagePrefix.size()));
        if (!item.package)
            return std::nullopt;
        item.checklist = catalog.checklist_for_package(*item.package);
    } else if (key.starts_with(kMatterPrefix)) {
        item.matter = catalog.find_matter(key.substr(kMatterPrefix.size()));
        if (!item.matter)
            return std::nullopt;
        item.checklist = catalog.checklist_for_matter(*item.matter);
    } else {
        return std::nullopt;
    }
    return item;
}

} // namespace kiosk::domain
