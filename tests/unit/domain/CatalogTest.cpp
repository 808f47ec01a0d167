#include "core/domain/Catalog.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>
#include <sstream>

namespace kiosk::domain {
namespace {

const std::string kSamplePath = std::string(KIOSK_SOURCE_DIR) + "/data/catalog/sample-catalog.json";

nlohmann::json sample_json() {
    std::ifstream in(kSamplePath);
    std::stringstream text;
    text << in.rdbuf();
    return nlohmann::json::parse(text.str());
}

nlohmann::json& material_json(nlohmann::json& catalog, const std::string& id) {
    for (auto& material : catalog["materials"])
        if (material["id"] == id)
            return material;
    throw std::runtime_error("no material " + id);
}

nlohmann::json& matter_json(nlohmann::json& catalog, const std::string& id) {
    for (auto& matter : catalog["matters"])
        if (matter["id"] == id)
            return matter;
    throw std::runtime_error("no matter " + id);
}

// Parses the sample with one change applied; returns the error message ("" when it parsed).
std::string error_after(const std::function<void(nlohmann::json&)>& change) {
    auto json = sample_json();
    change(json);
    auto parsed = parse_catalog(json.dump(), "bundle.json");
    return parsed.ok() ? "" : parsed.error().message;
}

TEST(Catalog, SampleCatalogLoadsWithThreeOneThingPackages) {
    auto catalog = load_catalog(kSamplePath);
    ASSERT_TRUE(catalog.ok()) << catalog.error().describe();
    EXPECT_GE(catalog->departments().size(), 6u);
    ASSERT_NE(catalog->find_package("newborn"), nullptr);
    ASSERT_NE(catalog->find_package("business"), nullptr);
    ASSERT_NE(catalog->find_package("retirement"), nullptr);
    for (const auto& matter : catalog->matters()) {
        EXPECT_FALSE(matter.name.zh.empty()) << matter.id;
        EXPECT_FALSE(matter.name.en.empty()) << matter.id;
    }
}

TEST(Catalog, PackageChecklistListsSharedMaterialsAndFieldsOnce) {
    auto catalog = load_catalog(kSamplePath);
    ASSERT_TRUE(catalog.ok());
    const Package* newborn = catalog->find_package("newborn");
    ASSERT_NE(newborn, nullptr);
    Checklist checklist = catalog->checklist_for_package(*newborn);

    ASSERT_EQ(checklist.matters.size(), newborn->matter_ids.size());
    // Every material appears once, however many matters need it.
    std::set<const MaterialKind*> seen;
    for (const auto& material : checklist.materials)
        EXPECT_TRUE(seen.insert(material.kind).second) << material.kind->id;
    // The ID card is needed by all four matters and must be shown as original.
    auto id_card = std::find_if(checklist.materials.begin(), checklist.materials.end(),
                                [](const ChecklistMaterial& m) { return m.kind->id == "resident_id"; });
    ASSERT_NE(id_card, checklist.materials.end());
    EXPECT_EQ(id_card->needed_by.size(), 4u);
    EXPECT_TRUE(id_card->original);
    EXPECT_TRUE(id_card->required);

    std::set<std::string> field_ids;
    for (const auto& field : checklist.fields)
        EXPECT_TRUE(field_ids.insert(field.field->id).second) << field.field->id;
    auto phone = std::find_if(checklist.fields.begin(), checklist.fields.end(),
                              [](const ChecklistField& f) { return f.field->id == "phone"; });
    ASSERT_NE(phone, checklist.fields.end());
    EXPECT_EQ(phone->needed_by.size(), 4u);

    // Matters run in parallel: the package takes as long as its slowest matter.
    int slowest = 0;
    for (const auto* matter : checklist.matters)
        slowest = std::max(slowest, matter->promised_working_days);
    EXPECT_EQ(checklist.promised_working_days, slowest);
    EXPECT_EQ(checklist.departments.size(), 4u);
}

TEST(Catalog, MaterialOptionalInOneMatterButRequiredInAnotherIsRequired) {
    auto json = sample_json();
    // labour_contract: optional ("if staff have been hired") in employer_social_insurance; make another
    // matter of the business package require it outright.
    matter_json(json, "employer_housing_fund")["materials"].push_back({{"material", "labour_contract"}});
    auto catalog = parse_catalog(json.dump(), "bundle.json");
    ASSERT_TRUE(catalog.ok()) << catalog.error().describe();
    auto checklist = catalog->checklist_for_package(*catalog->find_package("business"));
    auto contract = std::find_if(checklist.materials.begin(), checklist.materials.end(),
                                 [](const ChecklistMaterial& m) { return m.kind->id == "labour_contract"; });
    ASSERT_NE(contract, checklist.materials.end());
    EXPECT_TRUE(contract->required);
    EXPECT_TRUE(contract->condition.zh.empty());
    EXPECT_EQ(contract->needed_by.size(), 2u);
}

TEST(Catalog, CopiesAreTheLargestAnyMatterAsks) {
    auto catalog = load_catalog(kSamplePath);
    ASSERT_TRUE(catalog.ok());
    auto checklist = catalog->checklist_for_package(*catalog->find_package("business"));
    auto articles =
        std::find_if(checklist.materials.begin(), checklist.materials.end(),
                     [](const ChecklistMaterial& m) { return m.kind->id == "articles_of_association"; });
    ASSERT_NE(articles, checklist.materials.end());
    EXPECT_EQ(articles->copies, 2);
}

TEST(Catalog, SingleMatterChecklist) {
    auto catalog = load_catalog(kSamplePath);
    ASSERT_TRUE(catalog.ok());
    const Matter* matter = catalog->find_matter("residence_permit");
    ASSERT_NE(matter, nullptr);
    auto checklist = catalog->checklist_for_matter(*matter);
    EXPECT_EQ(checklist.matters.size(), 1u);
    EXPECT_EQ(checklist.materials.size(), matter->materials.size());
    EXPECT_TRUE(checklist.site_inspection);
    EXPECT_EQ(checklist.promised_working_days, matter->promised_working_days);
}

TEST(Catalog, MaterialsDeclareTheEvidenceAScanIsCheckedFor) {
    auto catalog = load_catalog(kSamplePath);
    ASSERT_TRUE(catalog.ok()) << catalog.error().describe();
    const MaterialKind* licence = catalog->find_material("business_license");
    ASSERT_NE(licence, nullptr);
    EXPECT_EQ(licence->evidence.keywords_all, (std::vector<std::string>{"营业执照", "统一社会信用代码"}));
    ASSERT_FALSE(licence->evidence.fields.empty());
    const EvidenceField& uscc = licence->evidence.fields.front();
    EXPECT_EQ(uscc.id, "uscc");
    EXPECT_EQ(uscc.validator, FieldValidator::Uscc);
    EXPECT_TRUE(uscc.required);
    // The medical birth certificate's birth date pre-fills the form's newborn_birth_date.
    const auto& birth = catalog->find_material("birth_medical_certificate")->evidence.fields.at(0);
    EXPECT_EQ(birth.validator, FieldValidator::Date);
    EXPECT_EQ(birth.fills, "newborn_birth_date");
    for (const char* id :
         {"resident_id", "household_register", "birth_medical_certificate", "marriage_certificate"})
        EXPECT_FALSE(catalog->find_material(id)->evidence.empty()) << id;
    EXPECT_TRUE(catalog->find_material("photo")->evidence.empty());
}

struct BadCatalog {
    const char* name;
    std::function<void(nlohmann::json&)> change;
    const char* expected; // a part of the message
};

class CatalogValidation : public ::testing::TestWithParam<BadCatalog> {};

TEST_P(CatalogValidation, RejectsWithAMessageNamingTheProblem) {
    std::string message = error_after(GetParam().change);
    ASSERT_FALSE(message.empty()) << "accepted a catalog with: " << GetParam().name;
    EXPECT_NE(message.find("bundle.json: "), std::string::npos) << message;
    EXPECT_NE(message.find(GetParam().expected), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Bundles, CatalogValidation,
    ::testing::Values(
        BadCatalog{"unknown_department",
                   [](auto& j) { matter_json(j, "residence_permit")["department"] = "ministry_of_magic"; },
                   "matter 'residence_permit': unknown department 'ministry_of_magic'"},
        BadCatalog{"unknown_material",
                   [](auto& j) {
                       matter_json(j, "residence_permit")["materials"].push_back({{"material", "owl"}});
                   },
                   "unknown material 'owl'"},
        BadCatalog{"duplicate_matter", [](auto& j) { j["matters"].push_back(j["matters"][0]); },
                   "defined twice"},
        BadCatalog{"unknown_matter_in_package",
                   [](auto& j) { j["packages"][0]["matters"].push_back("no_such_matter"); },
                   "package 'newborn': unknown matter 'no_such_matter'"},
        BadCatalog{"package_of_one",
                   [](auto& j) { j["packages"][0]["matters"] = nlohmann::json::array({"residence_permit"}); },
                   "at least two matters"},
        BadCatalog{"missing_english", [](auto& j) { matter_json(j, "residence_permit")["name"].erase("en"); },
                   "missing en text"},
        BadCatalog{"promised_beyond_legal",
                   [](auto& j) { matter_json(j, "residence_permit")["promised_working_days"] = 30; },
                   "exceeds the legal one"},
        BadCatalog{"negative_fee", [](auto& j) { matter_json(j, "residence_permit")["fee_fen"] = -1; },
                   "fee_fen"},
        BadCatalog{"fee_as_string", [](auto& j) { matter_json(j, "residence_permit")["fee_fen"] = "10"; },
                   "expected an integer"},
        BadCatalog{"typo_key", [](auto& j) { matter_json(j, "residence_permit")["legal_workingdays"] = 3; },
                   "unknown key"},
        BadCatalog{"field_without_source",
                   [](auto& j) { matter_json(j, "residence_permit")["fields"][0].erase("source"); },
                   "source: missing"},
        BadCatalog{
            "idcard_field_with_unknown_key",
            [](auto& j) { matter_json(j, "residence_permit")["fields"][0]["source_key"] = "blood_type"; },
            "not a field of an identity document"},
        BadCatalog{"ocr_from_material_not_required",
                   [](auto& j) {
                       matter_json(j, "residence_permit")["fields"].push_back(
                           {{"id", "x"},
                            {"label", {{"zh-CN", "x"}, {"en", "x"}}},
                            {"source", "ocr"},
                            {"source_key", "business_license"}});
                   },
                   "which the matter does not require"},
        BadCatalog{"shared_field_redefined",
                   [](auto& j) { matter_json(j, "residence_permit")["fields"][4]["type"] = "text"; },
                   "differs from the field of the same id"},
        BadCatalog{"optional_without_condition",
                   [](auto& j) { matter_json(j, "residence_permit")["materials"][3].erase("condition"); },
                   "must say when it is needed"},
        BadCatalog{"certificate_without_template",
                   [](auto& j) { matter_json(j, "company_registration").erase("certificate_template"); },
                   "needs its template"},
        BadCatalog{"bad_id_characters", [](auto& j) { j["departments"][0]["id"] = "公安"; },
                   "must be 1-64 characters"},
        BadCatalog{"no_matters",
                   [](auto& j) {
                       j["matters"] = nlohmann::json::array();
                       j.erase("packages");
                   },
                   "no matters"},
        BadCatalog{"evidence_unknown_validator",
                   [](auto& j) {
                       material_json(j, "business_license")["evidence"]["fields"][0]["validator"] = "iban";
                   },
                   "'iban' is not one of id_number, uscc, date, text_after_label"},
        BadCatalog{
            "evidence_text_without_label",
            [](auto& j) { material_json(j, "business_license")["evidence"]["fields"][1].erase("label"); },
            "a text_after_label field needs its label"},
        BadCatalog{"evidence_without_keywords",
                   [](auto& j) { material_json(j, "business_license")["evidence"].erase("keywords_all"); },
                   "evidence needs at least one keyword"},
        BadCatalog{"evidence_empty_keyword",
                   [](auto& j) {
                       material_json(j, "marriage_certificate")["evidence"]["keywords_any"].push_back("");
                   },
                   "a keyword cannot be empty"},
        BadCatalog{"evidence_field_twice",
                   [](auto& j) {
                       auto& fields = material_json(j, "business_license")["evidence"]["fields"];
                       fields.push_back(fields[0]);
                   },
                   "field 'uscc' is listed twice"},
        BadCatalog{
            "evidence_fills_unknown_field",
            [](auto& j) { material_json(j, "business_license")["evidence"]["fields"][0]["fills"] = "nope"; },
            "material 'business_license': evidence field 'uscc' fills 'nope', which no matter reads by OCR"},
        BadCatalog{"evidence_fills_field_of_other_material",
                   [](auto& j) {
                       material_json(j, "marriage_certificate")["evidence"]["fields"][0]["fills"] =
                           "newborn_birth_date";
                   },
                   "no matter reads by OCR from this material"},
        BadCatalog{
            "evidence_typo_key",
            [](auto& j) { material_json(j, "business_license")["evidence"]["keyword_all"] = {"营业执照"}; },
            "unknown key"},
        BadCatalog{"matters_not_an_array", [](auto& j) { j["matters"] = "all of them"; },
                   "expected an array"},
        // Each fee is within bounds, their sum is not: a checklist's fee is an int (found while adding
        // fuzz_catalog: 25 such matters overflowed it, its seed package-fees-past-int.json).
        BadCatalog{"package_fees_add_up_too_far",
                   [](auto& j) {
                       for (const auto& id : j["packages"][0]["matters"])
                           matter_json(j, id.template get<std::string>())["fee_fen"] = 60'000'000;
                   },
                   "package 'newborn': its matters' fees add up to more than 100000000 fen"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Catalog, NotJsonIsAClearError) {
    auto parsed = parse_catalog("{\"version\": \"1\",", "bundle.json");
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidData);
    EXPECT_NE(parsed.error().message.find("bundle.json: not valid JSON"), std::string::npos);
}

TEST(Catalog, MissingFileIsNotFoundOrIo) {
    auto parsed = load_catalog("/nonexistent/catalog.json");
    ASSERT_FALSE(parsed.ok());
    EXPECT_NE(parsed.error().message.find("/nonexistent/catalog.json"), std::string::npos);
}

TEST(Catalog, FeeFormatting) {
    EXPECT_EQ(format_fee(1250), "¥12.50");
    EXPECT_EQ(format_fee(5), "¥0.05");
    EXPECT_EQ(format_fee(100000), "¥1000.00");
}

} // namespace
} // namespace kiosk::domain
