#include "core/documents/TemplateSet.h"

#include <filesystem>
#include <system_error>

namespace kiosk::print {

Result<TemplateSet> TemplateSet::load(const std::string& directory) {
    namespace fs = std::filesystem;
    std::error_code error;
    fs::directory_iterator entries(directory, error);
    if (error)
        return make_error(ErrorCode::NotFound, directory + ": cannot list templates: " + error.message());
    std::vector<fs::path> files;
    for (const auto& entry : entries)
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back(entry.path());
    if (files.empty())
        return make_error(ErrorCode::NotFound, directory + ": no templates (*.json)");
    TemplateSet out;
    for (const auto& file : files) {
        auto loaded = TRY(Template::load(file.string()));
        out.m_templates.emplace(loaded.name(), std::move(loaded));
    }
    return out;
}

const Template* TemplateSet::find(const std::string& name) const {
    auto it = m_templates.find(name);
    return it == m_templates.end() ? nullptr : &it->second;
}

std::vector<std::string> TemplateSet::names() const {
    std::vector<std::string> out;
    for (const auto& [name, unused] : m_templates)
        out.push_back(name);
    return out;
}

} // namespace kiosk::print
