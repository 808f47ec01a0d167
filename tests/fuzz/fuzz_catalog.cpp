// libFuzzer target for the service catalog (core/domain/Catalog.h), which arrives in config bundles:
// any bytes go through parse_catalog, and an accepted catalog is then used the way the screens use it —
// every package's and matter's checklist, the item keys scenes and drafts carry, the form rules over an
// empty form, and each material's evidence check against a fixed page of text. Beyond "no crash, no
// sanitizer report", it checks what those screens rely on: every reference the parser let through
// resolves, a checklist lists each material and field once with the matters needing it, and sums stay
// within the catalog's own bounds.

#include "core/domain/Catalog.h"
#include "core/domain/CatalogItem.h"
#include "core/domain/FormRules.h"
#include "core/domain/MaterialMatch.h"

#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>
#include <string>

using namespace kiosk::domain;

namespace {

constexpr CivilDate kToday{2026, 1, 15};

// A page as OCR reads it: labels, an ID number, a USCC and a date for the evidence checks to find.
const std::string kPage = "营业执照\n统一社会信用代码 91350100M000100Y43\n名称 示例科技有限公司\n"
                          "住所:福州市鼓楼区示例路1号\n公民身份号码 11010519491231002X\n"
                          "成立日期 2020年03月15日\nBirth certificate 出生医学证明";

void require(bool condition) {
    if (!condition)
        std::abort();
}

void check_checklist(const Catalog& catalog, const Checklist& checklist) {
    require(!checklist.matters.empty());
    require(checklist.fee_fen >= 0 && checklist.promised_working_days >= 0);
    std::set<const MaterialKind*> kinds;
    for (const auto& material : checklist.materials) {
        require(material.kind && catalog.find_material(material.kind->id) == material.kind);
        require(kinds.insert(material.kind).second);
        require(material.copies >= 1 && !material.needed_by.empty());
    }
    std::set<std::string> fields;
    for (const auto& field : checklist.fields) {
        require(field.field && fields.insert(field.field->id).second && !field.needed_by.empty());
        (void)check_field(*field.field, "");
        (void)check_field(*field.field, "2026-01-15");
    }
    for (const auto* department : checklist.departments)
        require(department && catalog.find_department(department->id) == department);
    auto form = resolve_form(checklist, nullptr, {}, {});
    int problems = count_problems(checklist, form);
    require(problems >= 0 && static_cast<size_t>(problems) <= checklist.fields.size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = parse_catalog(text, "catalog.json");
    if (!parsed.ok()) {
        require(parsed.error().message.rfind("catalog.json: ", 0) == 0);
        return 0;
    }
    const Catalog& catalog = parsed.value();
    require(!catalog.matters().empty());
    for (const auto& matter : catalog.matters()) {
        require(catalog.find_matter(matter.id) == &matter);
        require(catalog.find_department(matter.department_id));
        require(matter.promised_working_days <= matter.legal_working_days && matter.fee_fen >= 0);
        check_checklist(catalog, catalog.checklist_for_matter(matter));
        auto item = resolve_item(catalog, "matter:" + matter.id);
        require(item && item->matter == &matter && item->key() == "matter:" + matter.id);
        (void)format_fee(matter.fee_fen);
    }
    for (const auto& package : catalog.packages()) {
        require(catalog.find_package(package.id) == &package && package.matter_ids.size() >= 2);
        auto checklist = catalog.checklist_for_package(package);
        require(checklist.matters.size() == package.matter_ids.size());
        check_checklist(catalog, checklist);
        auto item = resolve_item(catalog, "package:" + package.id);
        require(item && item->package == &package && item->key() == "package:" + package.id);
        (void)format_fee(checklist.fee_fen);
    }
    for (const auto& material : catalog.materials()) {
        auto check = match_material(material, kPage, 90.0, kToday);
        if (check.verdict == Verdict::Matches)
            require(check.missing.empty());
    }
    (void)resolve_item(catalog, "package:");
    (void)resolve_item(catalog, "matter");
    return 0;
}
