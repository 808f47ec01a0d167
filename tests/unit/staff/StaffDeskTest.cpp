// The kiosk's staff desk (kiosk/StaffDeskImpl.h) over the real services: credentials checked with
// Argon2id (test cost), the real service mode and self-test, the real device hub and journal, the
// strings table. What the staff screens do goes through it: a PIN signs a member in and maintenance
// begins; every action is checked against the role, and a refusal is audited and changes nothing;
// leaving runs the self-test and signs the member out; so does the staff timeout; hall IT may force
// maintenance on a citizen mid-visit, duty staff may not; the waiting screen's sentence follows the
// service mode.

#include "kiosk/StaffDeskImpl.h"

#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "drivers/scanner/SimScanner.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>

#include <gtest/gtest.h>
#include <sodium.h>

namespace kiosk::app {
namespace {

using namespace std::chrono_literals;
using domain::DeviceKind;
using domain::StaffRole;

std::string cheap_hash(const std::string& pin) {
    return services::hash_pin(pin, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN).value();
}

class StaffDeskTest : public ::testing::Test {
protected:
    void SetUp() override {
        char folder[] = "/tmp/staff-desk-XXXXXX";
        ASSERT_NE(mkdtemp(folder), nullptr);
        m_folder = folder;
        m_options.paths.scans = m_folder + "/scans"; // the citizens' scan folders
        m_db = store::Database::open(m_folder + "/kiosk.db").release_value();
        m_catalog =
            domain::load_catalog(std::string(KIOSK_SOURCE_DIR) + "/data/catalog/sample-catalog.json").value();
        m_tr.emplace(ui::Translator::load(std::string(KIOSK_SOURCE_DIR) + "/data/i18n/strings.json").value());
        for (int i = 0; i < 5; ++i)
            m_devices.note({static_cast<DeviceKind>(i), domain::DeviceState::Ready});
        services::StaffAuthOptions auth_options;
        auth_options.min_opslimit = crypto_pwhash_OPSLIMIT_MIN;
        auth_options.min_memlimit = crypto_pwhash_MEMLIMIT_MIN;
        m_auth = services::StaffAuthenticator::create(
                     {{{"1001", "值班员甲", StaffRole::DutyStaff}, cheap_hash("246810")},
                      {{"2001", "信息员乙", StaffRole::HallIt}, cheap_hash("135790")},
                      {{"3001", "工程师丙", StaffRole::Engineer}, cheap_hash("975310")}},
                     auth_options, m_clock, m_audit_sink)
                     .release_value();
        services::SelfTestInputs self_test{[this] {
                                               services::DeviceStatuses statuses;
                                               for (size_t i = 0; i < statuses.size(); ++i)
                                                   statuses[i] = m_devices.status(static_cast<DeviceKind>(i));
                                               return statuses;
                                           },
                                           &m_catalog,
                                           {}};
        m_mode = std::make_unique<services::ServiceMode>(services::ServiceModeOptions{}, m_clock,
                                                         std::move(self_test), m_audit_sink);
        make_desk(nullptr, nullptr);
    }
    // The desk, with the config slots and the store worker they are used on (or none).
    void make_desk(slots::ConfigSlots* config_slots, Worker* store_worker) {
        m_desk.reset();
        m_desk = std::make_unique<StaffDeskImpl>(StaffDeskImpl::Parts{
            m_clock, m_options, m_catalog, *m_tr, m_queue, m_devices, m_journal, *m_mode, m_auth.get(),
            nullptr, nullptr, nullptr, nullptr, m_db.get(), [this] { return m_citizen_active; }, m_audit_sink,
            config_slots, store_worker});
    }
    // Hands every event to the desk, as the app's loop does, until the config slots' answer came.
    std::optional<services::StaffConfigSlotsAnswered> config_answer() {
        for (int i = 0; i < 500; ++i) {
            while (auto event = m_queue.try_pop()) {
                m_desk->observe(*event);
                if (auto* answer = std::get_if<services::StaffConfigSlotsAnswered>(&*event))
                    return *answer;
            }
            std::this_thread::sleep_for(10ms);
        }
        return std::nullopt;
    }
    void TearDown() override {
        m_devices.stop();
        m_desk.reset();
        m_db.reset();
        std::filesystem::remove_all(m_folder);
    }

