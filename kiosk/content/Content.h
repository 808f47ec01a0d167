#pragma once
// The kiosk's content: the catalog, the translation table, the print templates and the part of the
// config a bundle may set (core/base/Config.h apply_remote_config). It comes from a content folder —
// the factory's (data/ in a development tree, read-only in the image) or an installed config
// bundle's slot — described by the folder's content.json:
//   {"format": 1, "catalog": "catalog/sample-catalog.json", "strings": "i18n/strings.json",
//    "templates": "templates", "config": "config/remote.json",          (config is optional)
//    "removed_matters": ["old_matter"]}                                  (optional)
// load_content() loads a folder exactly as the kiosk will use it and checks it against the factory
// content, the reference of what this build of the app needs (docs/ConfigBundles.md "Validation by
// loading"): a folder that loads here is one the kiosk can serve from.

#include "core/base/Config.h"
#include "core/base/Result.h"
#include "core/documents/TemplateSet.h"
#include "core/domain/Catalog.h"
#include "ui/toolkit/Translator.h"

#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::content {

// What a content folder's content.json says: where each part is, as absolute paths, and the matters
// it stops offering on purpose.
struct ContentPaths {
    std::string catalog, strings, templates;
    std::string config; // "" when the folder sets nothing of the config
    // Matter ids this content no longer offers on purpose (docs/ConfigBundles.md §9, "The health
    // check"): a kiosk that offered one of them before may stop. Ids it never offered are harmless.
    std::vector<std::string> removed_matters;
};

// Reads FOLDER/content.json. Every path must be relative and stay inside the folder; removed_matters,
// when present, is a list of distinct ids in the catalog's id syntax (at most kMaxRemovedMatters).
inline constexpr size_t kMaxRemovedMatters = 2000;
Result<ContentPaths> read_content_index(const std::filesystem::path& folder);

// What the factory content requires of any other: its string keys and template names.
struct Reference {
    std::vector<std::string> string_keys;
    std::vector<std::string> template_names;
};

struct Content {
    KioskOptions options; // the kiosk's own with the folder's config laid over; paths point into it
    domain::Catalog catalog;
    ui::Translator strings;
    print::TemplateSet templates;
    ContentPaths paths;
};

// How much load_content checks beyond loading: at start-up nothing more (the folder was checked when
// it was installed, and start-up time counts); before a bundle is installed, everything.
struct Checks {
    const Reference* reference = nullptr; // every string key and template name it lists must be there
    bool render_samples = false;          // each template rendered with templates/samples/NAME.json
};

// Loads the parts named by paths over the kiosk's own options, as the kiosk will use them: the config
// part, the strings (both languages), the catalog and the templates; then the checks asked for. A
// matter's certificate template is the hub's business (it renders certificates, with "certificate"
// standing in), not the kiosk's. A matter removed_matters names that the catalog still holds is a
// contradiction, refused. Every refusal names the file and what is wrong in it.
Result<Content> load_content(const KioskOptions& local, const ContentPaths& paths, const Checks& checks);

// The reference a loaded content sets for others (the factory's, normally).
Reference reference_of(const Content& content);

} // namespace kiosk::content
