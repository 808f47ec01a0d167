// The checklist printout built from the real catalog (services/PrintDocuments) renders with the
// shipped template for every package and every matter, and the paper says what the screen says:
// the name, each department and each material.

#include "PdfTools.h"
#include "core/base/Config.h"
#include "core/documents/RenderPdf.h"
#include "core/documents/TemplateSet.h"
#include "core/domain/Catalog.h"
#include "services/PrintDocuments.h"

#include <gtest/gtest.h>

namespace kiosk::print {
namespace {

using testing::pdf_text;
using testing::ScratchDir;
using testing::write_bytes;

class CatalogDocumentTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto catalog =
            domain::load_catalog(std::string(KIOSK_SOURCE_DIR) + "/data/catalog/sample-catalog.json");
        ASSERT_TRUE(catalog.ok()) << catalog.error().describe();
        m_catalog = catalog.release_value();
        auto templates = TemplateSet::load(std::string(KIOSK_SOURCE_DIR) + "/data/templates");
        ASSERT_TRUE(templates.ok()) << templates.error().describe();
        m_templates.emplace(templates.release_value());
        m_hall.name = {"示范区政务服务中心", "Demonstration District Government Service Centre"};
        m_hall.phone = "12345";
        m_hall.address = {"示范区人民大道 188 号", "188 Renmin Avenue"};
    }

    // Renders the checklist of a package or matter and returns its text (pdftotext, spaces removed:
    // Chinese lines wrap anywhere).
    std::string printed(const domain::Package* package, const domain::Matter* matter) {
        auto data = services::checklist_document(m_catalog, package, matter, m_hall,
                                                 WallTime{} + std::chrono::hours(1));
        auto pdf = render_pdf(*m_templates->find("checklist"), data);
        EXPECT_TRUE(pdf.ok()) << pdf.error().describe();
        if (!pdf.ok())
            return "";
        auto file = m_scratch.path("checklist.pdf");
        write_bytes(file, pdf.value());
        std::string text = pdf_text(file), compact;
        for (char c : text)
            if (c != ' ' && c != '\n' && c != '\f')
                compact += c;
        return compact;
    }

    void expect_on_paper(const std::string& text, const std::string& wanted, const std::string& item) {
        std::string compact;
        for (char c : wanted)
            if (c != ' ')
                compact += c;
        EXPECT_NE(text.find(compact), std::string::npos) << item << ": '" << wanted << "' is not on paper";
    }

    domain::Catalog m_catalog;
    std::optional<TemplateSet> m_templates;
    HallOptions m_hall;
    ScratchDir m_scratch;
};

TEST_F(CatalogDocumentTest, EveryPackagePrintsWithItsDepartmentsAndMaterials) {
    ASSERT_GE(m_catalog.packages().size(), 3u);
    for (const auto& package : m_catalog.packages()) {
        std::string text = printed(&package, nullptr);
        expect_on_paper(text, package.name.zh, package.id);
        auto checklist = m_catalog.checklist_for_package(package);
        for (const auto* department : checklist.departments)
            expect_on_paper(text, department->name.zh, package.id);
        for (const auto& material : checklist.materials)
            expect_on_paper(text, material.kind->name.zh, package.id);
        expect_on_paper(text, "12345", package.id);
    }
}

TEST_F(CatalogDocumentTest, EveryMatterPrintsOnItsOwn) {
    for (const auto& matter : m_catalog.matters()) {
        std::string text = printed(nullptr, &matter);
        expect_on_paper(text, matter.name.zh, matter.id);
        for (const auto& requirement : matter.materials)
            expect_on_paper(text, m_catalog.find_material(requirement.material_id)->name.zh, matter.id);
    }
}

} // namespace
} // namespace kiosk::print