    // Types a PIN on the pad and hands the answer to the desk, as the app's loop does.
    services::StaffSignInAnswered sign_in(const std::string& id, const std::string& pin) {
        m_desk->check_pin(id, pin);
        for (int i = 0; i < 500; ++i) {
            while (auto event = m_queue.try_pop()) { // device reports, when the devices run, come too
                m_desk->observe(*event);
                if (auto* answer = std::get_if<services::StaffSignInAnswered>(&*event))
                    return *answer;
            }
            std::this_thread::sleep_for(10ms);
        }
        ADD_FAILURE() << "no answer from the PIN check";
        return {};
    }
    // Runs the scan test on the simulated scanner to its end, handing every event to the desk as the
    // app's loop does; true when ScanCompleted came.
    bool scan_test() {
        if (!m_desk->start_test(ui::DeviceTest::Scan).ok())
            return false;
        for (int i = 0; i < 1000; ++i) {
            while (auto event = m_queue.try_pop()) {
                m_desk->observe(*event);
                if (std::holds_alternative<services::ScanCompleted>(*event))
                    return true;
                if (std::holds_alternative<services::ScanFailed>(*event))
                    return false;
            }
            std::this_thread::sleep_for(10ms);
        }
        return false;
    }
    int audited(const std::string& kind, const std::string& part = {}) const {
        int n = 0;
        for (const auto& [k, detail] : m_audit)
            n += k == kind && detail.find(part) != std::string::npos;
        return n;
    }

