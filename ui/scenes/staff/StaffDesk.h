#pragma once
// What the staff screens (maintenance mode, docs/Maintenance.md) read and do, as one interface: the
// screens are views, and this is their only door to the kiosk's services. The kiosk implements it
// (kiosk/StaffDeskImpl.cpp) over the device hub, the consumables ledger, the service mode, the outbox
// and the print ledger; scene tests implement it in memory.
//
// UI thread only. Every action checks the signed-in staff member's role (domain::allows) and is
// audited by the implementation with the staff id and role; a refused action changes nothing and
// answers Denied. Nothing here carries a citizen's personal data: outbox rows and prints are
// named by their ids and kinds, never by who applied.

#include "core/base/Clock.h"
#include "core/base/LocalizedText.h"
#include "core/base/Result.h"
#include "core/domain/DeviceStatus.h"
#include "core/domain/StaffRole.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::ui {

// One consumable as the consumables screen shows it.
struct ConsumableView {
    enum class Level { Ok, Low, Out, Unknown };
    std::string id; // "receipt-paper", "a4-paper", "toner": the translation key's tail
    domain::DeviceKind device = domain::DeviceKind::ReceiptPrinter;
    Level level = Level::Unknown; // the worse of the kiosk's counter and the printer's own report
    int percent = -1;             // 0..100 left, -1 when nobody can tell
    std::int64_t used = 0;        // since the last replacement, in `unit`
    std::int64_t capacity = 0;    // what a full load holds, in `unit` (0: not counted by the kiosk)
    std::string unit;             // "mm" or "sheets"; "" for a level only the printer reports
    std::string printer_report;   // the printer's own word (CUPS marker or state reason), "" if none
    std::optional<WallTime> replaced_at;
    // The forecast: when it runs out at this hall's usage; nothing when it lasts beyond the horizon or
    // there is too little history to tell.
    std::optional<WallTime> runs_out_at;
    // The forecast had enough history: no runs_out_at then means it lasts beyond the horizon (a week).
    bool forecast_ready = false;
    bool replaceable = true; // staff can say "replaced / refilled" (toner reported by CUPS: not counted)
};

// One device's history for the device panel.
struct DeviceHistory {
    std::optional<WallTime> last_fault_at;
    std::string last_fault_reason; // the reason keyword ("media-jam"), "" when none
    std::optional<WallTime> last_success_at;
    std::vector<std::pair<std::string, std::int64_t>> counters; // ("prints", 1234), ("scans", 88)
};

// Service state, CUSS style: in service, or out with one reason.
struct ServiceView {
    enum class Maintenance { Inactive, Pending, Active };
    bool in_service = true;
    // Out of service: "hardware", "consumables", "network", "maintenance", "out-of-hours", "internal"
    // (catalog, templates, keys or store do not load) or "staff" (taken out by staff).
    std::string reason;
    std::string detail;   // for staff, plain words (which file, which device); no personal data
    LocalizedText notice; // shown on the attract screen while out of service; may be empty
    Maintenance maintenance = Maintenance::Inactive;
    LocalizedText opening_hours; // "周一至周五 9:00–17:00" as config says it
};

// The outbox, counted: no personal data, rows named by the kiosk's application id.
struct OutboxView {
    struct Refused {
        std::string application_id; // 32 hex, the kiosk's own
        std::string reason;         // the hub's error code
        std::optional<WallTime> sealed_at;
    };
    int queued = 0;
    std::optional<std::chrono::seconds> oldest_queued_age;
    std::vector<Refused> refused;
    std::string delivery_state; // "idle", "sending", "waiting-for-hub", …
};

// A recent print from the print ledger.
struct PrintView {
    std::int64_t ledger_id = 0;
    std::string kind;  // "receipt", "certificate", "checklist", "form", "test-page"
    std::string state; // "queued", "printing", "completed", "failed", "unknown"
    std::string reason;
    std::optional<WallTime> at;
    bool reprint_needs_authorisation = false; // a failed or unknown certificate: staff may allow one more
};

struct AboutView {
    std::string kiosk_id, app_version, catalog_version, templates_version;
    std::string hub_url;   // "" when no hub is configured
    std::string hub_state; // "connected", "unreachable", "not-configured"
    std::int64_t disk_free_bytes = -1;
    std::chrono::seconds uptime{0};
    // The audit log's latest entries, newest first (no personal data: the log's own rule); empty unless
    // the member may read logs (StaffAction::ViewLogs, hall IT and up).
    struct LogLine {
        std::optional<WallTime> at;
        std::string kind, detail;
    };
    std::vector<LogLine> recent_log;
};

