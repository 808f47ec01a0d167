// Certificate self-print against a real kiosk-hub (in this process, mutual TLS on loopback): a
// department approves a certificate-issuing matter, the citizen identified with their ID card finds
// the certificate at the kiosk and prints it on the (simulated) A4 printer under the hub's print grant,
// and a second print of the same certificate — here or at another kiosk — is refused as accountable
// paper with where and when it was printed. A print that may have come out is "staff will check".

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
        // As the kiosk wires them (kiosk/Composition.cpp).
        m_printing->set_outcome_reporter(
            [this](const store::PrintRecord& print) { m_queries->report_print_outcome(print); });
    }

    // The kiosk becomes another one: kiosk-02's certificate towards the hub, a store of its own.
    void become_second_kiosk() {
        auto link = hub::test::kiosk_link(m_hub.url());
        link.cert_file = hub::test::certificates_dir() + "/kiosk-kiosk-02.pem";
        link.key_file = hub::test::certificates_dir() + "/kiosk-kiosk-02.key";
        m_queries = std::make_unique<services::HubQueries>(link, m_queue);
        m_context->hub = m_queries.get();
        m_printing->set_outcome_reporter(
            [this](const store::PrintRecord& print) { m_queries->report_print_outcome(print); });
        auto database = store::Database::open(m_dir + "/kiosk-02.db");
        ASSERT_TRUE(database.ok());
        m_printing.reset();
        m_ledger.reset();
        m_audit.reset();
        m_database = database.release_value();
        m_audit = std::make_unique<store::AuditLog>(*m_database, m_clock);
        m_ledger = std::make_unique<store::PrintLedger>(*m_database, *m_audit, m_clock);
        m_printing = std::make_unique<services::PrintService>(
            *m_devices,
            [](const std::string&, const nlohmann::json&) -> Result<std::vector<uint8_t>> {
                return make_error(ErrorCode::NotFound, "no templates in this test");
            },
            m_ledger.get(), services::PrintService::Queues{});
        m_printing->set_outcome_reporter(
            [this](const store::PrintRecord& print) { m_queries->report_print_outcome(print); });
        m_context->printing = m_printing.get();
    }

    // Waits until the hub has the outcome of every print of this kiosk's ledger.
    bool hub_has_every_outcome() {
        return pump_until([&] {
            auto left = m_ledger->outcomes_to_report();
            return left.ok() && left.value().empty();
        });
    }

    // "2026-11-27 10:30" for the test hub's now, in the kiosk's time zone (as the scene shows it).
    static std::string hub_now_shown() {
        CivilTime local = to_local_civil(hub::test::kHubNow);
        char text[32];
        std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d", local.year, local.month, local.day,
                      local.hour, local.minute);
        return text;
    }

    // Lists the holder's certificates and chooses the first.
    void choose_first_certificate() {
        m_scenes->go<SceneId::Certificates>();
        ASSERT_TRUE(pump_until([&] { return !scene().list().rows().empty(); })) << scene().status();
        const_cast<ListView&>(scene().list()).select(0);
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

    // The hub hears it printed; the ledger stops sending once the hub has it.
    ASSERT_TRUE(hub_has_every_outcome());
    EXPECT_EQ(m_hub.count("print_grants WHERE state = 'printed' AND kiosk_id = 'dev-kiosk-01'"), 1);

    // Accountable paper: the same certificate does not come out twice, and the citizen is told where.
    const_cast<ListView&>(scene().list()).select(0);
    std::string expected = m_tr->format("certificates.held.already_printed",
                                        {{"kiosk", "dev-kiosk-01"}, {"date", hub_now_shown()}});
    ASSERT_TRUE(pump_until([&] { return scene().status() == expected; })) << scene().status();
    EXPECT_EQ(m_ledger->recent(5).value().size(), 1u);
}