    std::string m_folder;
    std::unique_ptr<store::Database> m_db;
    FakeClock m_clock{std::chrono::sys_days{std::chrono::year{2026} / 12 / 7} + 2h};
    KioskOptions m_options;
    domain::Catalog m_catalog;
    std::optional<ui::Translator> m_tr;
    services::AppEventQueue m_queue;
    drivers::SimScanner m_scanner; // started by the tests that scan
    services::DeviceHub m_devices{{nullptr, &m_scanner}, m_queue};
    services::DeviceJournal m_journal{m_clock, {}};
    std::vector<std::pair<std::string, std::string>> m_audit;
    std::function<void(std::string_view, std::string_view)> m_audit_sink =
        [this](std::string_view kind, std::string_view detail) { m_audit.emplace_back(kind, detail); };
    bool m_citizen_active = false;
    std::unique_ptr<services::StaffAuthenticator> m_auth;
    std::unique_ptr<services::ServiceMode> m_mode;
    std::unique_ptr<StaffDeskImpl> m_desk;
};

TEST_F(StaffDeskTest, APinSignsInAndMaintenanceBeginsWhenNobodyIsServed) {
    auto answer = sign_in("1001", "246810");
    ASSERT_TRUE(answer.staff);
    ASSERT_TRUE(m_desk->staff());
    EXPECT_EQ(m_desk->staff()->role, StaffRole::DutyStaff);
    EXPECT_TRUE(m_desk->maintenance_active());
    EXPECT_EQ(m_desk->waiting_message(Language::ZhCN), m_tr->tr("service.maintenance"));
    EXPECT_EQ(audited("maintenance.entered", "staff=1001 role=duty"), 1);
}

TEST_F(StaffDeskTest, AWrongPinSignsNobodyIn) {
    auto answer = sign_in("1001", "000000");
    EXPECT_FALSE(answer.staff);
    EXPECT_EQ(answer.refusal, "wrong-pin");
    EXPECT_FALSE(m_desk->staff());
    EXPECT_FALSE(m_desk->maintenance_active());
    EXPECT_EQ(m_desk->waiting_message(Language::ZhCN), "");
}

TEST_F(StaffDeskTest, WhatTheRoleMayNotDoIsRefusedAuditedAndChangesNothing) {
    ASSERT_TRUE(sign_in("1001", "246810").staff);
    auto restart = m_desk->restart_app();
    ASSERT_FALSE(restart.ok());
    EXPECT_EQ(restart.error().code, ErrorCode::Denied);
    EXPECT_FALSE(m_desk->restart_requested());
    EXPECT_EQ(audited("staff-refused", "staff=1001 role=duty action=restart-app"), 1);
    EXPECT_FALSE(m_desk->start_test(ui::DeviceTest::Card).ok());
    EXPECT_FALSE(m_desk->send_outbox_now().ok());
    EXPECT_FALSE(m_desk->force_maintenance("because").ok());
    EXPECT_EQ(audited("staff-refused"), 4);

    // What duty staff may do goes through, audited with who did it.
    ASSERT_TRUE(m_desk->set_out_of_service("network", {"网络故障", "Network down"}).ok());
    EXPECT_EQ(m_mode->state().reason, services::OutReason::Maintenance) << "staff are still at it";
    m_desk->record_test(ui::DeviceTest::ReceiptPage, "media-empty");
    EXPECT_EQ(audited("staff-test", "staff=1001 role=duty test=receipt-page outcome=media-empty"), 1);
}

TEST_F(StaffDeskTest, NobodySignedInMayDoNothing) {
    EXPECT_EQ(m_desk->replace_consumable("receipt-paper", 0).error().code, ErrorCode::Denied);
    EXPECT_EQ(m_desk->set_in_service().error().code, ErrorCode::Denied);
}

TEST_F(StaffDeskTest, LeavingRunsTheSelfTestAndSignsOut) {
    ASSERT_TRUE(sign_in("2001", "135790").staff);
    m_desk->leave();
    EXPECT_FALSE(m_desk->staff());
    EXPECT_FALSE(m_desk->maintenance_active());
    EXPECT_EQ(audited("selftest.passed"), 1);
    EXPECT_EQ(m_desk->waiting_message(Language::En), "") << "serving again";
}

TEST_F(StaffDeskTest, LeavingWithTheReceiptPrinterFaultedKeepsTheKioskOutWithTheReason) {
    ASSERT_TRUE(sign_in("1001", "246810").staff);
    m_devices.note(
        {DeviceKind::ReceiptPrinter, domain::DeviceState::Fault, domain::FixedBy::HallStaff, "media-jam"});
    m_desk->leave();
    EXPECT_EQ(audited("selftest.failed"), 1);
    EXPECT_EQ(m_desk->waiting_message(Language::En), m_tr->tr("service.out_of_service"));
    EXPECT_FALSE(m_desk->service().in_service);
}

TEST_F(StaffDeskTest, TheStaffTimeoutSignsOut) {
    ASSERT_TRUE(sign_in("1001", "246810").staff);
    m_clock.advance(30s);
    m_desk->tick();
    EXPECT_TRUE(m_desk->staff()) << "not yet";
    m_desk->note_activity();
    m_clock.advance(44s);
    m_desk->tick();
    EXPECT_TRUE(m_desk->staff()) << "a touch kept it alive";
    m_clock.advance(2s);
    m_desk->tick();
    EXPECT_FALSE(m_desk->staff());
    EXPECT_EQ(audited("maintenance.timeout"), 1);
}

TEST_F(StaffDeskTest, TheAuditLogIsReadForHallItOnly) {
    ASSERT_TRUE(
        store::AuditLog(*m_db, m_clock).append("consumable.replaced", "receipt-paper by 1001 (duty)").ok());
    ASSERT_TRUE(sign_in("1001", "246810").staff);
    EXPECT_TRUE(m_desk->about().recent_log.empty()) << "duty staff read no logs";
    m_desk->leave();
    ASSERT_TRUE(sign_in("2001", "135790").staff);
    auto log = m_desk->about().recent_log;
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].kind, "consumable.replaced");
    EXPECT_TRUE(log[0].at.has_value());
}

