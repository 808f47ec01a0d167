// A whole visit through the citizen's case, without a screen: the real intake (clean, store), the
// real outbox (sealed, encrypted, SQLite), print rendering from the shipped templates onto a
// simulated receipt printer, the simulated scanner behind a DeviceHub — and this test playing the UI
// thread, handing every event to the case as the scene manager does.

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/base/Log.h"
#include "core/documents/RenderPdf.h"
#include "core/documents/TemplateSet.h"
#include "core/domain/Catalog.h"
#include "drivers/idcard/SimIdCardReader.h"
#include "drivers/printer/SimPrinter.h"
#include "drivers/scanner/SimScanner.h"
#include "services/DeviceHub.h"
#include "services/PrintService.h"
#include "services/case/CitizenCase.h"
#include "services/intake/MaterialIntake.h"
#include "services/outbox/Outbox.h"
#include "services/submit/Submissions.h"
#include "tests/unit/outbox/OutboxTestSupport.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <gtest/gtest.h>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace kiosk::services {
namespace {

namespace fs = std::filesystem;
using outbox::test::TempFolder;

class CitizenCaseFlowTest : public ::testing::Test {
protected:
    void SetUp() override {
        log::set_level(log::Level::Warn);
        auto catalog =
            domain::load_catalog(std::string(KIOSK_SOURCE_DIR) + "/data/catalog/sample-catalog.json");
        ASSERT_TRUE(catalog.ok()) << catalog.error().describe();
        m_catalog = catalog.release_value();
        auto templates = print::TemplateSet::load(std::string(KIOSK_SOURCE_DIR) + "/data/templates");
        ASSERT_TRUE(templates.ok()) << templates.error().describe();
        m_templates.emplace(templates.release_value());
        m_options.kiosk_id = "dev-kiosk-01";

        m_devices =
            std::make_unique<DeviceHub>(DeviceSet{nullptr, &m_scanner, nullptr, &m_receipt_printer}, m_queue);
        m_devices->start();
        m_intake = std::make_unique<MaterialIntake>(m_catalog, m_queue, IntakeOptions{scans(), 150});
        m_submissions = std::make_unique<Submissions>(
            database(), outbox::test::make_outbox_options(m_folder.path()), HubOptions{}, m_clock, m_queue);
        m_submissions->start();
        m_printing = std::make_unique<PrintService>(
            *m_devices,
            [this](const std::string& name, const nlohmann::json& data) -> Result<std::vector<uint8_t>> {
                return print::render_pdf(*m_templates->find(name), data);
            },
            nullptr, PrintService::Queues{});
        m_case = std::make_unique<CitizenCase>(
            m_clock, m_options, m_catalog,
            CitizenCase::Services{m_devices.get(), m_intake.get(), m_submissions.get(), m_printing.get()},
            [this](std::string_view kind, std::string_view) { m_audit.emplace_back(kind); });
        ASSERT_TRUE(pump_until([this] { return m_devices->usable(domain::DeviceKind::Scanner); }));
    }
    void TearDown() override {
        m_case.reset();
        m_devices->stop();
        m_submissions.reset();
        m_intake.reset();
    }

    fs::path scans() const { return m_folder.path() / "scans"; }
    std::string database() const { return (m_folder.path() / "kiosk.db").string(); }

