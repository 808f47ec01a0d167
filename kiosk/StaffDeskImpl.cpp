#include "kiosk/StaffDeskImpl.h"

#include "core/base/Log.h"
#include "core/store/AuditLog.h"
#include "core/store/Counters.h"
#include "core/store/UtcTimestamp.h"
#include "kiosk/ConsumableViews.h"
#include "services/PrintDocuments.h"

#include <algorithm>
#include <filesystem>
#include <sys/statvfs.h>

namespace kiosk::app {

using domain::DeviceKind;
using domain::StaffAction;

namespace {

constexpr int kLogLines = 8;      // the about tab's latest audit entries
constexpr int kTestScanDpi = 150; // the scan test's resolution: enough to judge a page, quick to scan

// What the device panel counts for each device ("device.<kind>.uses" in the store).
const char* uses_word(DeviceKind kind) {
    switch (kind) {
    case DeviceKind::ReceiptPrinter:
    case DeviceKind::A4Printer:
        return "prints";
    case DeviceKind::Scanner:
        return "scans";
    case DeviceKind::IdCardReader:
    case DeviceKind::QrScanner:
        return "reads";
    }
    return "uses";
}

} // namespace

StaffDeskImpl::StaffDeskImpl(Parts parts) : m_parts(std::move(parts)), m_started(m_parts.clock.now()) {
    std::error_code ignored;
    std::filesystem::remove(test_scan_file(), ignored); // left by a kiosk that stopped mid-test
}

StaffDeskImpl::~StaffDeskImpl() {
    discard_test_scan();
}

std::string StaffDeskImpl::who() const {
    if (!m_staff)
        return "staff=none";
    return "staff=" + m_staff->id + " role=" + domain::to_string(m_staff->role);
}

void StaffDeskImpl::audit(std::string_view kind, const std::string& detail) const {
    if (m_parts.audit)
        m_parts.audit(kind, detail);
}

Result<void> StaffDeskImpl::allow(StaffAction action) {
    if (!m_staff)
        return make_error(ErrorCode::Denied, "nobody is signed in");
    if (domain::allows(m_staff->role, action))
        return {};
    audit("staff-refused", who() + " action=" + domain::to_string(action));
    return make_error(ErrorCode::Denied, std::string("the role ") + domain::to_string(m_staff->role) +
                                             " may not " + domain::to_string(action));
}

// --- signing in, the hand-off ---

void StaffDeskImpl::check_pin(std::string staff_id, std::string pin) {
    if (!m_parts.authenticator) {
        secure_wipe(pin);
        m_parts.queue.post(services::StaffSignInAnswered{std::nullopt, "unavailable", {}});
        return;
    }
    // Argon2id takes a tenth of a second on purpose: off the UI thread.
    m_pin_worker.post([this, staff_id = std::move(staff_id), pin = std::move(pin)]() mutable {
        m_parts.queue.post(m_parts.authenticator->sign_in_with_pin(std::move(staff_id), std::move(pin)));
    });
}

std::chrono::seconds StaffDeskImpl::pin_locked_for() const {
    return m_parts.authenticator ? m_parts.authenticator->locked_for() : std::chrono::seconds(0);
}

void StaffDeskImpl::sign_in_with_badge(std::string text) {
    if (!m_parts.authenticator) {
        m_parts.queue.post(services::StaffSignInAnswered{std::nullopt, "unavailable", {}});
        return;
    }
    m_parts.queue.post(m_parts.authenticator->sign_in_with_badge(text)); // a signature check: fast
}

void StaffDeskImpl::observe(const services::AppEvent& event) {
    m_parts.journal.observe(event);
    if (const auto* answer = std::get_if<services::StaffSignInAnswered>(&event); answer && answer->staff) {
        if (m_staff && m_staff->id != answer->staff->id)
            audit("staff-handed-over", who() + " to=" + answer->staff->id);
        m_staff = answer->staff;
        if (m_parts.citizen_active && m_parts.citizen_active() && !m_parts.mode.session_under_way())
            m_parts.mode.session_started();
        m_parts.mode.request_maintenance(*m_staff);
    }
    if (const auto* changed = std::get_if<services::DeviceStatusChanged>(&event)) {
        m_parts.mode.devices_changed();
        if (m_parts.consumables)
            m_parts.consumables->printer_reported(changed->status); // may post ConsumableOutChanged
    }
    if (const auto* answer = std::get_if<services::StaffOutboxAnswered>(&event))
        outbox_answered(*answer);
    if (const auto* answer = std::get_if<services::StaffConfigSlotsAnswered>(&event))
        config_answered(*answer);
    if (const auto* out = std::get_if<services::ConsumableOutChanged>(&event)) {
        // Withdrawn or offered again: scenes hear of it as the printer's status changing.
        if (m_parts.devices.set_withdrawn(out->printer, out->withdrawn))
            m_parts.queue.post(services::DeviceStatusChanged{m_parts.devices.reported(out->printer)});
    }
}

void StaffDeskImpl::sign_in_for_screenshot(domain::StaffMember member) {
    m_staff = std::move(member);
    m_parts.mode.request_maintenance(*m_staff);
}

void StaffDeskImpl::leave() {
    if (!m_staff)
        return;
    discard_test_scan();
    m_parts.mode.leave(); // the self-test, audited
    m_staff.reset();
}

bool StaffDeskImpl::maintenance_active() const {
    return m_staff && m_parts.mode.maintenance() == services::Maintenance::Active;
}

void StaffDeskImpl::session_ended() {
    if (m_parts.mode.session_under_way())
        m_parts.mode.session_ended();
}

std::optional<ui::StaffDesk::Idle> StaffDeskImpl::idle_left() const {
    auto left = m_parts.mode.idle_left();
    if (!m_staff || !left)
        return std::nullopt;
    return Idle{*left, m_parts.mode.staff_session_timeout()};
}

Result<void> StaffDeskImpl::force_maintenance(const std::string& reason) {
    TRY(allow(StaffAction::ForceMaintenance));
    if (!ui::is_force_reason(reason)) {
        audit("staff-refused", who() + " action=force-maintenance why=unknown-reason");
        return make_error(ErrorCode::InvalidArgument, "forcing maintenance needs one of the listed reasons");
    }
    auto forced = m_parts.mode.force(*m_staff, reason); // audited, with the reason
    if (!forced.ok())
        return forced.release_error();
    return {};
}

std::string StaffDeskImpl::waiting_message(Language language) const {
    auto message = m_parts.mode.attract_message();
    if (message.key.empty())
        return {};
    if (message.key == "service.out_of_hours")
        return m_parts.tr.format("service.out_of_hours", {{"hours", message.hours.in(language)}});
    if (message.key == "service.out_of_service" && !message.notice.in(language).empty())
        return message.notice.in(language);
    return m_parts.tr.tr(message.key);
}

void StaffDeskImpl::stored_state_arrived(store::StoredServiceState state) {
    std::lock_guard lock(m_stored_mutex);
    m_stored = std::move(state);
}

void StaffDeskImpl::tick() {
    bool citizen = m_parts.citizen_active && m_parts.citizen_active();
    if (citizen && !m_parts.mode.session_under_way())
        m_parts.mode.session_started();
    std::optional<store::StoredServiceState> stored;
    {
        std::lock_guard lock(m_stored_mutex);
        stored.swap(m_stored);
    }
    if (stored)
        m_parts.mode.apply_stored(*stored);
    m_parts.mode.tick();
    if (m_staff && m_parts.mode.maintenance() == services::Maintenance::Inactive) {
        m_staff.reset(); // the staff session timed out (audited by the mode)
        discard_test_scan();
    }
}

// --- what the screens show ---

ui::DeviceHistory StaffDeskImpl::history(DeviceKind device) const {
    const auto& entry = m_parts.journal.entry(device);
    ui::DeviceHistory history{entry.last_fault_at, entry.last_fault_reason, entry.last_success_at, {}};
    if (m_parts.ui_database) {
        auto uses = store::Counters(*m_parts.ui_database).get(services::DeviceJournal::uses_counter(device));
        if (uses.ok())
            history.counters.emplace_back(uses_word(device), uses.value());
    }
    return history;
}

std::vector<ui::ConsumableView> StaffDeskImpl::consumables() const {
    if (!m_parts.consumables)
        return {};
    auto views = consumable_views(*m_parts.consumables);
    for (auto& view : views)
        view.forecast_ready = view.runs_out_at.has_value();
    return views;
}

ui::ServiceView StaffDeskImpl::service() const {
    auto state = m_parts.mode.state();
    ui::ServiceView view;
    view.in_service = state.in_service;
    view.reason = state.in_service ? "" : services::to_string(state.reason);
    view.detail = state.detail;
    view.notice = state.notice;
    switch (m_parts.mode.maintenance()) {
    case services::Maintenance::Inactive:
        view.maintenance = ui::ServiceView::Maintenance::Inactive;
        break;
    case services::Maintenance::Pending:
        view.maintenance = ui::ServiceView::Maintenance::Pending;
        break;
    case services::Maintenance::Active:
        view.maintenance = ui::ServiceView::Maintenance::Active;
        break;
    }
    view.opening_hours = m_parts.mode.opening_hours().describe();
    return view;
}

unsigned StaffDeskImpl::next_outbox_request(std::string audit_kind, std::string audit_detail) {
    m_outbox_asked += 1;
    if (!audit_kind.empty())
        m_outbox_audits[m_outbox_asked] = {std::move(audit_kind), std::move(audit_detail)};
    return m_outbox_asked;
}

void StaffDeskImpl::ask_outbox() {
    unsigned request = next_outbox_request();
    if (m_parts.submissions)
        m_parts.submissions->ask_staff_outbox(request);
    else // nothing to ask: answered at once, by the same road
        m_parts.queue.post(services::StaffOutboxAnswered{
            request, "read", make_error(ErrorCode::Unsupported, "no outbox"), false, 0, {}, {}});
}

void StaffDeskImpl::outbox_answered(const services::StaffOutboxAnswered& answer) {
    m_outbox_answered = std::max(m_outbox_answered, answer.request);
    if (auto pending = m_outbox_audits.find(answer.request); pending != m_outbox_audits.end()) {
        std::string detail = pending->second.second;
        if (answer.error) {
            detail += " outcome=";
            detail += to_string(answer.error->code);
        }
        audit(pending->second.first, detail);
        m_outbox_audits.erase(pending);
    }
    if (answer.error)
        log::warn("staff desk: outbox {}: {}", answer.action, answer.error->describe());
    if (answer.read || !m_outbox)
        m_outbox = answer; // an answer that could not read the outbox shows it empty, as it is to staff
}

std::optional<ui::OutboxView> StaffDeskImpl::outbox() const {
    if (!m_outbox)
        return std::nullopt;
    ui::OutboxView view;
    if (m_parts.submissions)
        view.delivery_state = outbox::to_string(m_parts.submissions->delivery().state);
    if (!m_outbox->read)
        return view;
    view.queued = m_outbox->queued;
    if (auto oldest = store::parse_utc_timestamp(m_outbox->oldest_waiting_sealed_utc))
        view.oldest_queued_age =
            std::chrono::duration_cast<std::chrono::seconds>(m_parts.clock.wall_now() - *oldest);
    for (const auto& application : m_outbox->for_staff)
        view.refused.push_back({application.application_id, application.reason,
                                store::parse_utc_timestamp(application.sealed_utc)});
    return view;
}

std::vector<ui::PrintView> StaffDeskImpl::recent_prints(int limit) const {
    std::vector<ui::PrintView> views;
    if (!m_parts.ledger)
        return views;
    auto recent = m_parts.ledger->recent(limit);
    if (!recent.ok())
        return views;
    for (const auto& print : recent.value()) {
        ui::PrintView view;
        view.ledger_id = print.id;
        view.kind = store::to_string(print.kind);
        view.state = store::to_string(print.state);
        view.reason = print.reason;
        view.at =
            store::parse_utc_timestamp(print.finished_utc.empty() ? print.created_utc : print.finished_utc);
        // A certificate that may have printed, or did: one more copy only with staff's word.
        view.reprint_needs_authorisation =
            print.kind == store::PrintKind::Certificate && print.authorised_by.empty() &&
            (print.state == store::PrintState::Unknown || print.state == store::PrintState::Completed);
        views.push_back(std::move(view));
    }
    return views;
}

ui::AboutView StaffDeskImpl::about() const {
    ui::AboutView view;
    view.kiosk_id = m_parts.options.kiosk_id;
    view.app_version = KIOSK_VERSION;
    view.catalog_version = m_parts.catalog.version();
    view.templates_version = "";
    view.hub_url = m_parts.options.hub.url;
    if (view.hub_url.empty())
        view.hub_state = "not-configured";
    else if (m_parts.submissions)
        view.hub_state = outbox::to_string(m_parts.submissions->delivery().state);
    std::error_code ignored;
    auto folder = std::filesystem::path(m_parts.options.paths.database).parent_path();
    struct statvfs disk {};
    if (!folder.empty() && statvfs(folder.c_str(), &disk) == 0)
        view.disk_free_bytes =
            static_cast<std::int64_t>(disk.f_bavail) * static_cast<std::int64_t>(disk.f_frsize);
    view.uptime = std::chrono::duration_cast<std::chrono::seconds>(m_parts.clock.now() - m_started);
    if (m_staff && domain::allows(m_staff->role, StaffAction::ViewLogs) && m_parts.ui_database) {
        auto recent = store::AuditLog(*m_parts.ui_database, m_parts.clock).recent(kLogLines);
        if (recent.ok()) {
            for (const auto& entry : recent.value())
                view.recent_log.push_back(
                    {store::parse_utc_timestamp(entry.at_utc), entry.kind, entry.detail});
        }
    }
    return view;
}

// --- what staff do ---

Result<void> StaffDeskImpl::start_test(ui::DeviceTest test) {
    bool print = test == ui::DeviceTest::ReceiptPage || test == ui::DeviceTest::A4Page;
    TRY(allow(print ? StaffAction::TestPrint : StaffAction::TestDevices));
    audit("staff-test-started", who() + " test=" + ui::to_string(test));
    discard_test_scan(); // the last test's page goes as the next test starts
    switch (test) {
    case ui::DeviceTest::ReceiptPage:
    case ui::DeviceTest::A4Page: {
        if (!m_parts.printing)
            return make_error(ErrorCode::Unsupported, "this kiosk prints nothing");
        bool receipt = test == ui::DeviceTest::ReceiptPage;
        std::string printed_at = services::local_timestamp(m_parts.clock.wall_now());
        services::PrintRequest request{store::PrintKind::TestPage,
                                       "",
                                       receipt ? "test-page-receipt" : "test-page-a4",
                                       {{"kiosk_id", m_parts.options.kiosk_id},
                                        {"queue", receipt ? "receipt" : "a4"},
                                        {"printed_at", printed_at},
                                        {"check", "onewindow-test-page " + m_parts.options.kiosk_id}}};
        request.printer = receipt ? DeviceKind::ReceiptPrinter : DeviceKind::A4Printer;
        auto ticket = m_parts.printing->print(std::move(request));
        if (!ticket.ok())
            return ticket.release_error();
        return {};
    }
    case ui::DeviceTest::Scan: {
        // The page goes to the tests tab (a file of its own and a preview), never to a citizen's case.
        std::shared_ptr<TestScanSlot> slot = m_test_scan;
        unsigned generation = 0;
        {
            std::lock_guard lock(slot->mutex);
            generation = slot->generation;
        }
        return m_parts.devices.scan(
            drivers::ScanRequest{kTestScanDpi, false},
            [slot, generation, file = test_scan_file()](drivers::ScannedPage page) { // the scanner's thread
                auto kept = scan::keep_test_page(page, file, ui::kTestScanPreviewMax);
                std::error_code ignored;
                std::lock_guard lock(slot->mutex);
                if (!kept.ok()) {
                    log::warn("staff scan test: the page was not kept: {}", kept.error().describe());
                    std::filesystem::remove(file, ignored);
                } else if (generation != slot->generation) {
                    std::filesystem::remove(file, ignored); // the test was over before its page came
                } else {
                    slot->page = kept.release_value();
                }
            });
    }
    case ui::DeviceTest::Card:
    case ui::DeviceTest::Qr:
        return {}; // the reader and the scanner read whatever is shown to them
    }
    return {};
}

std::filesystem::path StaffDeskImpl::test_scan_file() const {
    return std::filesystem::path(m_parts.options.paths.scans).parent_path() / "staff-test-scan.png";
}

std::optional<ui::TestScanView> StaffDeskImpl::test_scan() const {
    std::lock_guard lock(m_test_scan->mutex);
    const auto& page = m_test_scan->page;
    if (!page)
        return std::nullopt;
    return ui::TestScanView{page->file.string(), page->width,         page->height,        page->dpi,
                            page->preview.rgb,   page->preview.width, page->preview.height};
}

void StaffDeskImpl::discard_test_scan() {
    std::lock_guard lock(m_test_scan->mutex);
    ++m_test_scan->generation; // a scan under way is stale now
    if (!m_test_scan->page)
        return;
    std::error_code ignored;
    if (!m_test_scan->page->file.empty())
        std::filesystem::remove(m_test_scan->page->file, ignored);
    m_test_scan->page.reset();
}

Result<void> StaffDeskImpl::show_test_scan_for_screenshot(const std::string& image) {
    auto page = TRY(scan::read_page_image(image, kTestScanDpi));
    std::lock_guard lock(m_test_scan->mutex);
    m_test_scan->page = scan::TestScanPage{
        {}, page.width, page.height, page.dpi, scan::make_preview(page, ui::kTestScanPreviewMax)};
    return {};
}

void StaffDeskImpl::record_test(ui::DeviceTest test, std::string_view outcome) {
    audit("staff-test", who() + " test=" + ui::to_string(test) + " outcome=" + std::string(outcome));
}

Result<void> StaffDeskImpl::replace_consumable(const std::string& id, std::int64_t loaded) {
    TRY(allow(StaffAction::ReplaceConsumable));
    if (!m_parts.consumables)
        return make_error(ErrorCode::Unsupported, "consumables are not counted on this kiosk");
    // Audited once stored; a printer withdrawn for it is offered again by the ConsumableOutChanged it posts.
    TRY(m_parts.consumables->replace(id, loaded, *m_staff));
    return {};
}

Result<void> StaffDeskImpl::set_out_of_service(const std::string& reason, const LocalizedText& notice) {
    TRY(allow(StaffAction::SetServiceState));
    return m_parts.mode.set_out_of_service(*m_staff, reason, notice);
}

Result<void> StaffDeskImpl::set_in_service() {
    TRY(allow(StaffAction::SetServiceState));
    auto tested = m_parts.mode.set_in_service(*m_staff);
    if (!tested.ok())
        return tested.release_error();
    return {};
}

Result<void> StaffDeskImpl::send_outbox_now() {
    TRY(allow(StaffAction::OutboxActions));
    if (!m_parts.submissions)
        return make_error(ErrorCode::Unsupported, "no outbox");
    if (!m_parts.submissions->hub_configured())
        return make_error(ErrorCode::Unsupported, "no hub is configured: kiosk-devctl outbox send");
    m_parts.submissions->ask_send_now(next_outbox_request("staff-outbox-send", who()));
    return {};
}

Result<void> StaffDeskImpl::retry_refused(const std::string& application_id) {
    TRY(allow(StaffAction::OutboxActions));
    if (!m_parts.submissions)
        return make_error(ErrorCode::Unsupported, "no outbox");
    // Audited when the worker answers, with the outcome; the outbox audits the state change itself.
    m_parts.submissions->ask_retry(
        next_outbox_request("staff-outbox-retry", who() + " application=" + application_id), application_id);
    return {};
}

Result<void> StaffDeskImpl::discard_refused(const std::string& application_id) {
    TRY(allow(StaffAction::OutboxActions));
    if (!m_parts.submissions)
        return make_error(ErrorCode::Unsupported, "no outbox");
    m_parts.submissions->ask_discard(
        next_outbox_request("staff-outbox-discard", who() + " application=" + application_id), application_id,
        "discarded at the kiosk by staff " + m_staff->id);
    return {};
}

Result<void> StaffDeskImpl::authorise_reprint(std::int64_t ledger_id) {
    TRY(allow(StaffAction::AuthoriseReprint));
    if (!m_parts.ledger)
        return make_error(ErrorCode::Unsupported, "the print ledger is unavailable");
    auto found = TRY(m_parts.ledger->find(ledger_id));
    if (!found || found->kind != store::PrintKind::Certificate)
        return make_error(ErrorCode::NotFound, "no certificate print " + std::to_string(ledger_id));
    // The ledger writes the staff id and the audit row with it.
    return m_parts.ledger->authorise_reprint(
        found->reference, m_staff->id, std::string("at the kiosk, role ") + domain::to_string(m_staff->role));
}

Result<void> StaffDeskImpl::restart_app() {
    TRY(allow(StaffAction::RestartApp));
    audit("staff-restart", who());
    m_restart = true; // the main loop ends; systemd starts the kiosk again (Restart=always)
    return {};
}

} // namespace kiosk::app
