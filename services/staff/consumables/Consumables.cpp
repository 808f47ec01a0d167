#include "services/staff/consumables/Consumables.h"
#include "core/base/Log.h"
#include "core/store/Database.h"
#include "core/store/UtcTimestamp.h"

#include <algorithm>
#include <cmath>
#include <future>

namespace kiosk::services {
namespace {

using domain::DeviceKind;

constexpr const char* kReceiptPaper = "receipt-paper";
constexpr const char* kA4Paper = "a4-paper";
constexpr const char* kToner = "toner";
constexpr const char* kAll[] = {kReceiptPaper, kA4Paper, kToner};

DeviceKind device_of(std::string_view id) {
    return id == kReceiptPaper ? DeviceKind::ReceiptPrinter : DeviceKind::A4Printer;
}

ConsumableLevel level_for(int percent, const ConsumableThresholds& thresholds) {
    if (percent < 0)
        return ConsumableLevel::Unknown;
    if (percent <= thresholds.out_percent)
        return ConsumableLevel::Out;
    return percent <= thresholds.low_percent ? ConsumableLevel::Low : ConsumableLevel::Ok;
}

int reported_percent(const domain::DeviceStatus& status, std::string_view consumable) {
    for (const auto& reported : status.consumables)
        if (reported.id == consumable)
            return std::clamp(reported.percent, -1, 100);
    return -1;
}

// The printer cannot say anything about its supplies: not there, or not reachable.
bool silent(const domain::DeviceStatus& status) {
    return status.state == domain::DeviceState::Absent || status.reason == "cups-unreachable" ||
           status.reason == "queue-missing" || status.reason == "printer-unreachable";
}

} // namespace

const char* to_string(ConsumableLevel level) {
    switch (level) {
    case ConsumableLevel::Ok:
        return "ok";
    case ConsumableLevel::Low:
        return "low";
    case ConsumableLevel::Out:
        return "out";
    case ConsumableLevel::Unknown:
        return "unknown";
    }
    return "unknown";
}

ConsumableLevel worse(ConsumableLevel a, ConsumableLevel b) {
    auto rank = [](ConsumableLevel level) {
        switch (level) {
        case ConsumableLevel::Out:
            return 3;
        case ConsumableLevel::Low:
            return 2;
        case ConsumableLevel::Ok:
            return 1;
        case ConsumableLevel::Unknown:
            break;
        }
        return 0;
    };
    return rank(a) >= rank(b) ? a : b;
}

Consumables::Consumables(ConsumablesSettings settings, const Clock& clock, StatusOf status_of,
                         Auditor auditor, AppEventQueue* events)
    : m_settings(std::move(settings)), m_clock(clock), m_status_of(std::move(status_of)),
      m_auditor(std::move(auditor)), m_events(events) {
    m_reports[0].kind = DeviceKind::ReceiptPrinter;
    m_reports[1].kind = DeviceKind::A4Printer;
}

Consumables::~Consumables() = default; // m_worker joins first

void Consumables::start() {
    m_worker.post([this] {
        open_store();
        read_store();
        schedule_refresh();
    });
}

void Consumables::refresh() {
    m_worker.post([this] { read_store(); });
}

void Consumables::refresh_and_wait() {
    std::promise<void> done;
    auto read = done.get_future();
    m_worker.post([this, &done] {
        read_store();
        done.set_value();
    });
    read.wait();
}

void Consumables::schedule_refresh() {
    m_worker.post_after(m_settings.refresh_every, [this] {
        read_store();
        schedule_refresh();
    });
}

void Consumables::open_store() {
    if (m_settings.database_path.empty())
        return;
    auto opened = store::Database::open(m_settings.database_path);
    if (!opened.ok()) {
        log::error("consumables: the store does not open, nothing is counted: {}", opened.error().describe());
        return;
    }
    m_database = opened.release_value();
    m_ledger = std::make_unique<store::ConsumableLedger>(*m_database, m_clock);
}

void Consumables::read_store() {
    Snapshot snapshot;
    if (m_ledger) {
        auto counters = m_ledger->counters();
        if (counters.ok()) {
            snapshot.counting = true;
            snapshot.counters = counters.release_value();
        } else {
            log::error("consumables: {}", counters.error().describe());
        }
    }
    WallTime now = m_clock.wall_now();
    ForecastOptions forecast = m_settings.forecast;
    for (const auto& counter : snapshot.counters) {
        if (!counter.replaced())
            continue; // what is left is unknown: nothing to forecast
        auto history = m_ledger->usage(counter.id, now - std::chrono::hours(24) * forecast.history_days);
        if (!history.ok()) {
            log::error("consumables: {}", history.error().describe());
            continue;
        }
        double left = static_cast<double>(counter.loaded - counter.used);
        snapshot.runs_out.emplace_back(counter.id, forecast_run_out(history.value(), left, now, forecast));
    }
    if (m_ledger && now - m_last_prune > std::chrono::hours(1)) {
        m_last_prune = now;
        if (auto pruned = m_ledger->prune_usage(now - std::chrono::hours(24) * m_settings.keep_usage_days);
            !pruned.ok())
            log::error("consumables: {}", pruned.error().describe());
    }
    {
        std::lock_guard lock(m_mutex);
        // A booking or replacement shown at once but not stored yet would be undone by this read (and
        // "out" would flap): the read its own task makes after storing it is the one kept.
        if (m_stored_changes != m_changes)
            return;
        m_snapshot = std::move(snapshot);
    }
    post_out_changes();
}

void Consumables::stored(unsigned change) {
    std::lock_guard lock(m_mutex);
    m_stored_changes = change;
}

void Consumables::printer_reported(const domain::DeviceStatus& status) {
    if (status.kind != DeviceKind::ReceiptPrinter && status.kind != DeviceKind::A4Printer)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_reports[status.kind == DeviceKind::ReceiptPrinter ? 0 : 1] = status;
    }
    post_out_changes();
}