// H6: the hall's rule, not the kiosk's. A second kiosk (its own store, so its ledger knows nothing)
// is told which kiosk printed it and when, and to ask staff.
TEST_F(CertificatesSceneTest, ASecondKioskIsToldWhereAndWhenItWasPrinted) {
    issue_certificate();
    identify_holder();
    choose_first_certificate();
    ASSERT_TRUE(pump_until([&] { return scene().status() == m_tr->tr("certificates.printed"); }))
        << scene().status();
    ASSERT_TRUE(hub_has_every_outcome());

    become_second_kiosk();
    choose_first_certificate();
    std::string expected = m_tr->format("certificates.held.already_printed",
                                        {{"kiosk", "dev-kiosk-01"}, {"date", hub_now_shown()}});
    ASSERT_TRUE(pump_until([&] { return scene().status() == expected; })) << scene().status();
    EXPECT_NE(expected.find("dev-kiosk-01"), std::string::npos);
    EXPECT_EQ(m_ledger->recent(5).value().size(), 0u) << "nothing went to kiosk-02's printer";
    EXPECT_EQ(scene().list().rows()[0].trailing, m_tr->tr("certificates.printed_short"));
    draw();
}

// M6: a print that may have come out is not "failed": the citizen hears staff will check, and the hub
// holds the certificate for every kiosk.
TEST_F(CertificatesSceneTest, APrintThatMayHaveComeOutIsUnknownNeverFailed) {
    issue_certificate();
    identify_holder();
    choose_first_certificate();
    ASSERT_TRUE(pump_until([&] { return scene().status() == m_tr->tr("certificates.printing"); }))
        << scene().status();
    auto printing = m_ledger->recent(1);
    ASSERT_TRUE(printing.ok() && printing.value().size() == 1u);
    // CUPS lost the job after taking it (what CupsPrinter says of a job purged from its history).
    m_scenes->handle_event(services::PrintFailed{domain::DeviceKind::A4Printer, printing.value()[0].job_id,
                                                 Error{ErrorCode::NotFound, "job not found"}, "job-lost",
                                                 true});
    EXPECT_EQ(scene().status(), m_tr->tr("certificates.print_unknown"));
    EXPECT_EQ(m_scenes->notice_key(), "print.unknown");
    EXPECT_EQ(m_ledger->recent(1).value()[0].state, store::PrintState::Unknown);
    ASSERT_TRUE(hub_has_every_outcome());
    EXPECT_EQ(m_hub.count("print_grants WHERE state = 'unknown' AND reason = 'job-lost'"), 1);

    become_second_kiosk();
    choose_first_certificate();
    std::string expected = m_tr->format("certificates.held.print_unknown",
                                        {{"kiosk", "dev-kiosk-01"}, {"date", hub_now_shown()}});
    ASSERT_TRUE(pump_until([&] { return scene().status() == expected; })) << scene().status();
}

// A kiosk killed mid-job finds the print in its ledger at start-up: it may have printed, so the hub
// hears "unknown" (and would hear it again after another restart until it has it).
TEST_F(CertificatesSceneTest, APrintCutOffByARestartIsReportedUnknownAtStartUp) {
    issue_certificate();
    identify_holder();
    choose_first_certificate();
    ASSERT_TRUE(pump_until([&] { return scene().status() == m_tr->tr("certificates.printing"); }))
        << scene().status();
    EXPECT_EQ(m_hub.count("print_grants WHERE state = 'open'"), 1);

    // The kiosk stops before the job's end: a new print service on the same store, as at start-up.
    m_printing = std::make_unique<services::PrintService>(
        *m_devices,
        [](const std::string&, const nlohmann::json&) -> Result<std::vector<uint8_t>> {
            return make_error(ErrorCode::NotFound, "no templates in this test");
        },
        m_ledger.get(), services::PrintService::Queues{});
    m_context->printing = m_printing.get();
    m_printing->set_outcome_reporter(
        [this](const store::PrintRecord& print) { m_queries->report_print_outcome(print); });
    auto resumed = m_printing->resume();
    ASSERT_TRUE(resumed.ok()) << resumed.error().describe();
    EXPECT_EQ(resumed.value(), 1);
    EXPECT_EQ(m_ledger->recent(1).value()[0].state, store::PrintState::Unknown);
    EXPECT_EQ(m_ledger->recent(1).value()[0].reason, "kiosk-restarted");
    ASSERT_TRUE(hub_has_every_outcome());
    EXPECT_EQ(m_hub.count("print_grants WHERE state = 'unknown' AND reason = 'kiosk-restarted'"), 1);
    EXPECT_EQ(m_hub.count("print_grants WHERE state = 'open'"), 0);
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
