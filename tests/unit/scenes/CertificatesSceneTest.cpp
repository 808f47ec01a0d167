// Certificate self-print against a real kiosk-hub (in this process, mutual TLS on loopback): a
// department approves a certificate-issuing matter, the citizen identified with their ID card finds
// the certificate at the kiosk and prints it on the (simulated) A4 printer through the print ledger,
// and a second print of the same certificate is refused as accountable paper.

#include "SceneHarness.h"

#include "core/store/AuditLog.h"
#include "core/store/PrintLedger.h"
#include "services/PrintService.h"
#include "services/hubquery/HubQueries.h"
#include "tests/hub/HubTestSupport.h"
#include "ui/scenes/CertificatesScene.h"

#include <cstdlib>
#include <filesystem>
#include <thread>

namespace kiosk::ui::test {
namespace {

using hub::test::HubInstance;

class CertificatesSceneTest : public SceneTest {
protected:
    void SetUp() override {
        SceneTest::SetUp();
        char pattern[] = "/tmp/certificates-scene-XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        m_dir = pattern;
        auto database = store::Database::open(m_dir + "/kiosk.db");
        ASSERT_TRUE(database.ok()) << database.error().describe();
        m_database = database.release_value();
        m_audit = std::make_unique<store::AuditLog>(*m_database, m_clock);
        m_ledger = std::make_unique<store::PrintLedger>(*m_database, *m_audit, m_clock);
        auto no_templates = [](const std::string&, const nlohmann::json&) -> Result<std::vector<uint8_t>> {
            return make_error(ErrorCode::NotFound, "no templates in this test");
        };
        m_printing = std::make_unique<services::PrintService>(*m_devices, no_templates, m_ledger.get(),
                                                              services::PrintService::Queues{});
        m_context->printing = m_printing.get();

        m_queries = std::make_unique<services::HubQueries>(hub::test::kiosk_link(m_hub.url()), m_queue);
        m_context->hub = m_queries.get();
    }
    void TearDown() override {
        SceneTest::TearDown();
        m_queries.reset();
        std::filesystem::remove_all(m_dir);
    }

    // A no-criminal-record certificate issued to the test holder: submitted, approved by the police.
    void issue_certificate() {
        auto body = hub::test::application(3, "", {"no_criminal_record_certificate"});
        auto answer = hub::test::post_json(*m_hub.client("kiosk-dev-kiosk-01"), "/v1/applications", body);
        ASSERT_EQ(answer.status, 201) << answer.raw;
        std::string number = answer.body.value("application_number", "");
        auto decided = hub::test::post_json(*m_hub.client("dept-public_security"),
                                            "/v1/work-items/" + number + "-1/decision",
                                            {{"decision", "approve"}, {"officer", "王警官"}});
        ASSERT_EQ(decided.status, 200) << decided.raw;
    }

    void identify_holder() {
        m_scenes->start();
        tap(kAttractTouchAnywhere);
        domain::Identity holder = drivers::SimIdCardReader::sample_identity(0);
        holder.id_number = hub::test::kIdNumber;
        holder.name = hub::test::kHolderName;
        m_scenes->handle_event(services::CardRead{holder});
        ASSERT_NE(m_citizen->identity(), nullptr);
    }

    CertificatesScene& scene() { return dynamic_cast<CertificatesScene&>(m_scenes->current()); }

