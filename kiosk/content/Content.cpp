#include "kiosk/content/Content.h"

#include "core/base/JsonReader.h"
#include "core/documents/RenderPdf.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace kiosk::content {
namespace {

// A relative path that cannot leave the folder: no "..", no absolute path, nothing empty.
bool stays_inside(const std::string& relative) {
    if (relative.empty() || relative.front() == '/')
        return false;
    for (const auto& part : std::filesystem::path(relative))
        if (part == "..")
            return false;
    return true;
}

Result<nlohmann::json> read_json(const std::filesystem::path& path) {
    auto text = TRY(read_file(path.string()));
    return parse_json(text, path.string());
}

// The sample data a template is checked with: templates/samples/NAME.json, which every template has.
Result<nlohmann::json> sample_for(const std::string& templates, const std::string& name) {
    auto path = std::filesystem::path(templates) / "samples" / (name + ".json");
    std::error_code ignored;
    if (!std::filesystem::exists(path, ignored))
        return make_error(ErrorCode::InvalidData,
                          path.string() + ": missing (every template is checked with its sample data)");
    return read_json(path);
}

Error refused(const std::string& file, const std::string& what) {
    return make_error(ErrorCode::InvalidData, file + ": " + what);
}

// removed_matters: distinct matter ids in the catalog's syntax, a bounded list.
void check_removed_matters(JsonReader& reader, const std::vector<std::string>& removed) {
    if (removed.size() > kMaxRemovedMatters)
        return reader.fail("removed_matters", "more than 2000 ids");
    std::set<std::string_view> seen;
    for (size_t i = 0; i < removed.size(); ++i) {
        std::string where = "removed_matters[";
        where += std::to_string(i);
        where += "]";
        if (!domain::is_catalog_id(removed[i]))
            return reader.fail_at(where, "must be a matter id: 1-64 characters of a-z, 0-9, '_' or '-'");
        if (!seen.insert(removed[i]).second)
            return reader.fail_at(where, "'" + removed[i] + "' is named twice");
    }
}

} // namespace

Result<ContentPaths> read_content_index(const std::filesystem::path& folder) {
    auto index_path = folder / "content.json";
    auto json = TRY(read_json(index_path));
    if (!json.is_object())
        return refused(index_path.string(), "expected a JSON object");
    JsonReader reader(json, index_path.string(), "");
    int format = 0;
    ContentPaths relative;
    reader.optional("format", format, 1, 1);
    reader.required("catalog", relative.catalog);
    reader.required("strings", relative.strings);
    reader.required("templates", relative.templates);
    reader.optional("config", relative.config);
    reader.string_array("removed_matters", relative.removed_matters);
    if (reader.ok() && format != 1)
        reader.fail("format", "missing (1 is the only format)");
    for (auto [key, value] :
         {std::pair{"catalog", &relative.catalog}, std::pair{"strings", &relative.strings},
          std::pair{"templates", &relative.templates}, std::pair{"config", &relative.config}})
        if (reader.ok() && !(value->empty() && std::string_view(key) == "config") && !stays_inside(*value))
            reader.fail(key, "'" + *value + "' must be a relative path inside the folder");
    if (reader.ok())
        check_removed_matters(reader, relative.removed_matters);
    reader.finish();
    if (!reader.ok())
        return reader.error();
    auto absolute = [&](const std::string& path) { return path.empty() ? path : (folder / path).string(); };
    return ContentPaths{absolute(relative.catalog), absolute(relative.strings), absolute(relative.templates),
                        absolute(relative.config), std::move(relative.removed_matters)};
}

Result<Content> load_content(const KioskOptions& local, const ContentPaths& paths, const Checks& checks) {
    KioskOptions options = local;
    if (!paths.config.empty()) {
        auto text = TRY(read_file(paths.config));
        TRY(apply_remote_config(text, paths.config, options));
    }
    options.paths.catalog = paths.catalog;
    options.paths.strings = paths.strings;
    options.paths.templates = paths.templates;

    auto strings = TRY(ui::Translator::load(paths.strings));
    auto catalog = TRY(domain::load_catalog(paths.catalog));
    auto templates = TRY(print::TemplateSet::load(paths.templates));
    for (const auto& removed : paths.removed_matters)
        if (catalog.find_matter(removed)) {
            std::string what = "offers matter '";
            what += removed;
            what += "', which content.json lists in removed_matters (remove one or the other)";
            return refused(paths.catalog, what);
        }

    if (const auto* reference = checks.reference) {
        for (const auto& key : reference->string_keys)
            if (!strings.has(key))
                return refused(paths.strings, "'" + key + "' is missing (this kiosk's screens use it)");
        for (const auto& name : reference->template_names)
            if (!templates.find(name))
                return refused(paths.templates, "'" + name + ".json' is missing (this kiosk prints it)");
    }
    for (const auto& name : checks.render_samples ? templates.names() : std::vector<std::string>()) {
        auto data = TRY(sample_for(paths.templates, name));
        auto rendered = print::render_pdf(*templates.find(name), data);
        if (!rendered.ok()) {
            std::string file = (std::filesystem::path(paths.templates) / (name + ".json")).string();
            return refused(file, "does not render with its sample data: " + rendered.error().message);
        }
    }
    return Content{std::move(options), std::move(catalog), std::move(strings), std::move(templates), paths};
}

Reference reference_of(const Content& content) {
    return Reference{content.strings.keys(), content.templates.names()};
}

} // namespace kiosk::content