void Consumables::post_out_changes() {
    if (!m_events)
        return;
    std::vector<ConsumableOutChanged> changes;
    {
        // Under the lock, so that the UI thread and the worker never post the same change twice.
        std::lock_guard lock(m_mutex);
        for (size_t at = 0; at < m_reports.size(); ++at) {
            DeviceKind printer = at == 0 ? DeviceKind::ReceiptPrinter : DeviceKind::A4Printer;
            std::string out;
            for (const char* id : kAll) {
                if (device_of(id) != printer || !out.empty())
                    continue;
                if (state_of(id, m_snapshot, m_reports[at]).level == ConsumableLevel::Out)
                    out = std::string(id) + "-out";
            }
            if (out != m_posted_out[at]) {
                m_posted_out[at] = out;
                changes.push_back({printer, out});
            }
        }
    }
    for (auto& change : changes) {
        log::info("consumables: {} {}", domain::to_string(change.printer),
                  change.withdrawn.empty() ? std::string("offered again") : change.withdrawn);
        m_events->post(std::move(change));
    }
}

void Consumables::book(const PrintUsage& usage) {
    std::string id = usage.printer == DeviceKind::ReceiptPrinter ? kReceiptPaper : kA4Paper;
    std::int64_t amount = 0;
    if (usage.printer == DeviceKind::ReceiptPrinter) {
        if (usage.length_mm <= 0)
            log::warn("consumables: a receipt of unknown length: only its feed is counted");
        amount = std::llround(std::max(0.0, usage.length_mm)) + m_settings.options.receipt_feed_mm;
    } else {
        amount = std::max(usage.pages, 1);
    }
    if (amount <= 0)
        return;
    unsigned change = 0;
    {
        // Shown at once; the worker books it (also before its first read) and reads the truth back.
        std::lock_guard lock(m_mutex);
        change = ++m_changes;
        auto it = std::find_if(m_snapshot.counters.begin(), m_snapshot.counters.end(),
                               [&](const auto& counter) { return counter.id == id; });
        if (m_snapshot.counting && it == m_snapshot.counters.end())
            m_snapshot.counters.push_back(store::ConsumableCounter{id, 0, "", "", amount});
        else if (m_snapshot.counting)
            it->used += amount;
    }
    post_out_changes(); // the print that used the last of it withdraws the printer now
    m_worker.post([this, id, amount, change] {
        if (m_ledger) {
            if (auto booked = m_ledger->book(id, amount); !booked.ok())
                log::error("consumables: {}", booked.error().describe());
        }
        stored(change);
        if (m_ledger)
            read_store();
    });
}

