#pragma once
// The kiosk's staff desk (ui/scenes/staff/StaffDesk.h) over the real services: the credentials
// (services/staff), the service mode and hand-off (services/staff/mode), the consumables
// (services/staff/consumables), the device hub and its journal, printing, the outbox and the print
// ledger. Every action checks the signed-in member's role and is audited with the staff id and role,
// refusals too (docs/Maintenance.md). UI thread, except the PIN check, which runs on a worker of its own,
// and the outbox, which the submissions worker reads and changes: asked here, answered by event.

#include "core/base/Worker.h"
#include "core/domain/Catalog.h"
#include "core/store/PrintLedger.h"
#include "services/DeviceHub.h"
#include "services/DeviceJournal.h"
#include "services/PrintService.h"
#include "services/scan/TestScanPage.h"
#include "services/slots/ConfigSlots.h"
#include "services/staff/StaffAuthenticator.h"
#include "services/staff/consumables/Consumables.h"
#include "services/staff/mode/ServiceMode.h"
#include "services/submit/Submissions.h"
#include "ui/scenes/staff/StaffDesk.h"
#include "ui/toolkit/Translator.h"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace kiosk::app {

class StaffDeskImpl final : public ui::StaffDesk {
public:
    using Audit = std::function<void(std::string_view kind, std::string_view detail)>;
    struct Parts {
        const Clock& clock;
        const KioskOptions& options;
        const domain::Catalog& catalog;
        const ui::Translator& tr;
        services::AppEventQueue& queue;
        services::DeviceHub& devices;
        services::DeviceJournal& journal;
        services::ServiceMode& mode;
        services::StaffAuthenticator* authenticator = nullptr; // null: no staff configured (or not loadable)
        services::Consumables* consumables = nullptr;
        services::PrintService* printing = nullptr;
        services::Submissions* submissions = nullptr;
        store::PrintLedger* ledger = nullptr;   // the UI thread's connection
        store::Database* ui_database = nullptr; // the UI thread's connection, for counters
        std::function<bool()> citizen_active;   // a citizen's session is under way
        Audit audit;
        // The config slots (null: the kiosk has none) and the store worker, the one thread that uses them:
        // the config tab's reads and rollbacks run there and answer by event (StaffDeskConfig.cpp).
        slots::ConfigSlots* config_slots = nullptr;
        Worker* store_worker = nullptr;
    };
    explicit StaffDeskImpl(Parts parts);
    ~StaffDeskImpl() override;

    // Every event, before the scenes see it: sign-in answers, device successes and faults, the printers'
    // reports handed to the consumables, and ConsumableOutChanged withdrawing a printer or offering it
    // again (DeviceHub::set_withdrawn; the printer's DeviceStatusChanged is then posted for the scenes).
    void observe(const services::AppEvent& event);
    // The stored service state read by the store worker (ServiceStateWatch): applied at the next tick.
    void stored_state_arrived(store::StoredServiceState state);
    bool restart_requested() const { return m_restart; }
    // Screenshots of the staff screens (offscreen only, never with a window): `member` is signed in
    // without a credential.
    void sign_in_for_screenshot(domain::StaffMember member);
    // Screenshots of the tests tab: `image` shown as the scan test's page (its file is not the desk's:
    // discarding forgets the page and leaves the image alone).
    Result<void> show_test_scan_for_screenshot(const std::string& image);
    // Screenshots of the config tab: the slots `state_json` (a state.json) describes are what every
    // question answers, instead of the kiosk's own (a screenshot has none).
    Result<void> show_config_slots_for_screenshot(const std::string& state_json);
    // Where the scan test's page is kept while it shows: beside the citizens' scan folders, never in one.
    std::filesystem::path test_scan_file() const;