// The kiosk's config slots (docs/ConfigSlots.md) as the engineer's config tab shows them: which one the
// kiosk's content comes from, what each of slots A and B holds, and the latest results. Keywords are
// the slots' own words (services/slots/SlotState.h to_string); nothing here is personal data.
struct ConfigSlotsView {
    struct Slot {
        std::string status;       // "empty", "trial", "good", "failed"
        std::string bundle_id;    // "" when empty
        std::int64_t version = 0; // 0 when empty
        std::optional<WallTime> installed_at;
        std::string last_result; // "installed", "confirmed", "rolled_back", "load_failed", "crash_loop", …
        std::string reason;      // of the last result, one line ("" for none)
    };
    struct Entry {
        std::optional<WallTime> at;
        std::string outcome; // as last_result, plus "refused", "recovered"
        std::string slot;    // "a", "b", "factory"
        std::string bundle_id;
        std::int64_t version = 0;
        std::string reason;
    };
    bool in_use = false; // false: the kiosk has no config slots and runs on its factory content
    std::string current; // "a", "b" or "factory"
    Slot a, b;
    std::vector<Entry> history; // newest first, at most kConfigHistoryShown
    std::string error;          // the slots could not be read afresh: one line for the engineer; "" when read
};
inline constexpr size_t kConfigHistoryShown = 5;

enum class DeviceTest { ReceiptPage, A4Page, Scan, Card, Qr };
inline const char* to_string(DeviceTest test) {
    constexpr const char* kNames[] = {"receipt-page", "a4-page", "scan", "card", "qr"};
    return kNames[static_cast<int>(test)];
}

// Why hall IT interrupt a citizen's visit (force_maintenance), CUSS style: the stable word the desk
// gets and the audit row says, and the translation key the reason chooser shows for it.
struct ForceReason {
    const char* word;
    const char* key;
};
inline constexpr std::array<ForceReason, 4> kForceReasons{{
    {"device-fault", "staff.force.device_fault"},     // a device fault that must be repaired now
    {"security", "staff.force.security"},             // tampering, a skimmer, a security concern
    {"consumable-out", "staff.force.consumable_out"}, // paper or toner ran out mid-visit
    {"hall-closing", "staff.force.hall_closing"},     // the hall closes, an emergency
}};
inline bool is_force_reason(std::string_view word) {
    for (const auto& reason : kForceReasons)
        if (word == reason.word)
            return true;
    return false;
}

// The page of the tests tab's scan test: a staff artefact, never a citizen's material (it never
// reaches a case, a draft or the outbox). The desk keeps its file until discard_test_scan.
struct TestScanView {
    std::string file;             // the page as the scanner gave it (PNG), deleted by discard_test_scan
    int width = 0, height = 0;    // the page's pixels
    int dpi = 0;                  // the resolution it was scanned at
    std::vector<uint8_t> preview; // 24-bit RGB, rows top-down, fitted in kTestScanPreviewMax
    int preview_width = 0, preview_height = 0;
};
inline constexpr int kTestScanPreviewMax = 640; // px, the preview's longer side at most

class StaffDesk {
public:
    virtual ~StaffDesk() = default;

    // Who is signed in; nothing outside maintenance mode.
    virtual std::optional<domain::StaffMember> staff() const = 0;
    bool may(domain::StaffAction action) const {
        auto member = staff();
        return member && domain::allows(member->role, action);
    }

    // Sign in with the staff number and PIN typed on the pad. The check is slow on purpose (Argon2id):
    // it runs off the UI thread and the answer comes back as a services::StaffSignInAnswered event.
    virtual void check_pin(std::string staff_id, std::string pin) = 0;
    // Seconds left of a lockout after too many wrong PINs; 0 when the pad takes PINs.
    virtual std::chrono::seconds pin_locked_for() const = 0;
    // Leave maintenance: runs the self-test; the kiosk serves again only when the devices the catalog
    // needs are ready (otherwise it stays out of service with the reason).
    virtual void leave() = 0;
    // A touch on a staff screen: keeps the staff session from timing out.
    virtual void note_activity() = 0;
    // How long the staff session has left without a touch before it ends, and the whole timeout
    // (staff.session_timeout_s); nothing when no staff session is active (nobody signed in, or
    // maintenance only pending).
    struct Idle {
        std::chrono::milliseconds left{0};
        std::chrono::milliseconds timeout{0};
    };
    virtual std::optional<Idle> idle_left() const = 0;

