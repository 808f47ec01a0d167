#pragma once
// The kiosk's paper and toner (docs/Maintenance.md "Consumables and their forecast"): receipt paper
// ("receipt-paper", mm) and A4 sheets ("a4-paper") counted from what printed since staff last replaced
// them, toner ("toner") as the A4 printer reports it. Each consumable's level is the worse of the
// kiosk's own counter and the printer's report (domain::DeviceStatus: "media-low", "media-empty",
// "toner-low", "toner-empty" and the consumable percentages, drivers/printer/PrinterReasons.h); "low"
// warns staff, "out" withdraws that printer (withdrawn()) so only the matters that print on it are
// greyed. The forecast (ConsumableForecast.h) says when each counted one runs out at this hall's pace.
//
// "Out" is news: when a printer's consumable crosses into "out" or back, the service posts
// ConsumableOutChanged (services/Events.h) to the queue it was given — at once after a booking or a
// replacement (the UI thread), after each read of the store (the worker: a replacement made with
// kiosk-devctl), and when the printer's own report changes (printer_reported). The app withdraws the
// printer on that event (kiosk/StaffDeskImpl.cpp observe); nothing polls.
//
// Threads: every method is for the UI thread; the store is read and written on the worker
// "consumables" (its own SQLite connection to the kiosk's database). levels() answers at once from the
// last read, which is renewed every `refresh_every`, on refresh() (the staff panel asks when it opens)
// and after each booking — so a replacement made with kiosk-devctl while the kiosk runs shows within
// a minute. Without the store (no path, or it does not open) nothing is counted: the levels are the
// printers' reports alone and replace() answers Unsupported.
//
// No personal data: prints are counted by their length and pages; staff are named by id and role.

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/base/Result.h"
#include "core/base/Worker.h"
#include "core/domain/DeviceStatus.h"
#include "core/domain/StaffRole.h"
#include "core/store/ConsumableLedger.h"
#include "services/Events.h"
#include "services/PrintUsage.h"
#include "services/staff/consumables/ConsumableForecast.h"

#include <array>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::store {
class Database;
}

namespace kiosk::services {

enum class ConsumableLevel { Ok, Low, Out, Unknown };
const char* to_string(ConsumableLevel level); // "ok", "low", "out", "unknown"
// The worse of two: Out, then Low, then Ok; Unknown only when both are.
ConsumableLevel worse(ConsumableLevel a, ConsumableLevel b);

// One consumable as staff see it (ui::ConsumableView is filled from it, kiosk/ConsumableViews.h).
struct ConsumableState {
    std::string id; // "receipt-paper", "a4-paper", "toner"
    domain::DeviceKind device = domain::DeviceKind::ReceiptPrinter;
    ConsumableLevel level = ConsumableLevel::Unknown;         // the worse of the two below
    ConsumableLevel counter_level = ConsumableLevel::Unknown; // from what the kiosk counted
    ConsumableLevel printer_level = ConsumableLevel::Unknown; // from what the printer says
    int percent = -1;                                         // 0..100 of a full load left; -1 unknown
    std::int64_t used = 0;                                    // since the last replacement, in `unit`
    std::int64_t capacity = 0;                                // a full load in `unit`; 0: not counted
    std::string unit;                                         // "mm", "sheets"; "" for toner
    std::string printer_report; // the printer's reason keyword about it ("media-low"), "" if none
    std::optional<WallTime> replaced_at;
    std::string replaced_by; // staff id
    std::optional<WallTime> runs_out_at;
    bool replaceable = true;
};

struct ConsumablesSettings {
    std::string database_path;  // the kiosk's store; "" : nothing is counted
    ConsumablesOptions options; // sizes and thresholds (core/base/Config.h)
    ForecastOptions forecast;
    std::chrono::milliseconds refresh_every{60000}; // ms between reads of the store
    int keep_usage_days = 56;                       // days of hourly usage kept for the forecast
};

class Consumables {
public:
    // The printers' latest own report (DeviceHub::reported, not the withdrawal), read on the UI thread.
    using StatusOf = std::function<domain::DeviceStatus(domain::DeviceKind)>;
    // Writes an audit row (kind, detail); called on the worker once a replacement is stored.
    using Auditor = std::function<void(std::string_view kind, std::string_view detail)>;