    // ui::StaffDesk
    std::optional<domain::StaffMember> staff() const override { return m_staff; }
    void check_pin(std::string staff_id, std::string pin) override;
    std::chrono::seconds pin_locked_for() const override;
    void leave() override;
    void note_activity() override { m_parts.mode.note_activity(); }
    std::optional<Idle> idle_left() const override;
    void sign_in_with_badge(std::string text) override;
    bool maintenance_active() const override;
    void session_ended() override;
    std::string waiting_message(Language language) const override;
    void tick() override;
    Result<void> force_maintenance(const std::string& reason) override;
    ui::DeviceHistory history(domain::DeviceKind device) const override;
    std::vector<ui::ConsumableView> consumables() const override;
    ui::ServiceView service() const override;
    std::optional<ui::OutboxView> outbox() const override;
    void ask_outbox() override;
    // An outbox question is still unanswered (screenshots wait for the answer before they draw).
    bool awaiting_outbox() const { return m_outbox_answered < m_outbox_asked; }
    std::optional<ui::ConfigSlotsView> config_slots() const override;
    void ask_config_slots() override;
    // A config slots question is still unanswered (screenshots wait for the answer before they draw).
    bool awaiting_config_slots() const { return m_config_answered < m_config_asked; }
    std::vector<ui::PrintView> recent_prints(int limit) const override;
    ui::AboutView about() const override;
    Result<void> start_test(ui::DeviceTest test) override;
    void record_test(ui::DeviceTest test, std::string_view outcome) override;
    std::optional<ui::TestScanView> test_scan() const override;
    void discard_test_scan() override;
    Result<void> replace_consumable(const std::string& id, std::int64_t loaded) override;
    Result<void> set_out_of_service(const std::string& reason, const LocalizedText& notice) override;
    Result<void> set_in_service() override;
    Result<void> send_outbox_now() override;
    Result<void> retry_refused(const std::string& application_id) override;
    Result<void> discard_refused(const std::string& application_id) override;
    Result<void> authorise_reprint(std::int64_t ledger_id) override;
    Result<void> restart_app() override;
    Result<void> roll_back_config() override;

private:
    // Checks the role for `action`, audits a refusal; Denied when the member may not.
    Result<void> allow(domain::StaffAction action);
    // "staff=S1024 role=hall-it …": the audit detail of a staff action.
    std::string who() const;
    void audit(std::string_view kind, const std::string& detail) const;
    // Queues an outbox question or action; its audit row (kind, detail) is written with the outcome.
    unsigned next_outbox_request(std::string audit_kind = {}, std::string audit_detail = {});
    void outbox_answered(const services::StaffOutboxAnswered& answer);
    // Puts a config slots question or the rollback on the store worker (or answers at once without slots).
    void post_config(const std::string& action);
    void config_answered(const services::StaffConfigSlotsAnswered& answer);

    // The scan test's page, filled on the scanner's thread; shared with the scan's sink, which may run
    // after the desk is gone. A discard makes a scan still under way stale: its page is deleted.
    struct TestScanSlot {
        std::mutex mutex;
        std::optional<scan::TestScanPage> page;
        unsigned generation = 0;
    };

    Parts m_parts;
    std::shared_ptr<TestScanSlot> m_test_scan = std::make_shared<TestScanSlot>();
    std::optional<domain::StaffMember> m_staff;
    bool m_restart = false;
    SteadyTime m_started;
    unsigned m_outbox_asked = 0, m_outbox_answered = 0;    // request numbers, UI thread
    std::optional<services::StaffOutboxAnswered> m_outbox; // the latest answer that read the outbox
    std::map<unsigned, std::pair<std::string, std::string>> m_outbox_audits; // request → kind, detail
    unsigned m_config_asked = 0, m_config_answered = 0;                      // request numbers, UI thread
    std::optional<services::StaffConfigSlotsAnswered> m_config; // the latest answer that read the slots
    std::map<unsigned, std::string> m_rollbacks;                // request → the audit detail of a rollback
    std::optional<slots::SlotsState> m_screenshot_slots;        // screenshots only
    std::mutex m_stored_mutex;
    std::optional<store::StoredServiceState> m_stored; // from the store worker, for the UI thread
    Worker m_pin_worker{"staff-pin"};                  // last: joined first
};

} // namespace kiosk::app
