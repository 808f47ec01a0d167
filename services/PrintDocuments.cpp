#include "services/PrintDocuments.h"

#include <ctime>

namespace kiosk::services {

using nlohmann::json;

std::string local_timestamp(WallTime at) {
    std::time_t seconds = std::chrono::system_clock::to_time_t(at);
    std::tm local{};
    localtime_r(&seconds, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &local);
    return text;
}

namespace {

std::string department_name(const domain::Catalog& catalog, const std::string& id) {
    const auto* department = catalog.find_department(id);
    return department ? department->name.zh : id;
}

json material_json(const domain::ChecklistMaterial& material) {
    json names = json::array();
    for (const auto* matter : material.needed_by)
        names.push_back(matter->name.zh);
    return {{"name", material.kind->name.zh},
            {"copies", material.copies},
            {"original", material.original},
            {"required", material.required},
            {"condition", material.required || material.condition.zh.empty() ? "—" : material.condition.zh},
            {"needed_by", std::move(names)},
            {"remark", material.kind->note.zh.empty() ? "—" : material.kind->note.zh}};
}

} // namespace

json checklist_document(const domain::Catalog& catalog, const domain::Package* package,
                        const domain::Matter* matter, const HallOptions& hall, WallTime now) {
    domain::Checklist checklist =
        package ? catalog.checklist_for_package(*package) : catalog.checklist_for_matter(*matter);
    json document = {
        {"catalog_version", catalog.version()},
        {"printed_at", local_timestamp(now)},
        {"hall", {{"name", hall.name.zh}, {"phone", hall.phone}, {"address", hall.address.zh}}},
        {"promised_working_days", checklist.promised_working_days},
        {"fee_fen", checklist.fee_fen},
        {"site_inspection", checklist.site_inspection},
    };
    if (package)
        document["package"] = {{"id", package->id},
                               {"name", package->name.zh},
                               {"name_en", package->name.en},
                               {"description", package->description.zh}};
    else
        document["package"] = {
            {"id", matter->id}, {"name", matter->name.zh}, {"name_en", matter->name.en}, {"description", ""}};

    json departments = json::array();
    for (const auto* department : checklist.departments)
        departments.push_back(department->name.zh);
    document["departments"] = std::move(departments);

    json matters = json::array();
    json procedure = json::array();
    for (const auto* item : checklist.matters) {
        json materials = json::array();
        for (const auto& requirement : item->materials) {
            const auto* kind = catalog.find_material(requirement.material_id);
            materials.push_back(
                {{"name", kind ? kind->name.zh : requirement.material_id},
                 {"copies", requirement.copies},
                 {"original", requirement.original},
                 {"required", requirement.required},
                 {"condition", requirement.condition.zh.empty() ? "—" : requirement.condition.zh}});
        }
        json steps = json::array();
        for (const auto& step : item->steps) {
            steps.push_back(step.zh);
            procedure.push_back(checklist.matters.size() > 1 ? "【" + item->name.zh + "】" + step.zh
                                                             : step.zh);
        }
        matters.push_back({{"name", item->name.zh},
                           {"name_en", item->name.en},
                           {"department", department_name(catalog, item->department_id)},
                           {"promised_working_days", item->promised_working_days},
                           {"legal_working_days", item->legal_working_days},
                           {"fee_fen", item->fee_fen},
                           {"materials", std::move(materials)},
                           {"steps", std::move(steps)}});
    }
    document["matters"] = std::move(matters);
    document["procedure"] = std::move(procedure);

    json materials = json::array();
    for (const auto& material : checklist.materials)
        materials.push_back(material_json(material));
    document["materials"] = std::move(materials);
    return document;
}

json receipt_document(const domain::Catalog& catalog, const domain::Package* package,
                      const domain::Matter* matter, const domain::Identity& applicant,
                      const KioskOptions& options, const ReceiptFacts& facts) {
    domain::Checklist checklist =
        package ? catalog.checklist_for_package(*package) : catalog.checklist_for_matter(*matter);
    const HallOptions& hall = options.hall;
    json document = {
        {"hall",
         {{"name", hall.name.zh},
          {"name_en", hall.name.en},
          {"phone", hall.phone},
          {"address", hall.address.zh.empty() ? "—" : hall.address.zh},
          {"hours", "—"}}},
        {"kiosk_id", options.kiosk_id},
        {"application",
         {{"number", facts.application_number.empty() ? facts.number_pending : facts.application_number},
          {"submitted_at", local_timestamp(facts.submitted_at)},
          {"state", facts.state}}},
        {"applicant", {{"name", applicant.name}, {"id_number", applicant.id_number}}},
        {"package",
         {{"name", package ? package->name.zh : matter->name.zh},
          {"name_en", package ? package->name.en : matter->name.en}}},
        {"query", {{"token", facts.query_token}}},
    };
    json matters = json::array();
    for (const auto* item : checklist.matters)
        matters.push_back({{"name", item->name.zh},
                           {"department", department_name(catalog, item->department_id)},
                           {"promised_working_days", item->promised_working_days}});
    document["matters"] = std::move(matters);
    json materials = json::array();
    for (const auto& material : checklist.materials) {
        auto scanned = facts.pages.find(material.kind->id);
        if (scanned == facts.pages.end() || scanned->second <= 0)
            continue; // not handed in (optional, or read from the card)
        materials.push_back(
            {{"name", material.kind->name.zh}, {"copies", scanned->second}, {"original", material.original}});
    }
    document["materials"] = std::move(materials);
    return document;
}

} // namespace kiosk::services
