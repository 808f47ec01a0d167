// The home screen after a restart mid-visit: the citizen's card brings their draft back, and a dialog
// asks "Continue your application for <item>?" — Continue goes on to the scan screen (which asks again
// for what was scanned before, and says why), Start over deletes the draft and keeps them identified.
// Real drafts on disk (services/case/CaseDrafts.h) under a test key.

#include "SceneHarness.h"

#include "services/case/CaseDrafts.h"
#include "tests/unit/outbox/OutboxTestSupport.h"
#include "ui/scenes/HomeScene.h"
#include "ui/scenes/ScanScene.h"

namespace kiosk::ui::test {
namespace {

namespace fs = std::filesystem;

class ResumeOfferTest : public SceneTest {
protected:
    void SetUp() override {
        SceneTest::SetUp();
        auto outbox = outbox::test::make_outbox_options(m_folder.path());
        m_draft_options = {m_folder.path() / "drafts", outbox.key_file, std::chrono::seconds(600)};
        // The visit before the restart: the citizen had chosen a matter, typed their phone, scanned
        // a photo.
        {
            auto before = make_drafts();
            services::CaseSnapshot snapshot;
            snapshot.written_at = m_clock.wall_now();
            snapshot.holder = drivers::SimIdCardReader::sample_identity(0);
            snapshot.strength = services::IdentityStrength::CardRead;
            snapshot.item_key = "matter:residence_permit";
            snapshot.typed = {{"phone", "13800138000"}};
            snapshot.materials = {{"photo", 1}};
            before->save(std::move(snapshot));
        }
        m_clock.advance(std::chrono::minutes(2));
        m_drafts = make_drafts();
        m_drafts->load();
        m_drafts->flush();
        auto parts = m_citizen->services();
        parts.drafts = m_drafts.get();
        m_citizen->attach(parts);
    }
    void TearDown() override {
        SceneTest::TearDown();
        m_citizen.reset();
        m_drafts.reset();
    }

    std::unique_ptr<services::CaseDrafts> make_drafts() {
        auto made = services::CaseDrafts::create(m_draft_options, m_clock, nullptr);
        EXPECT_TRUE(made.ok()) << made.error().describe();
        return made.release_value();
    }
    HomeScene* home() { return dynamic_cast<HomeScene*>(&m_scenes->current()); }
    Point centre(const Widget& widget) const {
        return {widget.bounds().x + widget.bounds().w / 2, widget.bounds().y + widget.bounds().h / 2};
    }

    outbox::test::TempFolder m_folder;
    services::DraftOptions m_draft_options;
    std::unique_ptr<services::CaseDrafts> m_drafts;
};

TEST_F(ResumeOfferTest, TheSameCardIsOfferedItsApplicationAndContinuesToTheScanScreen) {
    start_identified_session_at_home();
    ASSERT_NE(home(), nullptr);
    ASSERT_TRUE(home()->resume_dialog().visible());
    draw(); // places the dialog's buttons
    std::string item = m_citizen->item()->name().in(m_tr->language());
    EXPECT_NE(m_tr->format("home.resume_message", {{"item", item}}), "");

    tap(centre(home()->resume_dialog().primary()));
    ASSERT_EQ(m_scenes->current_id(), SceneId::Scan);
    EXPECT_FALSE(m_citizen->resume_offered());
    EXPECT_EQ(m_citizen->typed().at("phone"), "13800138000");
    auto* scan = dynamic_cast<ScanScene*>(&m_scenes->current());
    ASSERT_NE(scan, nullptr);
    EXPECT_EQ(scan->current_material_id(), "photo");
    EXPECT_NE(scan->message().find(m_tr->tr("scan.rescan_after_restart")), std::string::npos)
        << "the scan screen does not say why the photo is asked for again";
    draw();
}

TEST_F(ResumeOfferTest, StartOverDeletesTheDraftAndKeepsTheCitizenAtHome) {
    start_identified_session_at_home();
    ASSERT_TRUE(home()->resume_dialog().visible());
    draw();
    tap(centre(home()->resume_dialog().secondary()));
    EXPECT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_FALSE(home()->resume_dialog().visible());
    ASSERT_NE(m_citizen->identity(), nullptr);
    EXPECT_EQ(m_citizen->item(), nullptr);
    EXPECT_TRUE(m_citizen->typed().empty());
    m_drafts->flush();
    EXPECT_FALSE(fs::exists(m_draft_options.folder / "case.draft"));
    EXPECT_EQ(count_audit("session.started_over"), 1);
    draw();
}

TEST_F(ResumeOfferTest, ACardReadOnTheAttractScreenGoesHomeToTheOffer) {
    m_scenes->start();
    m_scenes->handle_event(services::CardRead{drivers::SimIdCardReader::sample_identity(0)});
    ASSERT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_TRUE(home()->resume_dialog().visible());
}

TEST_F(ResumeOfferTest, AnotherCitizensCardSeesNoOffer) {
    m_scenes->start();
    m_scenes->handle_event(services::CardRead{drivers::SimIdCardReader::sample_identity(1)});
    ASSERT_EQ(m_scenes->current_id(), SceneId::Home);
    EXPECT_FALSE(home()->resume_dialog().visible());
    EXPECT_FALSE(m_drafts->holding());
}

} // namespace
} // namespace kiosk::ui::test