    // `events`, when given, hears ConsumableOutChanged; it must outlive the service.
    Consumables(ConsumablesSettings settings, const Clock& clock, StatusOf status_of, Auditor auditor,
                AppEventQueue* events = nullptr);
    ~Consumables();
    Consumables(const Consumables&) = delete;
    Consumables& operator=(const Consumables&) = delete;

    // Opens the store on the worker and reads it; then every refresh_every.
    void start();
    // Read the store again now (the panel opens).
    void refresh();
    // For tools (kiosk-devctl), never the UI thread: reads the store and waits until it is read.
    void refresh_and_wait();

    // PrintService's usage hook: books what a print took (receipts: length + feed; A4: pages).
    void book(const PrintUsage& usage);

    // receipt-paper, a4-paper, toner, as last read and as the printers say now.
    std::vector<ConsumableState> levels() const;
    // Why `printer` must not be offered: "receipt-paper-out", "a4-paper-out" or "toner-out" (by the
    // count or by the printer's own report); nothing when it may print (low is only a warning). What
    // DeviceHub::set_withdrawn takes.
    std::optional<std::string> withdrawn(domain::DeviceKind printer) const;

    // `staff` confirms a new roll / a refilled tray with `loaded` in the consumable's unit (0: a full
    // load). Errors: Denied (the role may not), NotFound (no such consumable), Unsupported (toner is
    // not counted, or the store is unavailable), InvalidArgument (a negative amount or more than ten
    // full loads). Answers at once; the store is written on the worker, and audited there.
    Result<void> replace(const std::string& id, std::int64_t loaded, const domain::StaffMember& staff);

    // UI thread: a printer's own latest report (as DeviceStatusChanged brings it): the "out" it may
    // say is compared with what was posted, here and after each read of the store.
    void printer_reported(const domain::DeviceStatus& status);

    // Whether the store could be read (the last read succeeded).
    bool counting() const;

private:
    struct Snapshot {
        bool counting = false;
        std::vector<store::ConsumableCounter> counters;
        std::vector<std::pair<std::string, std::optional<WallTime>>> runs_out; // id → forecast
    };
    // Worker thread.
    void open_store();
    void read_store();
    void schedule_refresh();
    void stored(unsigned change); // the UI thread's change number `change` is in the store

    ConsumableState state_of(const std::string& id, const Snapshot& snapshot,
                             const domain::DeviceStatus& status) const;
    // Any thread: compares each printer's "out" (the snapshot and the reports printer_reported() kept)
    // with what was last posted, and posts ConsumableOutChanged for each that changed.
    void post_out_changes();
    std::int64_t capacity_of(const std::string& id) const;
    const ConsumableThresholds& thresholds_of(const std::string& id) const;

    ConsumablesSettings m_settings;
    const Clock& m_clock;
    StatusOf m_status_of;
    Auditor m_auditor;
    AppEventQueue* m_events;
    mutable std::mutex m_mutex; // guards m_snapshot, m_reports, m_posted_out
    Snapshot m_snapshot;
    std::array<domain::DeviceStatus, 2> m_reports; // the receipt and A4 printers' own, as last reported
    std::array<std::string, 2> m_posted_out;       // the withdrawal last posted per printer, "" none
    unsigned m_changes = 0;                        // bookings and replacements shown at once (UI thread)
    unsigned m_stored_changes = 0;                 // … of which the worker has stored all up to this one
    // Worker's own.
    std::unique_ptr<store::Database> m_database;
    std::unique_ptr<store::ConsumableLedger> m_ledger;
    WallTime m_last_prune{};
    // Last: destroyed (joined) first, while what its tasks use exists. A member, not a pointer: a task
    // that schedules the next read while the destructor joins finds a stopping worker, not a null one.
    Worker m_worker{"consumables"};
};

} // namespace kiosk::services
