// Scanning a package's materials: the scene asks for each material once (not for the ID card the
// reader has already read), scans on the simulated scanner, hands the page to the real intake
// (clean, store in the session folder, OCR check with the warm Tesseract engine), shows the verdict,
// and lets the citizen continue only when every required material is in. A wrong page and an
// unreadable page are told apart from a matching one; everything scanned is gone when the session ends.

#include "SceneHarness.h"

#include "services/intake/MaterialIntake.h"
#include "services/ocr/OcrEngine.h"
#include "ui/scenes/ScanScene.h"

#include <filesystem>
#include <thread>

namespace kiosk::ui::test {
namespace {

namespace fs = std::filesystem;
using Phase = ScanScene::Phase;

class ScanSceneTest : public SceneTest {
protected:
    void SetUp() override {
        SceneTest::SetUp();
        m_folder =
            fs::temp_directory_path() / ("scan-scene-" + std::to_string(getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
        m_intake = std::make_unique<services::MaterialIntake>(m_catalog, m_queue,
                                                              services::IntakeOptions{m_folder, 150});
        attach_intake(m_intake.get());
    }
    void TearDown() override {
        SceneTest::TearDown();
        m_intake.reset();
        fs::remove_all(m_folder);
    }

    ScanScene& scene() { return dynamic_cast<ScanScene&>(m_scenes->current()); }

    void open_newborn_scan() {
        start_identified_session_at_home();
        ASSERT_TRUE(m_citizen->select("package:newborn"));
        m_scenes->go<SceneId::Scan>();
        ASSERT_EQ(m_scenes->current_id(), SceneId::Scan);
        draw();
    }

    void place(const std::string& corpus_page) {
        auto page = ocr::load_page_image(std::string(KIOSK_OCR_CORPUS) + "/" + corpus_page, 300);
        ASSERT_TRUE(page.ok()) << page.error().describe();
        m_scanner.place_document(std::make_shared<const drivers::ScannedPage>(page.release_value()));
    }

    void scan_and_wait() {
        ASSERT_TRUE(scene().scan_button().enabled()) << scene().scan_button().text();
        tap(scene().scan_button().bounds().centre());
        ASSERT_EQ(scene().phase(), Phase::Scanning);
        ASSERT_TRUE(pump_until([&] {
            return scene().phase() != Phase::Scanning && scene().phase() != Phase::Checking;
        })) << "no verdict within 60 s";
        draw();
    }

    fs::path m_folder;
    std::unique_ptr<services::MaterialIntake> m_intake;
};

TEST_F(ScanSceneTest, AsksForEachMaterialButNotTheCardTheReaderRead) {
    open_newborn_scan();
    // The newborn package lists the ID card first; the reader has read it, so the birth
    // certificate is asked for first and the card's row says it is done.
    EXPECT_EQ(scene().current_material_id(), "birth_medical_certificate");
    const auto& rows = scene().materials_list().rows();
    ASSERT_GE(rows.size(), 4u);
    EXPECT_NE(rows[0].title.find("居民身份证"), std::string::npos);
    EXPECT_EQ(rows[0].trailing, m_tr->tr("scan.status_card"));
    EXPECT_FALSE(scene().continue_button().enabled());
    EXPECT_NE(scene().continue_button().text().find("3"), std::string::npos)
        << scene().continue_button().text();
    EXPECT_NE(scene().message().find("出生医学证明"), std::string::npos);
}

TEST_F(ScanSceneTest, TheRightDocumentIsCheckedStoredAndPrefillsTheForm) {
    open_newborn_scan();
    place("birth-300dpi-v0.png");
    scan_and_wait();
    EXPECT_EQ(scene().phase(), Phase::Done);
    auto it = m_citizen->materials().find("birth_medical_certificate");
    ASSERT_NE(it, m_citizen->materials().end());
    EXPECT_TRUE(it->second.checked);
    EXPECT_EQ(it->second.check.verdict, domain::Verdict::Matches);
    EXPECT_EQ(it->second.pages, 1);
    EXPECT_GT(it->second.pdf_bytes, 10000u);
    // The birth date read from the page fills the form field the catalog names.
    ASSERT_EQ(m_citizen->read_values().count("newborn_birth_date"), 1u);
    EXPECT_EQ(scene().message().find(m_tr->tr("scan.prefilled")) != std::string::npos, true)
        << scene().message();
    EXPECT_TRUE(fs::exists(m_folder / "birth_medical_certificate" / "birth_medical_certificate.pdf"));
    EXPECT_EQ(scene().scan_button().text(), m_tr->tr("scan.next_material"));
    EXPECT_EQ(scene().materials_list().rows()[1].trailing, m_tr->tr("scan.status_matches"));

    // "Next document" moves on to the next material still to do.
    tap(scene().scan_button().bounds().centre());
    EXPECT_NE(scene().current_material_id(), "birth_medical_certificate");
    EXPECT_EQ(scene().phase(), Phase::Waiting);
}

TEST_F(ScanSceneTest, AWrongDocumentIsRefusedWithTheReasonAndNothingIsPrefilled) {
    open_newborn_scan();
    place("lease-300dpi-v0.png"); // a lease contract where the birth certificate should be
    scan_and_wait();
    EXPECT_EQ(scene().phase(), Phase::Done);
    const auto& material = m_citizen->materials().at("birth_medical_certificate");
    EXPECT_EQ(material.check.verdict, domain::Verdict::DoesNotMatch);
    EXPECT_FALSE(material.accepted());
    EXPECT_TRUE(m_citizen->read_values().empty());
    EXPECT_NE(scene().message().find("出生医学证明"), std::string::npos) << scene().message();
    EXPECT_NE(scene().message().find("没有找到"), std::string::npos)
        << scene().message(); // the keyword missing
    EXPECT_EQ(scene().scan_button().text(), m_tr->tr("scan.rescan"));
    EXPECT_FALSE(scene().continue_button().enabled());

    // Scanning the right page replaces the wrong one.
    place("birth-300dpi-v0.png");
    scan_and_wait();
    EXPECT_EQ(m_citizen->materials().at("birth_medical_certificate").check.verdict, domain::Verdict::Matches);
    EXPECT_EQ(m_citizen->materials().at("birth_medical_certificate").pages, 1);
}

TEST_F(ScanSceneTest, ABlankPageIsUnreadableNotAMismatch) {
    open_newborn_scan();
    scan_and_wait(); // nothing on the glass: the simulator's blank sheet
    EXPECT_EQ(m_citizen->materials().at("birth_medical_certificate").check.verdict,
              domain::Verdict::Unreadable);
    EXPECT_EQ(scene().message().find(m_tr->tr("scan.result_unreadable")), 0u) << scene().message();
}

TEST_F(ScanSceneTest, AScannerFaultIsToldAndTheScanButtonWaitsForTheScanner) {
    open_newborn_scan();
    m_scanner.jam();
    ASSERT_TRUE(pump_until([&] { return !m_devices->usable(domain::DeviceKind::Scanner); }));
    draw();
    EXPECT_FALSE(scene().scan_button().enabled());
    EXPECT_EQ(scene().scan_button().text(), m_tr->tr("scan.scanner_unavailable"));
    m_scanner.clear_fault();
    ASSERT_TRUE(pump_until([&] { return m_devices->usable(domain::DeviceKind::Scanner); }));
    EXPECT_TRUE(scene().scan_button().enabled());
}

TEST_F(ScanSceneTest, AnOptionalMaterialCanBeSkippedAndTheEndOfTheSessionWipesEveryScan) {
    open_newborn_scan();
    place("birth-300dpi-v0.png");
    scan_and_wait();
    tap(scene().scan_button().bounds().centre()); // next: the marriage certificate, only if it applies
    ASSERT_EQ(scene().current_material_id(), "marriage_certificate");
    ASSERT_TRUE(scene().second_button().visible());
    EXPECT_EQ(scene().second_button().text(), m_tr->tr("scan.skip"));
    tap(scene().second_button().bounds().centre());
    EXPECT_EQ(scene().current_material_id(), "household_register");
    ASSERT_TRUE(fs::exists(m_folder / "birth_medical_certificate"));

    m_scenes->end_session(services::SessionEndReason::Done);
    EXPECT_TRUE(m_citizen->materials().empty());
    EXPECT_TRUE(m_citizen->read_values().empty());
    // The wipe runs on the intake's worker, after any store in flight.
    ASSERT_TRUE(pump_until([&] { return !fs::exists(m_folder); })) << "the scan folder outlived the session";
}

} // namespace
} // namespace kiosk::ui::test
