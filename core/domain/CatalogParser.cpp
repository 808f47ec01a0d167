// Reading a catalog: the JSON of a config bundle into the model (Catalog.h), then every cross-check
// — unknown references, duplicate ids, missing translations, impossible limits — naming the file, the
// item and what is wrong.

#include "core/domain/Catalog.h"

#include "core/base/Config.h"
#include "core/base/JsonReader.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fmt/format.h>
#include <map>
#include <set>

namespace kiosk::domain {

namespace {

// The identity fields a form may be pre-filled from (see Identity.h).
const std::set<std::string> kIdentityKeys = {"name",        "name_en",     "sex",          "nation",
                                             "birth_date",  "address",     "id_number",    "issuer",
                                             "valid_until", "nationality", "permit_number"};

constexpr int kMaxWorkingDays = 365;
constexpr int kMaxFeeFen = 100'000'000; // ¥1,000,000: anything above is a typo in the bundle
constexpr int kMaxCopies = 20;

bool parse_source(const std::string& text, FieldSource& out) {
    if (text == "idcard")
        out = FieldSource::IdCard;
    else if (text == "ocr")
        out = FieldSource::Ocr;
    else if (text == "typed")
        out = FieldSource::Typed;
    else
        return false;
    return true;
}

bool parse_type(const std::string& text, FieldType& out) {
    static const std::map<std::string, FieldType> names = {{"text", FieldType::Text},
                                                           {"date", FieldType::Date},
                                                           {"phone", FieldType::Phone},
                                                           {"number", FieldType::Number},
                                                           {"choice", FieldType::Choice}};
    auto it = names.find(text);
    if (it == names.end())
        return false;
    out = it->second;
    return true;
}

// Reads the "id" key and checks its spelling; the reader records any failure.
void read_id(JsonReader& reader, std::string& id) {
    reader.required("id", id);
    if (reader.ok() && !is_catalog_id(id))
        reader.fail("id", "'" + id + "' must be 1-64 characters of a-z, 0-9, '_' or '-'");
}

bool parse_validator(const std::string& text, FieldValidator& out) {
    for (auto validator : {FieldValidator::IdNumber, FieldValidator::Uscc, FieldValidator::Date,
                           FieldValidator::TextAfterLabel})
        if (text == to_string(validator)) {
            out = validator;
            return true;
        }
    return false;
}

void read_keywords(JsonReader& reader, const char* key, std::vector<std::string>& out) {
    reader.string_array(key, out);
    if (reader.ok() && std::any_of(out.begin(), out.end(), [](const std::string& k) { return k.empty(); }))
        reader.fail(key, "a keyword cannot be empty");
}

void read_evidence_field(JsonReader& reader, EvidenceField& out) {
    read_id(reader, out.id);
    std::string validator;
    reader.required("validator", validator);
    reader.optional("label", out.label);
    reader.optional("fills", out.fills);
    reader.optional("required", out.required);
    if (!reader.ok())
        return;
    if (!parse_validator(validator, out.validator))
        return reader.fail("validator",
                           "'" + validator + "' is not one of id_number, uscc, date, text_after_label");
    if (out.validator == FieldValidator::TextAfterLabel && out.label.empty())
        return reader.fail("label", "a text_after_label field needs its label");
}

void read_evidence(JsonReader& reader, MaterialEvidence& out) {
    read_keywords(reader, "keywords_all", out.keywords_all);
    read_keywords(reader, "keywords_any", out.keywords_any);
    reader.array_of_objects("fields", false, [&](JsonReader& child, size_t) {
        read_evidence_field(child, out.fields.emplace_back());
    });
    if (!reader.ok())
        return;
    if (out.keywords_all.empty() && out.keywords_any.empty())
        return reader.fail("keywords_all",
                           "evidence needs at least one keyword (keywords_all or keywords_any)");
    std::set<std::string> ids;
    for (const auto& field : out.fields)
        if (!ids.insert(field.id).second)
            return reader.fail("fields", "field '" + field.id + "' is listed twice");
}

void read_requirement(JsonReader& reader, MaterialRequirement& out) {
    reader.required("material", out.material_id);
    reader.optional("copies", out.copies, 1, kMaxCopies);
    reader.optional("original", out.original);
    reader.optional("required", out.required);
    reader.optional("condition", out.condition);
    if (!reader.ok())
        return;
    bool has_condition = !out.condition.zh.empty();
    if (!out.required && !has_condition)
        reader.fail("condition", "an optional material must say when it is needed");
    else if (out.required && has_condition)
        reader.fail("condition", "a required material cannot have a condition (set \"required\": false)");
}

void read_field(JsonReader& reader, FormField& out) {
    read_id(reader, out.id);
    reader.required("label", out.label);
    std::string source, type = "text";
    reader.required("source", source);
    reader.optional("type", type);
    reader.optional("source_key", out.source_key);
    reader.optional("required", out.required);
    reader.localized_array("choices", out.choices);
    if (!reader.ok())
        return;
    if (!parse_source(source, out.source))
        return reader.fail("source", "'" + source + "' is not one of idcard, ocr, typed");
    if (!parse_type(type, out.type))
        return reader.fail("type", "'" + type + "' is not one of text, date, phone, number, choice");
    switch (out.source) {
    case FieldSource::IdCard:
        if (!kIdentityKeys.count(out.source_key))
            return reader.fail("source_key",
                               "'" + out.source_key + "' is not a field of an identity document");
        break;
    case FieldSource::Ocr:
        if (out.source_key.empty())
            return reader.fail("source_key", "an ocr field must name the material it is read from");
        break;
    case FieldSource::Typed:
        if (!out.source_key.empty())
            return reader.fail("source_key", "a typed field has no source_key");
        break;
    }
    if (out.type == FieldType::Choice && out.choices.size() < 2)
        return reader.fail("choices", "a choice field needs at least two choices");
    if (out.type != FieldType::Choice && !out.choices.empty())
        return reader.fail("choices", "only a choice field has choices");
}

void read_matter(JsonReader& reader, Matter& out) {
    read_id(reader, out.id);
    reader.required("name", out.name);
    reader.required("department", out.department_id);
    reader.optional("promised_working_days", out.promised_working_days, 0, kMaxWorkingDays);
    reader.optional("legal_working_days", out.legal_working_days, 0, kMaxWorkingDays);
    reader.optional("fee_fen", out.fee_fen, 0, kMaxFeeFen);
    reader.optional("site_inspection", out.site_inspection);
    reader.optional("issues_certificate", out.issues_certificate);
    reader.optional("certificate_template", out.certificate_template);
    reader.array_of_objects("materials", true, [&](JsonReader& child, size_t) {
        read_requirement(child, out.materials.emplace_back());
    });
    reader.array_of_objects("fields", true,
                            [&](JsonReader& child, size_t) { read_field(child, out.fields.emplace_back()); });
    reader.localized_array("steps", out.steps);
    if (!reader.ok())
        return;
    if (out.promised_working_days > out.legal_working_days)
        return reader.fail("promised_working_days",
                           "promised time limit (" + std::to_string(out.promised_working_days) +
                               ") exceeds the legal one (" + std::to_string(out.legal_working_days) + ")");
    if (out.issues_certificate && out.certificate_template.empty())
        return reader.fail("certificate_template", "a matter that issues a certificate needs its template");
    if (!out.issues_certificate && !out.certificate_template.empty())
        return reader.fail("certificate_template", "only a matter that issues a certificate has a template");
    if (out.steps.empty())
        return reader.fail("steps", "the published procedure needs at least one step");
}

void read_package(JsonReader& reader, Package& out) {
    read_id(reader, out.id);
    reader.required("name", out.name);
    reader.required("description", out.description);
    reader.string_array("matters", out.matter_ids);
}

// The checks that need the whole catalog: references, duplicates, shared field consistency.
Result<void> cross_check(const Catalog& catalog, std::string_view origin) {
    auto fail = [&](const std::string& what) {
        return make_error(ErrorCode::InvalidData, std::string(origin) + ": " + what);
    };

    std::set<std::string> ids;
    for (const auto& department : catalog.departments())
        if (!ids.insert(department.id).second)
            return fail("department '" + department.id + "' is defined twice");
    ids.clear();
    for (const auto& material : catalog.materials())
        if (!ids.insert(material.id).second)
            return fail("material '" + material.id + "' is defined twice");
    ids.clear();
    if (catalog.matters().empty())
        return fail("the catalog has no matters");

    // An evidence field pre-fills a form field that some matter reads by OCR from this material.
    for (const auto& material : catalog.materials())
        for (const auto& evidence : material.evidence.fields) {
            if (evidence.fills.empty())
                continue;
            bool read_somewhere = false;
            for (const auto& matter : catalog.matters())
                for (const auto& field : matter.fields)
                    read_somewhere =
                        read_somewhere || (field.id == evidence.fills && field.source == FieldSource::Ocr &&
                                           field.source_key == material.id);
            if (!read_somewhere)
                return fail("material '" + material.id + "': evidence field '" + evidence.id + "' fills '" +
                            evidence.fills + "', which no matter reads by OCR from this material");
        }

    // A field id shared between matters is asked once, so its meaning must be the same everywhere.
    std::map<std::string, std::pair<const FormField*, const Matter*>> shared_fields;
    for (const auto& matter : catalog.matters()) {
        std::string where = "matter '" + matter.id + "': ";
        if (!ids.insert(matter.id).second)
            return fail("matter '" + matter.id + "' is defined twice");
        if (!catalog.find_department(matter.department_id))
            return fail(where + "unknown department '" + matter.department_id + "'");
        if (matter.materials.empty())
            return fail(where + "lists no materials");
        std::set<std::string> materials;
        for (const auto& requirement : matter.materials) {
            if (!catalog.find_material(requirement.material_id))
                return fail(where + "unknown material '" + requirement.material_id + "'");
            if (!materials.insert(requirement.material_id).second)
                return fail(where + "material '" + requirement.material_id + "' is listed twice");
        }
        std::set<std::string> fields;
        for (const auto& field : matter.fields) {
            if (!fields.insert(field.id).second)
                return fail(where + "field '" + field.id + "' is listed twice");
            if (field.source == FieldSource::Ocr && !materials.count(field.source_key))
                return fail(where + "field '" + field.id + "' is read from material '" + field.source_key +
                            "' which the matter does not require");
            auto [it, inserted] = shared_fields.try_emplace(field.id, &field, &matter);
            const FormField& first = *it->second.first;
            if (!inserted && (first.source != field.source || first.type != field.type ||
                              first.source_key != field.source_key || first.choices != field.choices))
                return fail(where + "field '" + field.id +
                            "' differs from the field of the same id in matter '" + it->second.second->id +
                            "'");
        }
    }
    ids.clear();
    for (const auto& package : catalog.packages()) {
        std::string where = "package '" + package.id + "': ";
        if (!ids.insert(package.id).second)
            return fail("package '" + package.id + "' is defined twice");
        if (catalog.find_matter(package.id))
            return fail(where + "shares its id with a matter");
        if (package.matter_ids.size() < 2)
            return fail(where + "a one-thing package needs at least two matters");
        std::set<std::string> seen;
        std::int64_t fee_fen = 0; // the checklist's sum, an int: bounded like one matter's fee
        for (const auto& id : package.matter_ids) {
            const Matter* matter = catalog.find_matter(id);
            if (!matter)
                return fail(fmt::format("{}unknown matter '{}'", where, id));
            if (!seen.insert(id).second)
                return fail(fmt::format("{}matter '{}' is listed twice", where, id));
            fee_fen += matter->fee_fen;
        }
        if (fee_fen > kMaxFeeFen)
            return fail(fmt::format("{}its matters' fees add up to more than {} fen", where, kMaxFeeFen));
    }
    return {};
}

} // namespace

bool is_catalog_id(std::string_view id) {
    if (id.empty() || id.size() > 64)
        return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

Result<Catalog> parse_catalog(std::string_view json_text, std::string_view origin) {
    auto json = parse_json(json_text, origin);
    if (!json)
        return json.release_error();
    if (!json.value().is_object())
        return make_error(ErrorCode::InvalidData,
                          std::string(origin) + ": the catalog must be a JSON object");

    Catalog catalog;
    JsonReader reader(json.value(), std::string(origin), "");
    reader.required("version", catalog.m_version);
    reader.array_of_objects("departments", true, [&](JsonReader& child, size_t) {
        auto& department = catalog.m_departments.emplace_back();
        read_id(child, department.id);
        child.required("name", department.name);
    });
    reader.array_of_objects("materials", true, [&](JsonReader& child, size_t) {
        auto& material = catalog.m_materials.emplace_back();
        read_id(child, material.id);
        child.required("name", material.name);
        child.optional("note", material.note);
        child.optional_object("evidence", [&](JsonReader& evidence) {
            read_evidence(evidence, material.evidence);
            if (evidence.ok())
                evidence.finish();
        });
    });
    reader.array_of_objects("matters", true, [&](JsonReader& child, size_t) {
        read_matter(child, catalog.m_matters.emplace_back());
    });
    reader.array_of_objects("packages", false, [&](JsonReader& child, size_t) {
        read_package(child, catalog.m_packages.emplace_back());
    });
    reader.finish();
    if (!reader.ok())
        return reader.error();
    TRY(cross_check(catalog, origin));
    return catalog;
}

Result<Catalog> load_catalog(const std::string& path) {
    auto text = read_file(path);
    if (!text)
        return text.release_error();
    return parse_catalog(text.value(), path);
}

} // namespace kiosk::domain
