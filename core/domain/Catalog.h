#pragma once
// The service catalog (办事指南) as data: departments, materials, matters (事项) and one-thing
// packages (一件事). It arrives in config bundles, never in code; load_catalog() validates it and
// every problem names the file, the item and what is wrong.

#include "core/base/LocalizedText.h"
#include "core/base/Result.h"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::domain {

struct Department {
    std::string id; // e.g. "public_security"
    LocalizedText name;
};

// How a field of a scanned material is recognised in its OCR text (DocumentFields.h).
enum class FieldValidator {
    IdNumber,       // an 18-digit ID number whose check character and birth date hold
    Uscc,           // a unified social credit code whose check character holds
    Date,           // a real calendar date (after `label` when one is given)
    TextAfterLabel, // the rest of the line after `label`, e.g. "住所:"
};
const char* to_string(FieldValidator validator);

struct EvidenceField {
    std::string id; // the key in the check's fields, e.g. "uscc"
    FieldValidator validator = FieldValidator::TextAfterLabel;
    std::string label;    // required for text_after_label; optional narrowing for the others
    std::string fills;    // optional: the form field (an ocr field reading this material) it pre-fills
    bool required = true; // false: pre-fills when found, but its absence does not reject the page
};

// What a scanned page of the material must show to be accepted as that material.
struct MaterialEvidence {
    std::vector<std::string> keywords_all; // every one must appear (whitespace ignored)
    std::vector<std::string> keywords_any; // at least one must appear, when any are listed
    std::vector<EvidenceField> fields;
    bool empty() const { return keywords_all.empty() && keywords_any.empty() && fields.empty(); }
};

// A kind of document a citizen may have to bring (出生医学证明, 营业执照 …).
struct MaterialKind {
    std::string id;
    LocalizedText name;
    LocalizedText note;        // optional hint: where to get it, what counts
    MaterialEvidence evidence; // optional: empty means the kiosk cannot check a scan of it
};

// One material a matter requires.
struct MaterialRequirement {
    std::string material_id;
    int copies = 1;          // how many copies/pages to hand in (scanned once at the kiosk)
    bool original = false;   // the original must be shown (核验原件)
    bool required = true;    // false: only in some cases (see condition)
    LocalizedText condition; // when optional: in which case it is needed
};

enum class FieldSource {
    IdCard, // filled from the ID card / permit / passport just read
    Ocr,    // extracted from a scanned material
    Typed,  // the citizen types or picks it
};
const char* to_string(FieldSource source);

enum class FieldType { Text, Date, Phone, Number, Choice };

struct FormField {
    std::string id; // shared ids across matters mean "asked once" in a package
    LocalizedText label;
    FieldSource source = FieldSource::Typed;
    FieldType type = FieldType::Text;
    std::string source_key; // for IdCard: identity field ("name", "id_number"…); for Ocr: material id
    bool required = true;
    std::vector<LocalizedText> choices; // for FieldType::Choice
};

struct Matter {
    std::string id;
    LocalizedText name;
    std::string department_id;
    std::vector<MaterialRequirement> materials;
    std::vector<FormField> fields;
    std::vector<LocalizedText> steps; // published procedure, in order
    int promised_working_days = 1;    // 承诺办结时限, working days
    int legal_working_days = 1;       // 法定办结时限, working days (≥ promised)
    int fee_fen = 0;                  // fee in fen (0.01 CNY); 0 = free of charge
    bool site_inspection = false;     // 是否需要现场勘验
    bool issues_certificate = false;  // approval produces a certificate for self-print
    std::string certificate_template; // printing template id when issues_certificate
};

struct Package {
    std::string id;
    LocalizedText name;
    LocalizedText description;
    std::vector<std::string> matter_ids;
};

// What a citizen sees for a package: every material and field once, with the matters needing it.
struct ChecklistMaterial {
    const MaterialKind* kind = nullptr;
    int copies = 1;        // the largest number any matter asks for
    bool original = false; // any matter wants the original
    bool required = false; // any matter requires it unconditionally
    LocalizedText condition;
    std::vector<const Matter*> needed_by;
};

struct ChecklistField {
    const FormField* field = nullptr; // the first matter's definition
    std::vector<const Matter*> needed_by;
};

struct Checklist {
    std::vector<const Matter*> matters;
    std::vector<ChecklistMaterial> materials;
    std::vector<ChecklistField> fields;
    std::vector<const Department*> departments; // distinct, in matter order
    int promised_working_days = 0;              // the longest of its matters: all run in parallel
    int fee_fen = 0;                            // sum of its matters
    bool site_inspection = false;
};

class Catalog {
public:
    const std::string& version() const { return m_version; }
    const std::vector<Department>& departments() const { return m_departments; }
    const std::vector<MaterialKind>& materials() const { return m_materials; }
    const std::vector<Matter>& matters() const { return m_matters; }
    const std::vector<Package>& packages() const { return m_packages; }

    const Department* find_department(std::string_view id) const;
    const MaterialKind* find_material(std::string_view id) const;
    const Matter* find_matter(std::string_view id) const;
    const Package* find_package(std::string_view id) const;

    // Merges the matters of a package: shared materials and fields appear once.
    Checklist checklist_for_package(const Package& package) const;
    Checklist checklist_for_matter(const Matter& matter) const;

private:
    friend Result<Catalog> parse_catalog(std::string_view json_text, std::string_view origin);
    std::string m_version;
    std::vector<Department> m_departments;
    std::vector<MaterialKind> m_materials;
    std::vector<Matter> m_matters;
    std::vector<Package> m_packages;
};

// Validates everything: unknown department, duplicate id, field with no source, unknown material or
// matter reference, missing translation, impossible time limits or fees.
Result<Catalog> parse_catalog(std::string_view json_text, std::string_view origin);
Result<Catalog> load_catalog(const std::string& path);

// The catalog's id syntax (departments, materials, matters, packages): 1-64 characters of a-z, 0-9, '_'
// or '-'. Also what a content folder's removed_matters names (kiosk/content/Content.h).
bool is_catalog_id(std::string_view id);

// "¥12.50". A zero fee is shown through the translation table ("checklist.free"), not here.
std::string format_fee(int fee_fen);

} // namespace kiosk::domain