    // --- what the scene manager asks (the hand-off, docs/Maintenance.md) ---
    // A staff badge shown to the QR scanner on any screen: the answer comes as StaffSignInAnswered, as a
    // PIN's does. A citizen's QR code never reaches here (only texts shaped as badges).
    virtual void sign_in_with_badge(std::string text) = 0;
    // Staff have the kiosk: the staff screens show (a citizen's session, if any, has ended).
    virtual bool maintenance_active() const = 0;
    // A citizen's session ended, however: a pending maintenance begins now.
    virtual void session_ended() = 0;
    // When no new citizen may start, the sentence the waiting screen shows instead of an invitation,
    // translated ("维护中，请到其他自助终端办理", the hall's hours, staff's notice); empty while serving.
    virtual std::string waiting_message(Language language) const = 0;
    // Interrupts the citizen's session now (hall IT and up, with one of kForceReasons' words, audited
    // as it is; another word is InvalidArgument): the scene manager then ends the session, wiped as at
    // any end, and the staff screens open.
    virtual Result<void> force_maintenance(const std::string& reason) = 0;
    // Once per scene-manager tick: timeouts, opening hours, the stored service state.
    virtual void tick() = 0;

    virtual DeviceHistory history(domain::DeviceKind device) const = 0;
    virtual std::vector<ConsumableView> consumables() const = 0;
    virtual ServiceView service() const = 0;
    // The outbox as the submissions worker last answered; nothing until it has answered once (the
    // panel says "loading…"). ask_outbox() asks again and returns at once: the worker answers with a
    // services::StaffOutboxAnswered event, which the desk takes in before the scenes hear it, so the
    // panel lays out again on that event and finds the answer here. The UI never waits for the worker.
    virtual std::optional<OutboxView> outbox() const = 0;
    virtual void ask_outbox() = 0;
    virtual std::vector<PrintView> recent_prints(int limit) const = 0;
    virtual AboutView about() const = 0;
    // The config slots for the engineer's config tab (StaffAction::ChangeSettings): nothing until the
    // store worker has answered once, and always nothing for a member who may not change settings.
    // ask_config_slots() asks again and returns at once (nothing is asked for other roles); the answer
    // comes as a services::StaffConfigSlotsAnswered event, taken in by the desk before the scenes hear
    // it, as the outbox's answer is.
    virtual std::optional<ConfigSlotsView> config_slots() const = 0;
    virtual void ask_config_slots() = 0;

    // Starts a test; its outcome comes as the device's usual events (PrintCompleted/PrintFailed,
    // ScanCompleted/ScanFailed, CardRead/CardReadFailed — the identity only for masking on screen —,
    // QrScanned) to the scene on screen. Answers why it could not start.
    virtual Result<void> start_test(DeviceTest test) = 0;
    // The outcome as the tests screen saw it, for the audit log: "ok", or a reason keyword.
    virtual void record_test(DeviceTest test, std::string_view outcome) = 0;
    // The scan test's page once ScanCompleted came for it; nothing before, or after discard.
    virtual std::optional<TestScanView> test_scan() const = 0;
    // Deletes the scan test's page (its file too): when the next test starts, the tests tab closes
    // and maintenance ends. Nothing when there is none.
    virtual void discard_test_scan() = 0;
    // Staff loaded a full roll / refilled the tray: `loaded` in the consumable's unit (0: a full load).
    virtual Result<void> replace_consumable(const std::string& id, std::int64_t loaded) = 0;
    // Out of service with a reason keyword and an optional notice; back in service (after the self-test).
    virtual Result<void> set_out_of_service(const std::string& reason, const LocalizedText& notice) = 0;
    virtual Result<void> set_in_service() = 0;
    // The outbox's actions (hall IT): Denied or Unsupported at once; otherwise queued on the submissions
    // worker, whose outcome arrives as StaffOutboxAnswered (its action, its error if any, and the outbox
    // as it is afterwards, which outbox() then answers).
    virtual Result<void> send_outbox_now() = 0;
    virtual Result<void> retry_refused(const std::string& application_id) = 0;
    virtual Result<void> discard_refused(const std::string& application_id) = 0;
    virtual Result<void> authorise_reprint(std::int64_t ledger_id) = 0;
    virtual Result<void> restart_app() = 0;
    // Back from the current config slot to the other good one, else the factory content (engineer,
    // ChangeSettings): Denied or Unsupported (no config slots) at once; otherwise queued on the store
    // worker, whose outcome and the slots after it come as StaffConfigSlotsAnswered (action "rollback"),
    // audited as bundle-rolled-back. The kiosk is not reloaded here: it serves the new slot once
    // maintenance has ended.
    virtual Result<void> roll_back_config() = 0;
};

} // namespace kiosk::ui