    // The UI thread's loop: every event to the case first (the scene manager's order), then `done`.
    bool pump_until(const std::function<bool()>& done,
                    std::chrono::seconds deadline = std::chrono::seconds(60)) {
        auto until = std::chrono::steady_clock::now() + deadline;
        while (!done() && std::chrono::steady_clock::now() < until) {
            while (auto event = m_queue.try_pop()) {
                if (auto* status = std::get_if<DeviceStatusChanged>(&*event))
                    m_devices->note(status->status);
                if (m_printing->note(*event) && std::holds_alternative<PrintCompleted>(*event))
                    ++m_prints_finished;
                m_case->on_event(*event);
                m_seen.push_back(event_name(*event));
            }
            if (!done())
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return done();
    }
    bool seen(std::string_view name) const {
        return std::find(m_seen.begin(), m_seen.end(), name) != m_seen.end();
    }

    // Scans `material_id` and waits for the intake's answer.
    void scan(const std::string& material_id) {
        size_t before = m_seen.size();
        ASSERT_TRUE(m_case->scan(material_id, false).ok());
        ASSERT_TRUE(pump_until([&] {
            return std::count(m_seen.begin() + static_cast<long>(before), m_seen.end(), "MaterialChecked") >
                   0;
        })) << "no answer from the intake for "
            << material_id;
        ASSERT_TRUE(pump_until([&] { return m_devices->usable(domain::DeviceKind::Scanner); }));
    }

    TempFolder m_folder;
    FakeClock m_clock{from_local_civil({2026, 11, 25, 9, 30})};
    KioskOptions m_options;
    domain::Catalog m_catalog;
    std::optional<print::TemplateSet> m_templates;
    AppEventQueue m_queue;
    drivers::SimScanner m_scanner;
    drivers::SimPrinter m_receipt_printer{domain::DeviceKind::ReceiptPrinter, 50};
    std::unique_ptr<DeviceHub> m_devices;
    std::unique_ptr<MaterialIntake> m_intake;
    std::unique_ptr<Submissions> m_submissions;
    std::unique_ptr<PrintService> m_printing;
    std::unique_ptr<CitizenCase> m_case;
    std::vector<std::string> m_audit;
    std::vector<std::string> m_seen;
    int m_prints_finished = 0;
};

TEST_F(CitizenCaseFlowTest, AVisitFromCardToReceiptAndItsWipe) {
    AppEvent card = CardRead{drivers::SimIdCardReader::sample_identity(0)};
    ASSERT_EQ(m_case->on_event(card), IdentifyOutcome::Identified);
    ASSERT_TRUE(m_case->select("matter:residence_permit"));

    // Two materials the kiosk cannot check (no evidence in the catalog): stored, vouched for.
    scan("photo");
    scan("residence_proof");
    EXPECT_TRUE(seen("ScanCompleted"));
    for (const char* id : {"photo", "residence_proof"}) {
        const auto* material = m_case->material(id);
        ASSERT_NE(material, nullptr) << id;
        EXPECT_EQ(material->pages, 1);
        EXPECT_FALSE(material->checked);
        EXPECT_TRUE(material->accepted());
        EXPECT_TRUE(fs::exists(material->pdf)) << material->pdf;
        EXPECT_EQ(material->pdf.parent_path().parent_path(), scans());
    }

    // The form: the card's fields resolved, the rest typed.
    EXPECT_EQ(m_case->form().at("applicant_name"), "张三");
    EXPECT_EQ(m_case->form_problems(), 2); // current address and phone
    m_case->set_field("current_address", "广东省深圳市南山区科技园");
    m_case->set_field("phone", "13800138000");
    EXPECT_EQ(m_case->form_problems(), 0);

    ASSERT_TRUE(m_case->submit(m_clock.wall_now()).ok());
    ASSERT_NE(m_case->submission(), nullptr);
    EXPECT_EQ(m_case->submission()->state, SubmitState::Sealing);
    ASSERT_TRUE(pump_until([&] { return m_case->submission()->state != SubmitState::Sealing; }));
    ASSERT_EQ(m_case->submission()->state, SubmitState::Sealed) << m_case->submission()->failure;
    std::string application_id = m_case->submission()->application_id;
    EXPECT_EQ(application_id.size(), 32u);
    EXPECT_FALSE(m_case->submit(m_clock.wall_now()).ok()) << "the same application sealed twice";

    // What the outbox holds: one application, its form and both materials, sealed.
    {
        auto opened =
            outbox::Outbox::open(database(), outbox::test::make_outbox_options(m_folder.path()), m_clock);
        ASSERT_TRUE(opened.ok()) << opened.error().describe();
        auto counts = opened.value()->counts();
        ASSERT_TRUE(counts.ok());
        EXPECT_EQ(counts.value().sealed, 1);
        auto payload = opened.value()->payload(application_id);
        ASSERT_TRUE(payload.ok()) << payload.error().describe();
        auto body = nlohmann::json::parse(payload.value());
        EXPECT_EQ(body["matter_ids"], nlohmann::json::array({"residence_permit"}));
        EXPECT_EQ(body["form"]["phone"], "13800138000");
        EXPECT_EQ(body["form"]["applicant_name"], "张三");
        EXPECT_EQ(body["materials"].size(), 2u);
        EXPECT_EQ(body["consent"]["version"], "consent-v1");
    }

    auto receipt = m_case->print_receipt({"已保存", "待分配"});
    ASSERT_TRUE(receipt.ok()) << receipt.error().describe();
    ASSERT_TRUE(pump_until([&] { return m_prints_finished == 1; }));

    m_case->end(SessionEndReason::Done);
    EXPECT_EQ(m_case->identity(), nullptr);
    EXPECT_TRUE(m_case->materials().empty());
    EXPECT_EQ(m_case->submission(), nullptr);
    ASSERT_TRUE(pump_until([&] { return !fs::exists(scans()); })) << "the scan folder outlived the visit";
    EXPECT_EQ(m_audit, (std::vector<std::string>{"session.started", "session.wiped"}));
}

TEST_F(CitizenCaseFlowTest, APageOfAnEndedVisitNeverReachesTheNextOne) {
    AppEvent card = CardRead{drivers::SimIdCardReader::sample_identity(0)};
    m_case->on_event(card);
    ASSERT_TRUE(m_case->select("matter:residence_permit"));
    ASSERT_TRUE(m_case->scan("photo", false).ok());
    m_case->end(SessionEndReason::Cancelled); // the citizen walked away while the scanner ran

    AppEvent next = CardRead{drivers::SimIdCardReader::sample_identity(1)};
    m_case->on_event(next);
    ASSERT_TRUE(
        pump_until([&] { return seen("ScanCompleted") && m_devices->usable(domain::DeviceKind::Scanner); }));
    // Give the intake time to answer, if it (wrongly) were to.
    auto settle = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    pump_until([&] { return std::chrono::steady_clock::now() > settle; }, std::chrono::seconds(5));
    EXPECT_TRUE(m_case->materials().empty()) << "the old citizen's page landed in the new visit";
    EXPECT_FALSE(fs::exists(scans() / "photo")) << "the old citizen's page was stored";
}

TEST_F(CitizenCaseFlowTest, AnotherCardMidVisitWipesTheScansBeforeTheNewCitizenStarts) {
    AppEvent card = CardRead{drivers::SimIdCardReader::sample_identity(0)};
    m_case->on_event(card);
    ASSERT_TRUE(m_case->select("matter:residence_permit"));
    scan("photo");
    ASSERT_TRUE(fs::exists(scans() / "photo"));

    AppEvent other = CardRead{drivers::SimIdCardReader::sample_identity(1)};
    EXPECT_EQ(m_case->on_event(other), IdentifyOutcome::Replaced);
    EXPECT_TRUE(m_case->materials().empty());
    EXPECT_EQ(m_case->item(), nullptr);
    ASSERT_TRUE(pump_until([&] { return !fs::exists(scans()); })) << "the first citizen's scans stayed";
    EXPECT_EQ(m_case->identity()->id_number, drivers::SimIdCardReader::sample_identity(1).id_number);
}

} // namespace
} // namespace kiosk::services