    HubInstance m_hub;
    std::string m_dir;
    std::unique_ptr<store::Database> m_database;
    std::unique_ptr<store::AuditLog> m_audit;
    std::unique_ptr<store::PrintLedger> m_ledger;
    std::unique_ptr<services::PrintService> m_printing;
    std::unique_ptr<services::HubQueries> m_queries;
};

TEST_F(CertificatesSceneTest, AnIssuedCertificateIsFoundAndPrintedOnce) {
    issue_certificate();
    identify_holder();
    m_scenes->go<SceneId::Certificates>();
    ASSERT_TRUE(pump_until([&] { return !scene().list().rows().empty(); })) << scene().status();
    ASSERT_EQ(scene().list().rows().size(), 1u);
    EXPECT_EQ(scene().status(), m_tr->tr("certificates.choose"));
    draw();

    const_cast<ListView&>(scene().list()).select(0);
    ASSERT_TRUE(pump_until([&] { return scene().status() == m_tr->tr("certificates.printed"); }))
        << scene().status();
    auto printed = m_ledger->recent(5);
    ASSERT_TRUE(printed.ok());
    ASSERT_EQ(printed.value().size(), 1u);
    EXPECT_EQ(printed.value()[0].kind, store::PrintKind::Certificate);
    EXPECT_EQ(printed.value()[0].state, store::PrintState::Completed);
    draw();
    EXPECT_EQ(scene().list().rows()[0].trailing, m_tr->tr("certificates.printed_short"));
    if (const char* shots = std::getenv("KIOSK_TEST_SHOTS"))
        save_frame(std::string(shots) + "/certificates.ppm");

    // Accountable paper: the same certificate does not come out twice.
    const_cast<ListView&>(scene().list()).select(0);
    ASSERT_TRUE(pump_until([&] { return scene().status() == m_tr->tr("certificates.already_printed"); }))
        << scene().status();
    EXPECT_EQ(m_ledger->recent(5).value().size(), 1u);
}

TEST_F(CertificatesSceneTest, WithoutAnIdentityNothingIsAsked) {
    m_scenes->start();
    m_scenes->go<SceneId::Certificates>();
    EXPECT_EQ(scene().status(), m_tr->tr("certificates.identify_first"));
    EXPECT_TRUE(scene().list().rows().empty());
}

// A passport page read from a scan is a document seen, not verified: paper can be forged, so it may
// start applications but never reaches anyone's certificates. The ID card on the reader does.
TEST_F(CertificatesSceneTest, APassportPageAloneNeverListsCertificatesTheIdCardDoes) {
    issue_certificate();
    m_scenes->start();
    tap(kAttractTouchAnywhere);
    domain::Identity holder = drivers::SimIdCardReader::sample_identity(0);
    holder.id_number = hub::test::kIdNumber;
    holder.name = hub::test::kHolderName;
    m_citizen->identify_by_document(holder);
    ASSERT_EQ(m_citizen->identity_strength(), services::IdentityStrength::DocumentSeen);
    EXPECT_EQ(m_citizen->certificate_holder(), nullptr);

    m_scenes->go<SceneId::Certificates>();
    EXPECT_EQ(scene().status(), m_tr->tr("certificates.card_required"));
    // Had the hub been asked, its answer would arrive well within this.
    pump_until([] { return false; }, std::chrono::milliseconds(1500));
    EXPECT_TRUE(scene().list().rows().empty()) << "certificates listed for a passport page";
    EXPECT_EQ(scene().status(), m_tr->tr("certificates.card_required"));
    draw();

    m_scenes->handle_event(services::CardRead{holder}); // the same citizen's ID card
    ASSERT_EQ(m_scenes->current_id(), SceneId::Certificates);
    ASSERT_EQ(m_citizen->identity_strength(), services::IdentityStrength::CardRead);
    ASSERT_TRUE(pump_until([&] { return !scene().list().rows().empty(); })) << scene().status();
    EXPECT_EQ(scene().list().rows().size(), 1u);
}

TEST_F(CertificatesSceneTest, NoCertificateYetIsSaid) {
    identify_holder();
    m_scenes->go<SceneId::Certificates>();
    ASSERT_TRUE(pump_until([&] { return scene().status() != m_tr->tr("certificates.querying"); }));
    EXPECT_EQ(scene().status(), m_tr->tr("certificates.none"));
}

} // namespace
} // namespace kiosk::ui::test
