// Submitting at the kiosk: the confirm screen seals the application into a real outbox (encrypted,
// on disk) through Submissions, and says "submitted" only after the seal; with a real kiosk-hub in
// this process (mutual TLS on loopback) the uploader delivers it and the receipt carries the hub's
// number; with the hub down or none configured it is saved and the citizen is told it is queued.
// The receipt is rendered from the real template (data/templates/receipt.json) and "printed" on the
// simulated roll.

#include "SceneHarness.h"

#include "core/base/Digest.h"
#include "core/documents/RenderPdf.h"
#include "core/documents/TemplateSet.h"
#include "services/PrintService.h"
#include "services/intake/MaterialIntake.h"
#include "services/outbox/Outbox.h"
#include "services/submit/Submissions.h"
#include "tests/hub/HubTestSupport.h"
#include "tests/unit/outbox/OutboxTestSupport.h"
#include "ui/scenes/ChecklistScene.h"
#include "ui/scenes/ConfirmScene.h"
#include "ui/scenes/HomeScene.h"

#include <fstream>
#include <gmock/gmock.h>

namespace kiosk::ui::test {
namespace {

using hub::test::HubInstance;
using outbox::test::TempFolder;

class ConfirmSceneTest : public SceneTest {
protected:
    void SetUp() override {
        SceneTest::SetUp();
        auto templates = print::TemplateSet::load(std::string(KIOSK_SOURCE_DIR) + "/data/templates");
        ASSERT_TRUE(templates.ok()) << templates.error().describe();
        m_templates.emplace(templates.release_value());
        m_printing = std::make_unique<services::PrintService>(
            *m_devices,
            [this](const std::string& name, const nlohmann::json& data) -> Result<std::vector<uint8_t>> {
                m_rendered.push_back(data);
                return print::render_pdf(*m_templates->find(name), data);
            },
            nullptr, services::PrintService::Queues{});
        attach_printing(m_printing.get());
        m_intake = std::make_unique<services::MaterialIntake>(
            m_catalog, m_queue, services::IntakeOptions{m_folder.path() / "scans"});
        attach_intake(m_intake.get());
    }
    void TearDown() override {
        SceneTest::TearDown();
        m_submissions.reset();
        m_intake.reset();
    }

    void open_submissions(HubOptions hub, OutboxOptions outbox) {
        m_options.kiosk_id = "dev-kiosk-01"; // the hub checks it against the client certificate
        m_outbox_options = outbox;
        m_submissions = std::make_unique<services::Submissions>((m_folder.path() / "kiosk.db").string(),
                                                                outbox, std::move(hub), m_clock, m_queue);
        m_submissions->set_reopen_interval(std::chrono::milliseconds(500));
        m_submissions->start();
        attach_submissions(m_submissions.get());
    }

    // An identified citizen who scanned the birth certificate and typed the form, on the confirm screen.
    ConfirmScene& citizen_at_confirm() {
        start_identified_session_at_home();
        auto folder = m_folder.path() / "scans" / "birth_medical_certificate";
        std::filesystem::create_directories(folder);
        std::ofstream(folder / "birth_medical_certificate.pdf") << "%PDF-1.4 a scanned birth certificate";
        note_scanned("birth_medical_certificate", 1, domain::Verdict::Matches,
                     folder / "birth_medical_certificate.pdf", {{"newborn_birth_date", "2026-11-20"}});
        m_citizen->set_field("newborn_name", "张小宝");
        m_citizen->set_field("phone", "13800138000");
        m_citizen->set_field("relationship", "母亲");
        EXPECT_TRUE(m_citizen->select("package:newborn"));
        m_scenes->go<SceneId::Confirm>();
        return dynamic_cast<ConfirmScene&>(m_scenes->current());
    }

