#include "hub/ApplicationRequest.h"
#include "hub/StrictJson.h"

namespace kiosk::hub {
namespace {

bool is_lower_hex(const std::string& text, size_t length) {
    if (text.size() != length)
        return false;
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

// Bounds keep one request well under the 1 MiB body limit and the database rows small.
constexpr size_t k_max_matters = 32;
constexpr size_t k_max_materials = 64;
constexpr size_t k_max_form_fields = 128;

} // namespace

std::optional<Reply> parse_application_request(const std::string& body, ApplicationRequest& out) {
    std::optional<Reply> problem = parse_json_object(body, out.canonical);
    if (problem)
        return problem;
    const auto& json = out.canonical;
    StrictReader top(json, "",
                     {"application_id", "query_token", "kiosk_id", "catalog_version", "submitted_at",
                      "package_id", "matter_ids", "applicant", "form", "consent", "materials"},
                     problem);
    out.application_id = top.string("application_id", 32);
    if (top.ok() && !is_lower_hex(out.application_id, 32))
        top.fail("application_id", "expected 32 lowercase hex digits");
    out.query_token = top.string("query_token", 64);
    out.kiosk_id = top.string("kiosk_id", 64);
    out.catalog_version = top.string("catalog_version", 64);
    out.submitted_at = top.string("submitted_at", 40);
    out.package_id = top.string("package_id", 64, true);

    if (auto* matters = top.array("matter_ids")) {
        if (matters->empty() || matters->size() > k_max_matters)
            top.fail("matter_ids", "expected 1 to " + std::to_string(k_max_matters) + " matter ids");
        for (const auto& matter : *matters) {
            if (!matter.is_string() || matter.get_ref<const std::string&>().empty() ||
                matter.get_ref<const std::string&>().size() > 64) {
                top.fail("matter_ids", "expected matter ids (strings)");
                break;
            }
            out.matter_ids.push_back(matter.get<std::string>());
        }
    }
    if (auto* applicant = top.object("applicant")) {
        StrictReader reader(*applicant, "applicant", {"id_type", "id_number", "name", "phone"}, problem);
        out.id_type = reader.string("id_type", 32);
        if (reader.ok() && out.id_type != "resident_id" && out.id_type != "hmt_permit" &&
            out.id_type != "foreign_permit" && out.id_type != "passport")
            reader.fail("id_type", "expected resident_id, hmt_permit, foreign_permit or passport");
        out.id_number = reader.string("id_number", 32);
        out.name = reader.string("name", 200);
        out.phone = reader.string("phone", 32, true);
    }
    if (auto* form = top.object("form")) {
        if (form->size() > k_max_form_fields)
            top.fail("form", "too many fields");
        for (const auto& [key, value] : form->items()) {
            if (!top.ok())
                break;
            if (key.empty() || key.size() > 64 || !value.is_string() ||
                value.get_ref<const std::string&>().size() > 4096)
                top.fail("form", "expected field ids with string values of at most 4096 bytes");
        }
    }
    if (auto* consent = top.object("consent")) {
        StrictReader reader(*consent, "consent", {"version", "accepted_at"}, problem);
        out.consent_version = reader.string("version", 64);
        out.consent_accepted_at = reader.string("accepted_at", 40);
    }
    if (auto* materials = top.array("materials")) {
        if (materials->size() > k_max_materials)
            top.fail("materials", "too many materials");
        for (size_t i = 0; i < materials->size() && top.ok(); ++i) {
            const auto& element = (*materials)[i];
            std::string path = "materials[" + std::to_string(i) + "]";
            if (!element.is_object()) {
                top.fail(path.c_str(), "expected an object");
                break;
            }
            StrictReader reader(element, path, {"material_id", "sha256", "bytes", "content_type", "pages"},
                                problem);
            MaterialRef material;
            material.material_id = reader.string("material_id", 64);
            material.sha256 = reader.string("sha256", 64);
            if (reader.ok() && !is_lower_hex(material.sha256, 64))
                reader.fail("sha256", "expected 64 lowercase hex digits");
            material.bytes = reader.integer("bytes", 0, std::int64_t(1) << 40);
            material.content_type = reader.string("content_type", 100);
            material.pages = reader.integer("pages", 0, 10000);
            out.materials.push_back(std::move(material));
        }
    }
    return problem;
}

} // namespace kiosk::hub
