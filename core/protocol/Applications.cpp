#include "core/protocol/Applications.h"
#include "core/base/Digest.h"
#include "core/domain/IdNumber.h"
#include "core/protocol/FieldReader.h"

namespace kiosk::protocol {
namespace {

using json = nlohmann::json;

json optional_json(const std::optional<std::string>& value) {
    return value ? json(*value) : json(nullptr);
}

Applicant read_applicant(const json& node, const std::string& path, std::optional<Error>& error) {
    FieldReader reader(node, path, {"id_type", "id_number", "name", "phone"}, error);
    Applicant applicant;
    applicant.id_type = reader.choice("id_type", parse_id_type, spellings(kIdTypes));
    applicant.id_number = reader.text("id_number", kMaxIdNumberBytes);
    applicant.name = reader.text("name", kMaxNameBytes);
    applicant.phone = reader.optional_text("phone", kMaxPhoneBytes);
    return applicant;
}

MaterialRef read_material(const json& node, const std::string& path, std::optional<Error>& error) {
    FieldReader reader(node, path, {"material_id", "sha256", "bytes", "content_type", "pages"}, error);
    MaterialRef material;
    material.material_id = reader.text("material_id", kMaxIdBytes);
    material.sha256 = reader.text("sha256", 64);
    if (reader.ok() && !is_sha256_hex(material.sha256))
        reader.fail("sha256", "expected 64 lowercase hex digits");
    material.bytes = reader.integer("bytes", 0, kMaxMaterialBytes);
    material.content_type = reader.text("content_type", kMaxContentTypeBytes);
    material.pages = reader.integer("pages", 0, kMaxPages);
    return material;
}

std::map<std::string, std::string> read_form(const json& node, const std::string& path,
                                             std::optional<Error>& error) {
    std::map<std::string, std::string> form;
    if (node.size() > kMaxFormFields)
        fail_at(error, path, "more than " + std::to_string(kMaxFormFields) + " fields");
    for (const auto& [key, value] : node.items()) {
        if (error)
            break;
        if (key.empty() || key.size() > kMaxIdBytes || !value.is_string() ||
            value.get_ref<const std::string&>().size() > kMaxFormValueBytes)
            fail_at(error, path, "expected field ids with string values of at most 4096 bytes");
        else
            form.emplace(key, value.get<std::string>());
    }
    return form;
}

std::vector<std::string> read_matter_ids(FieldReader& top) {
    std::vector<std::string> matter_ids;
    auto* matters = top.array("matter_ids");
    if (!matters)
        return matter_ids;
    if (matters->empty() || matters->size() > kMaxMatters)
        top.fail("matter_ids", "expected 1 to " + std::to_string(kMaxMatters) + " matter ids");
    for (const auto& matter : *matters) {
        if (!top.ok())
            break;
        if (!matter.is_string() || matter.get_ref<const std::string&>().empty() ||
            matter.get_ref<const std::string&>().size() > kMaxIdBytes)
            top.fail("matter_ids", "expected matter ids (strings of 1 to 64 bytes)");
        else
            matter_ids.push_back(matter.get<std::string>());
    }
    return matter_ids;
}

} // namespace

json to_json(const BlobInfo& blob) {
    return {{"sha256", blob.sha256}, {"bytes", blob.bytes}};
}

json to_json(const Applicant& applicant) {
    return {{"id_type", to_string(applicant.id_type)},
            {"id_number", applicant.id_number},
            {"name", applicant.name},
            {"phone", optional_json(applicant.phone)}};
}

json to_json(const MaterialRef& material) {
    return {{"material_id", material.material_id},
            {"sha256", material.sha256},
            {"bytes", material.bytes},
            {"content_type", material.content_type},
            {"pages", material.pages}};
}

json to_json(const ApplicationRequest& request) {
    json materials = json::array();
    for (const auto& material : request.materials)
        materials.push_back(to_json(material));
    return {{"application_id", request.application_id},
            {"query_token", request.query_token},
            {"kiosk_id", request.kiosk_id},
            {"catalog_version", request.catalog_version},
            {"submitted_at", request.submitted_at},
            {"package_id", optional_json(request.package_id)},
            {"matter_ids", request.matter_ids},
            {"applicant", to_json(request.applicant)},
            {"form", request.form},
            {"consent", {{"version", request.consent.version}, {"accepted_at", request.consent.accepted_at}}},
            {"materials", materials}};
}

json to_json(const ApplicationAccepted& accepted) {
    json matters = json::array();
    for (const auto& matter : accepted.matters)
        matters.push_back({{"matter_id", matter.matter_id},
                           {"department_id", matter.department_id},
                           {"work_item_id", matter.work_item_id},
                           {"promised_date", matter.promised_date}});
    return {{"application_id", accepted.application_id},
            {"application_number", accepted.application_number},
            {"status", "accepted"},
            {"matters", matters}};
}

Result<ApplicationRequest> parse_application_request(const json& json) {
    std::optional<Error> error;
    ApplicationRequest out;
    FieldReader top(json, "",
                    {"application_id", "query_token", "kiosk_id", "catalog_version", "submitted_at",
                     "package_id", "matter_ids", "applicant", "form", "consent", "materials"},
                    error);
    out.application_id = top.text("application_id", 32);
    if (top.ok() && !is_application_id(out.application_id))
        top.fail("application_id", "expected 32 lowercase hex digits");
    out.query_token = top.text("query_token", kMaxTokenBytes);
    out.kiosk_id = top.text("kiosk_id", kMaxIdBytes);
    out.catalog_version = top.text("catalog_version", kMaxIdBytes);
    out.submitted_at = top.text("submitted_at", kMaxTimeBytes);
    out.package_id = top.optional_text("package_id", kMaxIdBytes);
    out.matter_ids = read_matter_ids(top);
    if (auto* applicant = top.object("applicant"))
        out.applicant = read_applicant(*applicant, "applicant", error);
    if (auto* form = top.object("form"))
        out.form = read_form(*form, "form", error);
    if (auto* consent = top.object("consent")) {
        FieldReader reader(*consent, "consent", {"version", "accepted_at"}, error);
        out.consent.version = reader.text("version", kMaxIdBytes);
        out.consent.accepted_at = reader.text("accepted_at", kMaxTimeBytes);
    }
    if (auto* materials = top.array("materials")) {
        if (materials->size() > kMaxMaterials)
            top.fail("materials", "more than " + std::to_string(kMaxMaterials) + " materials");
        for (size_t i = 0; i < materials->size() && top.ok(); ++i)
            out.materials.push_back(read_material((*materials)[i], element_path("materials", i), error));
    }
    return read_result(std::move(out), error);
}

Result<Applicant> parse_applicant(const json& json, const std::string& path) {
    std::optional<Error> error;
    Applicant applicant = read_applicant(json, path, error);
    return read_result(std::move(applicant), error);
}

Result<MaterialRef> parse_material(const json& json, const std::string& path) {
    std::optional<Error> error;
    MaterialRef material = read_material(json, path, error);
    return read_result(std::move(material), error);
}

Result<std::map<std::string, std::string>> parse_form(const json& json, const std::string& path) {
    std::optional<Error> error;
    if (!json.is_object())
        fail_at(error, path, "expected an object");
    auto form = error ? std::map<std::string, std::string>() : read_form(json, path, error);
    return read_result(std::move(form), error);
}

Result<BlobInfo> parse_blob_info(const json& json) {
    std::optional<Error> error;
    FieldReader reader(json, "", {}, error, FieldReader::OtherKeys::Ignore);
    BlobInfo blob{reader.text("sha256", 64), 0};
    if (reader.ok() && !is_sha256_hex(blob.sha256))
        reader.fail("sha256", "expected 64 lowercase hex digits");
    blob.bytes = reader.integer("bytes", 0, kMaxMaterialBytes);
    return read_result(std::move(blob), error);
}

Result<ApplicationAccepted> parse_application_accepted(const json& json) {
    std::optional<Error> error;
    FieldReader top(json, "", {}, error, FieldReader::OtherKeys::Ignore);
    ApplicationAccepted out;
    out.application_id = top.text("application_id", 32);
    if (top.ok() && !is_application_id(out.application_id))
        top.fail("application_id", "expected 32 lowercase hex digits");
    out.application_number = top.text("application_number", kMaxIdBytes);
    if (top.text("status", 32) != "accepted")
        top.fail("status", "expected accepted");
    if (auto* matters = top.array("matters"))
        for (size_t i = 0; i < matters->size() && top.ok(); ++i) {
            FieldReader reader((*matters)[i], element_path("matters", i), {}, error,
                               FieldReader::OtherKeys::Ignore);
            AcceptedMatter matter;
            matter.matter_id = reader.text("matter_id", kMaxIdBytes);
            matter.department_id = reader.text("department_id", kMaxIdBytes);
            matter.work_item_id = reader.text("work_item_id", kMaxIdBytes);
            matter.promised_date = reader.date("promised_date");
            out.matters.push_back(std::move(matter));
        }
    return read_result(std::move(out), error);
}

std::optional<Refusal> check_application(const ApplicationRequest& request) {
    if (!is_query_token(request.query_token))
        return Refusal{kBadToken, "query_token is not a receipt token (OW1-XXXX-XXXX-XXXX-XXXX)"};
    if (!parse_utc_time(request.submitted_at).ok())
        return Refusal{kBadTime, "submitted_at must be a UTC time YYYY-MM-DDTHH:MM:SSZ"};
    if (!parse_utc_time(request.consent.accepted_at).ok())
        return Refusal{kBadTime, "consent.accepted_at must be a UTC time YYYY-MM-DDTHH:MM:SSZ"};
    return std::nullopt;
}

std::optional<Refusal> check_applicant_id(const Applicant& applicant, domain::CivilDate today) {
    if (applicant.id_type != IdType::ResidentId)
        return std::nullopt;
    auto checked = domain::check_id_number(applicant.id_number, today);
    if (!checked.ok())
        return Refusal{kBadIdNumber, "applicant.id_number: " + checked.error().message};
    return std::nullopt;
}

Result<void> validate(const ApplicationRequest& request) {
    auto parsed = parse_application_request(to_json(request));
    if (!parsed.ok())
        return make_error(ErrorCode::InvalidArgument, "application: " + parsed.error().message);
    if (auto refused = check_application(request))
        return make_error(ErrorCode::InvalidArgument, "application: " + refused->message);
    return {};
}

} // namespace kiosk::protocol