    TempFolder m_folder;
    OutboxOptions m_outbox_options;
    std::optional<print::TemplateSet> m_templates;
    std::vector<nlohmann::json> m_rendered;
    std::unique_ptr<services::PrintService> m_printing;
    std::unique_ptr<services::MaterialIntake> m_intake;
    std::unique_ptr<services::Submissions> m_submissions;
};

TEST_F(ConfirmSceneTest, NothingIsSubmittedWithoutConsent) {
    open_submissions({}, outbox::test::make_outbox_options(m_folder.path()));
    auto& scene = citizen_at_confirm();
    auto summary = scene.summary();
    ASSERT_FALSE(summary.empty());
    EXPECT_EQ(summary[0], "新生儿出生“一件事”");
    auto joined = [&] {
        std::string all;
        for (const auto& line : summary)
            all += line + "\n";
        return all;
    }();
    EXPECT_NE(joined.find("张小宝"), std::string::npos) << joined;
    EXPECT_NE(joined.find("2026-11-20"), std::string::npos) << joined; // read from the scan
    EXPECT_NE(joined.find("母亲"), std::string::npos) << joined;
    EXPECT_EQ(joined.find(m_citizen->identity()->id_number), std::string::npos) << "ID number shown unmasked";
    EXPECT_FALSE(scene.submit_button().enabled());
    scene.submit_button().click();
    EXPECT_EQ(scene.phase(), ConfirmScene::Phase::Review);
    scene.agree_button().click();
    EXPECT_TRUE(scene.submit_button().enabled());
    scene.agree_button().click(); // changed their mind
    EXPECT_FALSE(scene.submit_button().enabled());
    draw();

    // A required field emptied (the form screen should not let it happen): nothing can be submitted.
    m_citizen->set_field("phone", "");
    ASSERT_TRUE(m_citizen->select("package:newborn"));
    m_scenes->go<SceneId::Confirm>();
    auto& incomplete = dynamic_cast<ConfirmScene&>(m_scenes->current());
    incomplete.agree_button().click();
    EXPECT_FALSE(incomplete.submit_button().enabled());
    EXPECT_EQ(incomplete.status(), m_tr->tr("confirm.form_incomplete"));
}

TEST_F(ConfirmSceneTest, WithoutAHubItIsSealedAndTheCitizenIsToldItIsQueued) {
    open_submissions({}, outbox::test::make_outbox_options(m_folder.path()));
    auto& scene = citizen_at_confirm();
    scene.agree_button().click();
    scene.submit_button().click();
    EXPECT_EQ(scene.phase(), ConfirmScene::Phase::Sealing);
    EXPECT_EQ(scene.status(), m_tr->tr("confirm.sealing")); // not "submitted" before the seal
    ASSERT_TRUE(pump_until([&] { return scene.receipt_printed(); }, std::chrono::seconds(20)))
        << scene.status();
    EXPECT_EQ(scene.phase(), ConfirmScene::Phase::Sealed);
    EXPECT_NE(scene.status().find(m_tr->tr("confirm.queued_no_hub")), std::string::npos) << scene.status();
    EXPECT_NE(scene.status().find(scene.query_token()), std::string::npos);

    // On disk, sealed, with the material and the form; the receipt says queued and carries the token.
    auto outbox = outbox::Outbox::open((m_folder.path() / "kiosk.db").string(), m_outbox_options, m_clock);
    ASSERT_TRUE(outbox.ok()) << outbox.error().describe();
    auto found = outbox.value()->find(scene.application_id());
    ASSERT_TRUE(found.ok() && found.value().has_value());
    EXPECT_EQ(found.value()->state, outbox::ApplicationState::Sealed);
    EXPECT_EQ(found.value()->query_token_sha256, sha256_hex(scene.query_token()));
    EXPECT_EQ(found.value()->matter_ids.size(), 4u);
    EXPECT_EQ(found.value()->blobs.size(), 1u);
    auto payload = outbox.value()->payload(scene.application_id());
    ASSERT_TRUE(payload.ok());
    EXPECT_NE(payload.value().find("张小宝"), std::string::npos);
    EXPECT_NE(payload.value().find("consent-v1"), std::string::npos);
    ASSERT_EQ(m_rendered.size(), 1u);
    EXPECT_EQ(m_rendered[0]["query"]["token"], scene.query_token());
    EXPECT_EQ(m_rendered[0]["application"]["number"], m_tr->tr("confirm.receipt_number_pending"));
    EXPECT_EQ(m_rendered[0]["application"]["state"], m_tr->tr("confirm.receipt_state_saved"));
    EXPECT_EQ(m_rendered[0]["materials"].size(), 1u);
    EXPECT_EQ(m_receipt_printer.printed_count(), 1);
    EXPECT_TRUE(scene.finish_button().enabled());
    draw();
    if (const char* shots = std::getenv("KIOSK_TEST_SHOTS")) {
        save_frame(std::string(shots) + "/confirm-queued.ppm");
        auto pdf = print::render_pdf(*m_templates->find("receipt"), m_rendered[0]);
        ASSERT_TRUE(pdf.ok());
        std::ofstream(std::string(shots) + "/receipt-queued.pdf", std::ios::binary)
            .write(reinterpret_cast<const char*>(pdf->data()), static_cast<std::streamsize>(pdf->size()));
    }

    // Back to the form and forward again: the same application, not a second one.
    std::string id = scene.application_id();
    m_scenes->back();
    ASSERT_TRUE(m_citizen->select("package:newborn"));
    m_scenes->go<SceneId::Confirm>();
    auto& again = dynamic_cast<ConfirmScene&>(m_scenes->current());
    EXPECT_EQ(again.phase(), ConfirmScene::Phase::Sealed);
    EXPECT_EQ(again.application_id(), id);
    EXPECT_FALSE(again.submit_button().visible());
    auto counts = outbox.value()->counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts.value().sealed, 1);
    auto& scene_now = again;