TEST_F(StaffDeskTest, HallItMayForceMaintenanceOnAVisitDutyStaffWaitForIt) {
    m_citizen_active = true;
    m_desk->tick(); // the desk sees the visit
    ASSERT_TRUE(sign_in("2001", "135790").staff);
    EXPECT_FALSE(m_desk->maintenance_active()) << "pending while the citizen is served";
    auto typed = m_desk->force_maintenance("urgent fault"); // not one of the chooser's words
    ASSERT_FALSE(typed.ok());
    EXPECT_EQ(typed.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(audited("staff-refused", "staff=2001 role=hall-it action=force-maintenance why=unknown-reason"),
              1);
    EXPECT_FALSE(m_desk->maintenance_active()) << "refused: nothing changed";
    ASSERT_TRUE(m_desk->force_maintenance("security").ok());
    EXPECT_TRUE(m_desk->maintenance_active());
    EXPECT_EQ(audited("maintenance.forced", "reason=security session=interrupted"), 1);
}

// What the maintenance screen's countdown reads: the staff session's time left without a touch.
TEST_F(StaffDeskTest, TheTimeLeftOfTheStaffSessionCountsDownAndATouchRestoresIt) {
    EXPECT_FALSE(m_desk->idle_left()) << "nobody signed in";
    ASSERT_TRUE(sign_in("1001", "246810").staff);
    auto idle = m_desk->idle_left();
    ASSERT_TRUE(idle);
    EXPECT_EQ(idle->timeout, std::chrono::milliseconds(45s)); // ServiceModeOptions' default
    EXPECT_EQ(idle->left, std::chrono::milliseconds(45s));
    m_clock.advance(37s);
    EXPECT_EQ(m_desk->idle_left()->left, std::chrono::milliseconds(8s));
    m_desk->note_activity();
    EXPECT_EQ(m_desk->idle_left()->left, std::chrono::milliseconds(45s));
    m_clock.advance(45s);
    EXPECT_EQ(m_desk->idle_left()->left, std::chrono::milliseconds(0));
    m_desk->tick();
    EXPECT_FALSE(m_desk->idle_left()) << "timed out";
    EXPECT_EQ(audited("maintenance.timeout"), 1);
}

TEST_F(StaffDeskTest, TheTimeLeftIsNothingWhileMaintenanceIsOnlyPending) {
    m_citizen_active = true;
    m_desk->tick();
    ASSERT_TRUE(sign_in("2001", "135790").staff);
    EXPECT_FALSE(m_desk->idle_left()) << "the citizen is served: no staff session to time out";
}

// The scan test's page: a PNG of its own (0600), outside every citizen's scan folder, with its size,
// resolution and a preview; deleted when the tab closes, when the next test starts, when staff leave
// and when the staff session times out.
TEST_F(StaffDeskTest, TheScanTestKeepsThePageOnlyWhileItShows) {
    m_devices.start();
    ASSERT_TRUE(sign_in("2001", "135790").staff);
    ASSERT_TRUE(scan_test());
    auto page = m_desk->test_scan();
    ASSERT_TRUE(page);
    EXPECT_GT(page->width, 100);
    EXPECT_GT(page->height, 100);
    EXPECT_EQ(page->dpi, 150);
    EXPECT_GT(page->preview_width, 0);
    EXPECT_LE(std::max(page->preview_width, page->preview_height), ui::kTestScanPreviewMax);
    EXPECT_EQ(page->preview.size(), static_cast<size_t>(page->preview_width) * page->preview_height * 3);
    std::filesystem::path file = page->file;
    ASSERT_TRUE(std::filesystem::exists(file));
    struct stat info {};
    ASSERT_EQ(::stat(file.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_EQ(file.string().find(m_options.paths.scans), std::string::npos) << "never a citizen's folder";
    EXPECT_FALSE(std::filesystem::exists(m_options.paths.scans)) << "no citizen's folder was made for it";
    EXPECT_EQ(audited("staff-test-started", "staff=2001 role=hall-it test=scan"), 1);

    m_desk->discard_test_scan(); // the tab closes
    EXPECT_FALSE(std::filesystem::exists(file));
    EXPECT_FALSE(m_desk->test_scan());

    ASSERT_TRUE(scan_test());
    ASSERT_TRUE(std::filesystem::exists(file));
    ASSERT_TRUE(m_desk->start_test(ui::DeviceTest::Qr).ok()); // the next test
    EXPECT_FALSE(std::filesystem::exists(file));

    ASSERT_TRUE(scan_test());
    ASSERT_TRUE(std::filesystem::exists(file));
    m_desk->leave(); // maintenance ends
    EXPECT_FALSE(std::filesystem::exists(file));

    ASSERT_TRUE(sign_in("2001", "135790").staff);
    ASSERT_TRUE(scan_test());
    ASSERT_TRUE(std::filesystem::exists(file));
    m_clock.advance(46s);
    m_desk->tick(); // the staff session times out
    EXPECT_FALSE(m_desk->staff());
    EXPECT_FALSE(std::filesystem::exists(file));
}

// A test that ends before its page comes (the tab closed mid-scan): the page is not kept.
TEST_F(StaffDeskTest, APageThatComesAfterItsTestEndedIsDeleted) {
    m_devices.start();
    ASSERT_TRUE(sign_in("2001", "135790").staff);
    ASSERT_TRUE(m_desk->start_test(ui::DeviceTest::Scan).ok());
    m_desk->discard_test_scan(); // the tab closed while the scanner ran
    bool completed = false;
    for (int i = 0; i < 1000 && !completed; ++i) {
        while (auto event = m_queue.try_pop())
            completed = completed || std::holds_alternative<services::ScanCompleted>(*event);
        if (!completed)
            std::this_thread::sleep_for(10ms);
    }
    ASSERT_TRUE(completed);
    EXPECT_FALSE(m_desk->test_scan());
    EXPECT_FALSE(std::filesystem::exists(m_desk->test_scan_file()));
}

TEST_F(StaffDeskTest, AVisitsEndBeginsThePendingMaintenance) {
    m_citizen_active = true;
    m_desk->tick();
    ASSERT_TRUE(sign_in("1001", "246810").staff);
    EXPECT_FALSE(m_desk->maintenance_active());
    m_citizen_active = false;
    m_desk->session_ended();
    EXPECT_TRUE(m_desk->maintenance_active());
}

// The outbox tab never waits: asking returns at once, and the desk has an answer only once the event that
// carries it was drained (here, with no outbox, the desk answers itself by the same road).
TEST_F(StaffDeskTest, TheOutboxIsAskedForAndAnsweredByEvent) {
    ASSERT_TRUE(sign_in("2001", "135790").staff);
    EXPECT_FALSE(m_desk->outbox());
    m_desk->ask_outbox();
    EXPECT_TRUE(m_desk->awaiting_outbox());
    EXPECT_FALSE(m_desk->outbox()) << "nothing until the answer is drained";
    auto event = m_queue.try_pop();
    ASSERT_TRUE(event);
    ASSERT_TRUE(std::holds_alternative<services::StaffOutboxAnswered>(*event));
    m_desk->observe(*event);
    EXPECT_FALSE(m_desk->awaiting_outbox());
    ASSERT_TRUE(m_desk->outbox());
    EXPECT_EQ(m_desk->outbox()->queued, 0);
    EXPECT_TRUE(m_desk->outbox()->refused.empty());
}

// "Out" is an event, not a poll: the print that uses the last of the counted receipt paper withdraws the
// receipt printer as soon as the app drains its events (every event to the desk, as App::drain_events
// does; no tick), only that printer; the roll staff replace offers it again the same way.
TEST_F(StaffDeskTest, APrintThatEmptiesTheCountedPaperWithdrawsThePrinterWithoutATick) {
    services::ConsumablesSettings settings{m_folder + "/kiosk.db", {}};
    settings.options.receipt_roll_mm = 1000; // a 1 m roll
    settings.options.receipt_feed_mm = 10;
    services::Consumables consumables(
        settings, m_clock, [this](DeviceKind kind) { return m_devices.reported(kind); }, {}, &m_queue);
    consumables.start();
    consumables.refresh_and_wait();
    consumables.printer_reported(m_devices.reported(DeviceKind::ReceiptPrinter)); // as the app at start
    consumables.printer_reported(m_devices.reported(DeviceKind::A4Printer));
    m_desk = std::make_unique<StaffDeskImpl>(
        StaffDeskImpl::Parts{m_clock, m_options, m_catalog, *m_tr, m_queue, m_devices, m_journal, *m_mode,
                             m_auth.get(), &consumables, nullptr, nullptr, nullptr, m_db.get(),
                             [this] { return m_citizen_active; }, m_audit_sink});
    auto drain = [this] {
        while (auto event = m_queue.try_pop()) {
            m_desk->observe(*event);
            if (const auto* changed = std::get_if<services::DeviceStatusChanged>(&*event))
                m_devices.note(changed->status); // what the scene manager does first
        }
    };
    ASSERT_TRUE(sign_in("1001", "246810").staff);
    ASSERT_TRUE(m_desk->replace_consumable("receipt-paper", 0).ok()); // a full roll
    consumables.refresh_and_wait();                                   // stored
    drain();
    ASSERT_TRUE(m_devices.usable(DeviceKind::ReceiptPrinter));

    consumables.book(services::PrintUsage{DeviceKind::ReceiptPrinter, store::PrintKind::Receipt, 1, 980,
                                          "completed"}); // 990 of 1000 mm: 1 % left, out
    drain();
    EXPECT_FALSE(m_devices.usable(DeviceKind::ReceiptPrinter));
    EXPECT_EQ(m_devices.status(DeviceKind::ReceiptPrinter).reason, "receipt-paper-out");
    EXPECT_TRUE(m_devices.usable(DeviceKind::A4Printer)) << "only the printer whose paper is out";
    consumables.refresh_and_wait(); // the worker booked it and read the store back: still out
    drain();
    EXPECT_FALSE(m_devices.usable(DeviceKind::ReceiptPrinter));

    ASSERT_TRUE(m_desk->replace_consumable("receipt-paper", 0).ok());
    drain();
    EXPECT_TRUE(m_devices.usable(DeviceKind::ReceiptPrinter)) << "a new roll offers it again";
    consumables.refresh_and_wait();
    drain();
    EXPECT_TRUE(m_devices.usable(DeviceKind::ReceiptPrinter));
    m_desk.reset(); // before the consumables it points to
}

} // namespace
} // namespace kiosk::app

namespace kiosk::app {
namespace {

// The engineer's config tab over real config slots on disk (services/slots), read and rolled back on a
// store worker as the kiosk does; other roles are asked nothing and may not roll back.
class StaffDeskConfigTest : public StaffDeskTest {
protected:
    void SetUp() override {
        StaffDeskTest::SetUp();
        std::filesystem::path factory = m_folder + "/factory";
        write_content(factory, "factory");
        m_slots = slots::ConfigSlots::open(m_folder + "/state", factory, m_clock).release_value();
        ASSERT_TRUE(m_slots->install(stage(1), {"hall-2026-11", 6}).ok()); // slot A
        ASSERT_TRUE(m_slots->confirm_good().ok());
        ASSERT_TRUE(m_slots->install(stage(2), {"hall-2026-12", 7}).ok()); // slot B, on trial
        m_store = std::make_unique<Worker>("store");
        make_desk(m_slots.get(), m_store.get());
    }
    void TearDown() override {
        m_store.reset(); // joined before the slots go
        StaffDeskTest::TearDown();
    }
    static void write_content(const std::filesystem::path& folder, const std::string& text) {
        std::filesystem::create_directories(folder);
        std::ofstream(folder / "catalog.json") << text;
    }
    std::filesystem::path stage(int n) {
        std::filesystem::path staged = m_folder + "/staged-" + std::to_string(n);
        std::string text = "bundle ";
        text += std::to_string(n);
        write_content(staged, text);
        return staged;
    }

    std::unique_ptr<slots::ConfigSlots> m_slots;
    std::unique_ptr<Worker> m_store;
};

TEST_F(StaffDeskConfigTest, TheEngineerSeesTheSlotsAsTheStoreWorkerReadThem) {
    ASSERT_TRUE(sign_in("3001", "975310").staff);
    EXPECT_FALSE(m_desk->config_slots());
    m_desk->ask_config_slots();
    EXPECT_TRUE(m_desk->awaiting_config_slots());
    ASSERT_TRUE(config_answer());
    EXPECT_FALSE(m_desk->awaiting_config_slots());
    auto view = m_desk->config_slots();
    ASSERT_TRUE(view);
    EXPECT_TRUE(view->in_use);
    EXPECT_EQ(view->current, "b");
    EXPECT_EQ(view->a.status, "good");
    EXPECT_EQ(view->a.bundle_id, "hall-2026-11");
    EXPECT_EQ(view->a.version, 6);
    EXPECT_EQ(view->a.last_result, "confirmed");
    EXPECT_EQ(view->b.status, "trial");
    EXPECT_EQ(view->b.version, 7);
    ASSERT_TRUE(view->b.installed_at);
    EXPECT_EQ(*view->b.installed_at, std::chrono::floor<std::chrono::seconds>(m_clock.wall_now()));
    ASSERT_EQ(view->history.size(), 3U);
    EXPECT_EQ(view->history[0].outcome, "installed") << "newest first";
    EXPECT_EQ(view->history[0].slot, "b");
    EXPECT_EQ(view->history[2].bundle_id, "hall-2026-11");
}

// kiosk-devctl (another process) rolls back while the tab shows: the next question reads it afresh.
TEST_F(StaffDeskConfigTest, WhatAnotherProcessChangedIsReadAfresh) {
    ASSERT_TRUE(sign_in("3001", "975310").staff);
    m_desk->ask_config_slots();
    ASSERT_TRUE(config_answer());
    ASSERT_EQ(m_desk->config_slots()->current, "b");
    auto devctl =
        slots::ConfigSlots::open(m_folder + "/state", m_folder + "/factory", m_clock).release_value();
    ASSERT_TRUE(devctl->rollback("staff 3001: by devctl").ok());
    m_desk->ask_config_slots();
    ASSERT_TRUE(config_answer());
    EXPECT_EQ(m_desk->config_slots()->current, "a");
    EXPECT_EQ(m_desk->config_slots()->b.status, "failed");
}

TEST_F(StaffDeskConfigTest, TheEngineersRollbackRunsOnTheStoreWorkerAndIsAudited) {
    ASSERT_TRUE(sign_in("3001", "975310").staff);
    ASSERT_TRUE(m_desk->roll_back_config().ok());
    auto answer = config_answer();
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->action, "rollback");
    EXPECT_FALSE(answer->error);
    EXPECT_EQ(answer->now_current, "a");
    auto view = m_desk->config_slots();
    ASSERT_TRUE(view);
    EXPECT_EQ(view->current, "a");
    EXPECT_EQ(view->b.status, "failed");
    EXPECT_EQ(view->b.last_result, "rolled_back");
    EXPECT_EQ(view->b.reason, "staff: 3001");
    EXPECT_EQ(audited("bundle-rolled-back", "staff=3001 role=engineer via=kiosk now=a"), 1);
    // On disk, for the next start (the kiosk is not reloaded by the desk).
    auto reopened =
        slots::ConfigSlots::open(m_folder + "/state", m_folder + "/factory", m_clock).release_value();
    EXPECT_EQ(reopened->state().current, slots::ActiveSlot::A);
    EXPECT_EQ(std::filesystem::read_symlink(m_folder + "/state/config/current"), "a");

    // From A the only way back is the factory content; from there, nothing: refused and audited so.
    ASSERT_TRUE(m_desk->roll_back_config().ok());
    ASSERT_EQ(config_answer()->now_current, "factory");
    ASSERT_TRUE(m_desk->roll_back_config().ok());
    auto refused = config_answer();
    ASSERT_TRUE(refused && refused->error);
    EXPECT_EQ(refused->error->code, ErrorCode::NotFound);
    EXPECT_EQ(audited("bundle-rollback-failed", "staff=3001 role=engineer via=kiosk outcome="), 1);
    EXPECT_EQ(m_desk->config_slots()->current, "factory");
}

TEST_F(StaffDeskConfigTest, DutyStaffAndHallItAreAskedNothingAndMayNotRollBack) {
    for (auto [id, pin] : {std::pair{"1001", "246810"}, std::pair{"2001", "135790"}}) {
        ASSERT_TRUE(sign_in(id, pin).staff);
        m_desk->ask_config_slots();
        EXPECT_FALSE(m_desk->awaiting_config_slots());
        auto rollback = m_desk->roll_back_config();
        ASSERT_FALSE(rollback.ok());
        EXPECT_EQ(rollback.error().code, ErrorCode::Denied);
        EXPECT_EQ(audited("staff-refused", std::string("staff=") + id + " role="), 1);
        EXPECT_FALSE(m_desk->config_slots());
    }
    m_store->post([] {}); // anything queued on the worker would run before this
    std::this_thread::sleep_for(50ms);
    EXPECT_FALSE(m_queue.try_pop()) << "nothing was asked of the store worker";
    EXPECT_EQ(m_slots->state().current, slots::ActiveSlot::B);
    EXPECT_EQ(std::filesystem::read_symlink(m_folder + "/state/config/current"), "b");
    EXPECT_EQ(audited("bundle-rolled-back"), 0);
}

// An engineer's answer stays with the desk, but it is never shown to the next member.
TEST_F(StaffDeskConfigTest, TheSlotsAreNotShownToWhoeverSignsInAfterTheEngineer) {
    ASSERT_TRUE(sign_in("3001", "975310").staff);
    m_desk->ask_config_slots();
    ASSERT_TRUE(config_answer());
    ASSERT_TRUE(m_desk->config_slots());
    ASSERT_TRUE(sign_in("2001", "135790").staff);
    EXPECT_FALSE(m_desk->config_slots());
}

TEST_F(StaffDeskTest, AKioskWithoutConfigSlotsSaysSoAndHasNothingToRollBack) {
    ASSERT_TRUE(sign_in("3001", "975310").staff);
    m_desk->ask_config_slots();
    auto answer = config_answer();
    ASSERT_TRUE(answer);
    EXPECT_FALSE(answer->in_use);
    ASSERT_TRUE(m_desk->config_slots());
    EXPECT_FALSE(m_desk->config_slots()->in_use);
    auto rollback = m_desk->roll_back_config();
    ASSERT_FALSE(rollback.ok());
    EXPECT_EQ(rollback.error().code, ErrorCode::Unsupported);
}

} // namespace
} // namespace kiosk::app