Result<void> Consumables::replace(const std::string& id, std::int64_t loaded,
                                  const domain::StaffMember& staff) {
    if (!domain::allows(staff.role, domain::StaffAction::ReplaceConsumable))
        return make_error(ErrorCode::Denied,
                          std::string("a ") + domain::to_string(staff.role) + " may not replace consumables");
    if (id == kToner)
        return make_error(ErrorCode::Unsupported,
                          "toner is not counted by the kiosk: the printer reports it");
    std::int64_t capacity = capacity_of(id);
    if (capacity == 0)
        return make_error(ErrorCode::NotFound, "no consumable '" + id + "'");
    if (loaded < 0 || loaded > 10 * capacity)
        return make_error(ErrorCode::InvalidArgument, "loaded " + std::to_string(loaded) +
                                                          ": must be 0 (a full load) to " +
                                                          std::to_string(10 * capacity));
    if (loaded == 0)
        loaded = capacity;
    WallTime now = m_clock.wall_now();
    unsigned change = 0;
    {
        std::lock_guard lock(m_mutex);
        if (!m_snapshot.counting)
            return make_error(ErrorCode::Unsupported,
                              "the kiosk's store is unavailable: the counter cannot be reset");
        change = ++m_changes;
        auto it = std::find_if(m_snapshot.counters.begin(), m_snapshot.counters.end(),
                               [&](const auto& counter) { return counter.id == id; });
        store::ConsumableCounter replaced{id, loaded, store::utc_timestamp(now), staff.id, 0};
        if (it == m_snapshot.counters.end())
            m_snapshot.counters.push_back(replaced);
        else
            *it = replaced;
    }
    post_out_changes(); // a full roll offers the printer again now
    std::string detail = id + " loaded " + std::to_string(loaded) +
                         (id == kReceiptPaper ? " mm" : " sheets") + " by " + staff.id + " (" +
                         domain::to_string(staff.role) + ")";
    m_worker.post([this, id, loaded, staff_id = staff.id, detail, change] {
        if (m_ledger) {
            if (auto saved = m_ledger->replace(id, loaded, staff_id); !saved.ok()) {
                log::error("consumables: the replacement was not stored: {}", saved.error().describe());
            } else if (m_auditor) {
                m_auditor("consumable.replaced", detail);
            }
        }
        stored(change);
        if (m_ledger)
            read_store();
    });
    return {};
}

bool Consumables::counting() const {
    std::lock_guard lock(m_mutex);
    return m_snapshot.counting;
}

std::int64_t Consumables::capacity_of(const std::string& id) const {
    if (id == kReceiptPaper)
        return m_settings.options.receipt_roll_mm;
    if (id == kA4Paper)
        return m_settings.options.a4_tray_sheets;
    return 0;
}

const ConsumableThresholds& Consumables::thresholds_of(const std::string& id) const {
    if (id == kReceiptPaper)
        return m_settings.options.receipt_paper;
    return id == kA4Paper ? m_settings.options.a4_paper : m_settings.options.toner;
}

ConsumableState Consumables::state_of(const std::string& id, const Snapshot& snapshot,
                                      const domain::DeviceStatus& status) const {
    ConsumableState state;
    state.id = id;
    state.device = device_of(id);
    const auto& thresholds = thresholds_of(id);
    // The kiosk's own count.
    state.capacity = capacity_of(id);
    state.replaceable = state.capacity > 0;
    state.unit = id == kReceiptPaper ? "mm" : id == kA4Paper ? "sheets" : "";
    int counted_percent = -1;
    for (const auto& counter : snapshot.counters) {
        if (counter.id != id)
            continue;
        state.used = counter.used;
        if (counter.replaced()) {
            state.replaced_at = store::parse_utc_timestamp(counter.loaded_utc);
            state.replaced_by = counter.loaded_by;
            auto left = std::max<std::int64_t>(0, counter.loaded - counter.used);
            counted_percent = static_cast<int>(std::min<std::int64_t>(100, left * 100 / state.capacity));
        }
    }
    state.counter_level = level_for(counted_percent, thresholds);
    for (const auto& [forecast_id, when] : snapshot.runs_out)
        if (forecast_id == id)
            state.runs_out_at = when;
    // The printer's word.
    int reported = -1;
    if (!silent(status)) {
        bool paper = id != kToner;
        std::string_view empty = paper ? "media-empty" : "toner-empty";
        std::string_view low = paper ? "media-low" : "toner-low";
        reported = reported_percent(status, paper ? "paper" : "toner");
        if (status.reason == empty) {
            state.printer_level = ConsumableLevel::Out;
            state.printer_report = status.reason;
            reported = 0;
        } else if (status.reason == low) {
            state.printer_level = ConsumableLevel::Low;
            state.printer_report = status.reason;
        } else if (reported >= 0) {
            state.printer_level = level_for(reported, thresholds);
        } else if (paper) {
            // A printer that can tell an empty tray or roll and says nothing about it has paper.
            state.printer_level = ConsumableLevel::Ok;
        }
    }
    state.level = worse(state.counter_level, state.printer_level);
    state.percent = counted_percent >= 0 ? counted_percent : reported;
    return state;
}

std::vector<ConsumableState> Consumables::levels() const {
    Snapshot snapshot;
    {
        std::lock_guard lock(m_mutex);
        snapshot = m_snapshot;
    }
    std::vector<ConsumableState> states;
    for (const char* id : kAll)
        states.push_back(
            state_of(id, snapshot, m_status_of ? m_status_of(device_of(id)) : domain::DeviceStatus{}));
    return states;
}

std::optional<std::string> Consumables::withdrawn(DeviceKind printer) const {
    for (const auto& state : levels())
        if (state.device == printer && state.level == ConsumableLevel::Out)
            return state.id + "-out";
    return std::nullopt;
}

} // namespace kiosk::services
