// The checklist of a package or a matter: every material and form field once, with the matters that
// need it (a package's matters ask for the same birth certificate; the citizen scans it once).

#include "core/domain/Catalog.h"

#include <algorithm>

namespace kiosk::domain {

namespace {

void merge_matter(const Catalog& catalog, const Matter& matter, Checklist& out) {
    out.matters.push_back(&matter);
    if (const auto* department = catalog.find_department(matter.department_id);
        department &&
        std::find(out.departments.begin(), out.departments.end(), department) == out.departments.end())
        out.departments.push_back(department);
    out.promised_working_days = std::max(out.promised_working_days, matter.promised_working_days);
    out.fee_fen += matter.fee_fen;
    out.site_inspection = out.site_inspection || matter.site_inspection;

    for (const auto& requirement : matter.materials) {
        const MaterialKind* kind = catalog.find_material(requirement.material_id);
        auto it = std::find_if(out.materials.begin(), out.materials.end(),
                               [&](const ChecklistMaterial& m) { return m.kind == kind; });
        if (it == out.materials.end()) {
            out.materials.push_back({kind,
                                     requirement.copies,
                                     requirement.original,
                                     requirement.required,
                                     requirement.condition,
                                     {&matter}});
            continue;
        }
        it->copies = std::max(it->copies, requirement.copies);
        it->original = it->original || requirement.original;
        if (requirement.required) {
            it->required = true;
            it->condition = {};
        }
        it->needed_by.push_back(&matter);
    }
    for (const auto& field : matter.fields) {
        auto it = std::find_if(out.fields.begin(), out.fields.end(),
                               [&](const ChecklistField& f) { return f.field->id == field.id; });
        if (it == out.fields.end())
            out.fields.push_back({&field, {&matter}});
        else
            it->needed_by.push_back(&matter);
    }
}

} // namespace

Checklist Catalog::checklist_for_package(const Package& package) const {
    Checklist checklist;
    for (const auto& id : package.matter_ids)
        if (const auto* matter = find_matter(id))
            merge_matter(*this, *matter, checklist);
    return checklist;
}

Checklist Catalog::checklist_for_matter(const Matter& matter) const {
    Checklist checklist;
    merge_matter(*this, matter, checklist);
    return checklist;
}

} // namespace kiosk::domain
