// Identifying by passport: the citizen lays the data page on the scanner, the intake reads its MRZ
// (the real MrzReader on a rendered OCR-B page) and a valid, unexpired document becomes the session's
// identity and the greeting at home. A page with no MRZ is told as such and identifies no one.

#include "SceneHarness.h"

#include "services/intake/MaterialIntake.h"
#include "services/ocr/OcrEngine.h"
#include "ui/scenes/IdentifyScene.h"

#include <filesystem>
#include <thread>

namespace kiosk::ui::test {
namespace {

namespace fs = std::filesystem;

class PassportIdentifyTest : public SceneTest {
protected:
    void SetUp() override {
        SceneTest::SetUp();
        m_folder = fs::temp_directory_path() / ("passport-scene-" + std::to_string(getpid()));
        m_intake =
            std::make_unique<services::MaterialIntake>(m_catalog, m_queue, services::IntakeOptions{m_folder});
        attach_intake(m_intake.get());
        m_scenes->start();
        tap(kAttractTouchAnywhere);
        m_scenes->go<SceneId::Identify>(IdentifyBy::Passport);
        draw();
    }
    void TearDown() override {
        SceneTest::TearDown();
        m_intake.reset();
        fs::remove_all(m_folder);
    }
    IdentifyScene* scene() { return dynamic_cast<IdentifyScene*>(&m_scenes->current()); }

    void place(const std::string& path) {
        auto page = ocr::load_page_image(path, 300);
        ASSERT_TRUE(page.ok()) << page.error().describe();
        m_scanner.place_document(std::make_shared<const drivers::ScannedPage>(page.release_value()));
    }
    // Start the scan, then run the main loop until the scene leaves or says something new (60 s).
    void scan() {
        m_scenes->handle_event(services::DeviceStatusChanged{m_scanner.status()});
        ASSERT_NE(scene(), nullptr);
        draw(); // lays the scan button out with the scanner ready
        ASSERT_TRUE(scene()->scan_button().enabled());
        tap(scene()->scan_button().bounds().centre());
        for (int i = 0; i < 6000; ++i) {
            while (auto event = m_queue.try_pop())
                m_scenes->handle_event(*event);
            if (!scene() || (scene()->status() != m_tr->tr("identify.scanning") &&
                             scene()->status() != m_tr->tr("identify.reading_passport")))
                return;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        FAIL() << "no answer within 60 s";
    }

    fs::path m_folder;
    std::unique_ptr<services::MaterialIntake> m_intake;
};

TEST_F(PassportIdentifyTest, AValidPassportPageIdentifiesTheCitizen) {
    place(std::string(KIOSK_MRZ_PAGES) + "/clean/td3_wang.png");
    scan();
    ASSERT_NE(m_citizen->identity(), nullptr);
    EXPECT_EQ(m_citizen->identity()->document_type, domain::DocumentType::Passport);
    EXPECT_EQ(m_citizen->identity()->name, "WANG XIAO MING");
    EXPECT_EQ(m_citizen->identity()->id_number, "EZ0000001");
    EXPECT_EQ(m_citizen->identity()->birth_date, "1990-03-07");
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    draw();
}

TEST_F(PassportIdentifyTest, APageWithoutAnMrzIdentifiesNoOne) {
    place(std::string(KIOSK_OCR_CORPUS) + "/lease-300dpi-v0.png");
    scan();
    EXPECT_EQ(m_citizen->identity(), nullptr);
    ASSERT_NE(scene(), nullptr);
    EXPECT_EQ(scene()->status(), m_tr->tr("identify.mrz_not_found"));
}

TEST_F(PassportIdentifyTest, AnExpiredPassportIsRefused) {
    place(std::string(KIOSK_MRZ_PAGES) + "/clean/td3_icao_specimen.png"); // expired in 2012
    scan();
    EXPECT_EQ(m_citizen->identity(), nullptr);
    ASSERT_NE(scene(), nullptr);
    EXPECT_EQ(scene()->status(), m_tr->tr("identify.passport_expired"));
}

} // namespace
} // namespace kiosk::ui::test