    scene_now.finish_button().click(); // the session ends and takes the citizen's data with it
    EXPECT_EQ(m_scenes->current_id(), SceneId::Attract);
    EXPECT_EQ(m_citizen->identity(), nullptr);
    EXPECT_TRUE(m_citizen->form().empty());
}

TEST_F(ConfirmSceneTest, WithTheHubUpTheReceiptCarriesTheHubsNumber) {
    HubInstance hub;
    open_submissions(hub::test::kiosk_link(hub.url()), outbox::test::make_outbox_options(m_folder.path()));
    auto& scene = citizen_at_confirm();
    scene.agree_button().click();
    scene.submit_button().click();
    ASSERT_TRUE(pump_until([&] { return scene.receipt_printed(); }, std::chrono::seconds(30)))
        << scene.status();
    ASSERT_FALSE(scene.application_number().empty()) << scene.status();
    EXPECT_NE(scene.status().find(scene.application_number()), std::string::npos) << scene.status();
    ASSERT_EQ(m_rendered.size(), 1u);
    EXPECT_EQ(m_rendered[0]["application"]["number"], scene.application_number());
    EXPECT_EQ(m_rendered[0]["application"]["state"], m_tr->tr("confirm.receipt_state_delivered"));

    // The hub fanned it out to the newborn package's four departments; the token finds it.
    auto answer =
        hub::test::get(*hub.client("kiosk-dev-kiosk-01"), "/v1/applications/" + scene.application_number() +
                                                              "/status?token=" + scene.query_token());
    ASSERT_EQ(answer.status, 200) << answer.raw;
    EXPECT_EQ(answer.body["matters"].size(), 4u);
}

TEST_F(ConfirmSceneTest, AHubThatIsDownQueuesItAndTheReceiptDoesNotWaitForever) {
    std::string url;
    {
        HubInstance hub;
        url = hub.url();
    }
    open_submissions(hub::test::kiosk_link(url), outbox::test::make_outbox_options(m_folder.path()));
    auto& scene = citizen_at_confirm();
    scene.agree_button().click();
    scene.submit_button().click();
    ASSERT_TRUE(pump_until(
        [&] {
            advance_and_tick(std::chrono::milliseconds(500)); // the number wait runs on the kiosk's clock
            return scene.receipt_printed();
        },
        std::chrono::seconds(30)))
        << scene.status();
    EXPECT_TRUE(scene.application_number().empty());
    EXPECT_EQ(m_rendered.at(0)["application"]["state"], m_tr->tr("confirm.receipt_state_queued"));
    EXPECT_NE(scene.status().find(m_tr->tr("confirm.queued")), std::string::npos) << scene.status();
}

TEST_F(ConfirmSceneTest, AnOutboxThatCannotBeOpenedSubmitsNothingAndSaysSo) {
    auto options = outbox::test::make_outbox_options(m_folder.path());
    options.key_file = (m_folder.path() / "no-such.key").string();
    open_submissions({}, options);
    // A citizen already on the confirm screen when the kiosk finds out: submit is not offered.
    auto& scene = citizen_at_confirm();
    scene.agree_button().click();
    ASSERT_TRUE(pump_until([&] { return count_audit("applying.closed") == 1; }, std::chrono::seconds(20)));
    EXPECT_FALSE(scene.submit_button().enabled());
    scene.submit_button().click();
    EXPECT_EQ(scene.phase(), ConfirmScene::Phase::Review);
    EXPECT_EQ(scene.status(), m_tr->tr("confirm.cannot_submit"));
    EXPECT_TRUE(scene.query_token().empty());
    // Asked all the same (a scene that did not look), the case's seal fails and says so.
    ASSERT_TRUE(m_citizen->submit(m_clock.wall_now()).ok());
    ASSERT_TRUE(
        pump_until([&] { return scene.phase() != ConfirmScene::Phase::Sealing; }, std::chrono::seconds(20)));
    EXPECT_EQ(scene.phase(), ConfirmScene::Phase::Failed);
    EXPECT_EQ(scene.status(), m_tr->tr("confirm.failed"));
    EXPECT_TRUE(m_rendered.empty()); // no receipt for what was not submitted
    draw();
}

// M11: a kiosk whose outbox does not open — here a real outbox holding a waiting application sealed
// under another key than the one configured — takes no application: the home screen offers no way to
// start one (certificates stay), the checklist's apply is off, and staff find why in the audit log.
// A key file put right opens applying again, without a restart.
TEST_F(ConfirmSceneTest, AKioskWhoseOutboxKeyDoesNotMatchOffersNoWayToApply) {
    auto right = outbox::test::make_outbox_options(m_folder.path(), 0x42);
    {
        auto box = outbox::Outbox::open((m_folder.path() / "kiosk.db").string(), right, m_clock);
        ASSERT_TRUE(box.ok()) << box.error().describe();
        ASSERT_TRUE(box.value()->seal(outbox::test::make_package(m_folder.path(), m_clock)).ok());
    }
    auto wrong = outbox::test::make_outbox_options(m_folder.path(), 0x43); // the same outbox folder
    m_scenes->start(); // the attract screen, while the kiosk finds out
    open_submissions({}, wrong);
    ASSERT_TRUE(pump_until([&] { return count_audit("applying.closed") == 1; }, std::chrono::seconds(20)))
        << "the kiosk did not find out at start";
    EXPECT_FALSE(m_submissions->sealing().ready);
    EXPECT_THAT(last_audit("applying.closed")->detail, ::testing::HasSubstr("outbox key is not the one"));

    start_identified_session_at_home();
    auto& home = dynamic_cast<HomeScene&>(m_scenes->current());
    EXPECT_FALSE(home.start_button().enabled());
    EXPECT_EQ(home.start_button().text(), m_tr->tr("home.applying_closed"));
    EXPECT_TRUE(home.certificates_button().enabled()) << "certificates need no sealing";
    draw();
    m_scenes->go<SceneId::Checklist>(ItemKey{"package:newborn"});
    auto& checklist = dynamic_cast<ChecklistScene&>(m_scenes->current());
    EXPECT_FALSE(checklist.apply_button().enabled());
    EXPECT_EQ(checklist.apply_button().text(), m_tr->tr("checklist.applying_closed"));

    // Staff put the right key in place: the next attempt opens applying again.
    std::filesystem::copy_file(right.key_file, wrong.key_file,
                               std::filesystem::copy_options::overwrite_existing);
    ASSERT_TRUE(pump_until([&] { return count_audit("applying.open") == 1; }, std::chrono::seconds(20)));
    EXPECT_TRUE(checklist.apply_button().enabled());
}

} // namespace
} // namespace kiosk::ui::test
