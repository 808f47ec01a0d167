#pragma once
// What the config slots remember between starts (docs/ConfigSlots.md §3): per slot the bundle it
// holds, its status and boot attempts, and a short history of results for the fleet report. Kept in
// `<state_dir>/config/state.json`, written atomically; read strictly — a damaged file is "no state".

#include "core/base/Clock.h"
#include "core/base/Result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::slots {

// The bundle an install puts in a slot (from the verified bundle's manifest).
struct SlotInfo {
    std::string bundle_id;
    std::int64_t version = 0; // > 0, increasing from bundle to bundle
};

enum class SlotStatus {
    Empty,  // no complete bundle in the slot
    Trial,  // switched to, not yet confirmed by a passed health check
    Good,   // confirmed
    Failed, // did not load, failed its health check, or crash-looped; never started again
};

enum class ActiveSlot { A, B, Factory };

// One result, as the fleet report shows it.
enum class Outcome {
    Installed,  // copied into a slot and switched to (trial)
    Refused,    // not installed: the reason says why (a version not above, a bad staged folder, …)
    Confirmed,  // the health check passed: trial → good
    RolledBack, // switched back on request (a failed health check, staff)
    LoadFailed, // the kiosk could not load the slot's config: switched back
    CrashLoop,  // started too often without a confirmation: switched back
    Recovered,  // start-up repaired what a crash or damage left (the reason says what)
};

const char* to_string(SlotStatus status);
const char* to_string(ActiveSlot slot);
const char* to_string(Outcome outcome);

struct SlotRecord {
    SlotStatus status = SlotStatus::Empty;
    std::string bundle_id;
    std::int64_t version = 0;
    std::string installed_at; // ISO 8601 UTC
    int boot_attempts = 0;    // starts while in trial
    Outcome last_result = Outcome::Recovered;
    std::string reason; // of the last result; one line, no personal data
    // The matter ids the kiosk offered when its health check confirmed this slot (confirm_good), in
    // the catalog's id syntax; empty when not known (never confirmed, or confirmed before the field
    // existed). In state.json only when not empty.
    std::vector<std::string> offered_matters;
};

struct HistoryEntry {
    std::string at; // ISO 8601 UTC
    Outcome outcome = Outcome::Recovered;
    ActiveSlot slot = ActiveSlot::Factory; // the slot it concerns (for Refused: the one it would have used)
    std::string bundle_id;
    std::int64_t version = 0;
    std::string reason;
};

struct SlotsState {
    ActiveSlot current = ActiveSlot::Factory; // what the `current` link names
    SlotRecord a;
    SlotRecord b;
    std::vector<HistoryEntry> history; // oldest first

    SlotRecord& record(ActiveSlot slot) { return slot == ActiveSlot::A ? a : b; }
    const SlotRecord& record(ActiveSlot slot) const { return slot == ActiveSlot::A ? a : b; }
};

// What the kiosk offered before it switched to the current slot, which that slot's health check must
// still offer or remove on purpose (docs/ConfigSlots.md §6): the other slot's list when it is good —
// an install always switches away from the slot in use, which stays good, into the other — else
// nothing (the kiosk came from the factory config, or the list is not known).
std::vector<std::string> offered_before(const SlotsState& state);

// At most this many ids in a slot's offered_matters (confirm_good keeps none of a longer list).
inline constexpr size_t kMaxOfferedMatters = 5000;

std::string iso_utc(WallTime time);

std::string state_to_json(const SlotsState& state);
// Strict: unknown keys, wrong types or values out of range are InvalidData naming the key.
Result<SlotsState> state_from_json(std::string_view text);

} // namespace kiosk::slots
