#pragma once
// The templates of a folder (data/templates, or the templates of an applied config bundle), by name:
// "receipt" is receipt.json. One bad template fails the whole set, so a bundle is refused whole.

#include "core/base/Result.h"
#include "core/documents/Template.h"

#include <map>
#include <string>
#include <vector>

namespace kiosk::print {

class TemplateSet {
public:
    // Every *.json directly in the folder (README.md and the samples/ folder are not templates).
    static Result<TemplateSet> load(const std::string& directory);

    const Template* find(const std::string& name) const;
    std::vector<std::string> names() const; // sorted

private:
    std::map<std::string, Template> m_templates;
};

} // namespace kiosk::print
