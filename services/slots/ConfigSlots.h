#pragma once
// The kiosk's A/B config slots on its own disk (docs/ConfigSlots.md). A verified config bundle's
// files are installed into the slot that is not in use and switched to with one atomic rename of the
// `current` link; the slot used before stays whole for an instant rollback, and the factory config (a
// read-only folder of the image, never written) is the last resort. A newly switched slot is on
// trial until the kiosk's health check confirms it; a slot that does not load, fails its health
// check or crash-loops is marked failed and the kiosk switches back by itself.
//
//   <state_dir>/config/a/, b/        the slots; each holds its bundle's files and, written last,
//                                    .slot-complete.json (bundle id, version, every file's size and SHA-256)
//   <state_dir>/config/current       symbolic link: "a", "b" or the factory folder's absolute path
//   <state_dir>/config/state.json    per slot status and attempts, the last results (SlotState.h)
//   <state_dir>/config/.lock         flock(2): one operation at a time, across processes
//
// Not thread-safe: one thread (the kiosk's config worker, or a CLI) calls it. Several processes may
// each hold one (the kiosk and kiosk-devctl): every operation takes the lock and reads the state
// afresh first. Nothing here knows what the files mean: loading them is the caller's job.

#include "core/base/Clock.h"
#include "core/base/Result.h"
#include "services/slots/SlotState.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kiosk::slots {

// The moments of an install or a switch, in order (docs/ConfigSlots.md §4 says what a crash at each
// leaves). Reported to SlotsOptions::on_step, which the soak uses to stop the process there.
enum class Step {
    FileWritten,      // one more file is in the temporary slot folder, fsync'd (once per file)
    FilesSynced,      // every file and folder of the temporary slot fsync'd
    MarkerWritten,    // the completion marker written and fsync'd: the temporary slot is whole
    OldSetAside,      // the slot's previous contents renamed to "<slot>.old"
    OldRemoved,       // … and removed
    SlotInPlace,      // the temporary folder renamed to the slot's name
    LinkCreated,      // "current.new" made, naming the slot to switch to
    Switched,         // "current.new" renamed over "current", the folder fsync'd
    StateTempWritten, // "state.json.tmp" whole on disk, not yet renamed
    StateWritten,     // state.json replaced
};
const char* to_string(Step step);

struct SlotsOptions {
    int max_boot_attempts = 3;              // starts of a trial slot before it counts as a crash loop
    size_t history_limit = 20;              // results kept in state.json for the fleet report
    bool check_hashes_at_open = true;       // open() re-reads every file of both slots against the marker
    std::function<void(Step)> on_step = {}; // tests only: told of each step as it completes
};

class ConfigSlots {
public:
    // Creates <state_dir>/config if needed and recovers from whatever a crash or damage left
    // (docs/ConfigSlots.md §5): temporary folders and files removed, slots without a whole marker
    // emptied, a state.json that does not read replaced by one rebuilt from the markers, a `current`
    // that names an empty or failed slot switched to the best one left. Each repair is in the history.
    // Fails only when the folder cannot be written (Io).
    static Result<std::unique_ptr<ConfigSlots>> open(std::filesystem::path state_dir,
                                                     std::filesystem::path factory_dir, const Clock& clock,
                                                     SlotsOptions options = {});

    // Installs a verified bundle's folder into the slot not in use and switches to it (trial).
    // `staged_dir` is taken over: renamed into place when on the same filesystem, else copied (then
    // the caller removes it). Refused (Denied, recorded in the history) when `info.version` is not
    // above every version in the slots — a deliberate roll-back is a new, higher version; refused
    // (InvalidData) when the folder holds anything but files and folders. Returns the slot used.
    Result<ActiveSlot> install(const std::filesystem::path& staged_dir, const SlotInfo& info);
    // Records in the history that a bundle was refused before it reached the slots (bad signature,
    // validation by loading failed, …), for the fleet report.
    Result<void> record_refused(const SlotInfo& info, const std::string& reason);

    // Called by the kiosk once at each start, before it loads: a trial slot counts one more attempt;
    // past max_boot_attempts it is a crash loop — marked failed and switched away from.
    Result<void> begin_start();
    // The kiosk's health check passed on the current slot: trial → good, remembering the matter ids
    // the kiosk now offers from it (the next slot's health check compares with them: offered_before in
    // SlotState.h). A list that state.json could not hold back (more than kMaxOfferedMatters, an id
    // outside the catalog's syntax, an id twice) is not kept: nothing is then required of the next.
    // No-op when already good or on the factory config.
    Result<void> confirm_good(std::vector<std::string> offered_matters = {});
    // The folders the kiosk should try to load, in order: the current slot (unless failed or crash-
    // looping), the other slot when good, then the factory folder.
    std::vector<std::filesystem::path> start_candidates() const;
    // Switches from the current slot, marked failed with the reason, to the other slot when good, else
    // to the factory config. NotFound (and recorded) when already on the factory config. Returns the
    // slot now current. rollback: a failed health check or a staff request; mark_failed: its config
    // did not load.
    Result<ActiveSlot> rollback(const std::string& reason);
    Result<ActiveSlot> mark_failed(const std::string& reason);

    // Reads the state afresh under the lock (another process, kiosk-devctl, may have installed or rolled
    // back since), repairing what a crash left as every operation does: for a view of the slots.
    Result<void> refresh();
    // As of the last operation (or open, or refresh).
    const SlotsState& state() const { return m_state; }
    std::filesystem::path folder(ActiveSlot slot) const;
    std::filesystem::path config_dir() const { return m_config; }

    ConfigSlots(const ConfigSlots&) = delete;
    ConfigSlots& operator=(const ConfigSlots&) = delete;
    ~ConfigSlots() = default;

private:
    ConfigSlots(const std::filesystem::path& state_dir, std::filesystem::path factory_dir, const Clock& clock,
                SlotsOptions options);
    template <typename F>
    auto locked(F&& operation) -> decltype(operation());
    Result<void> recover(bool check_hashes);
    void note(Outcome outcome, ActiveSlot slot, const std::string& bundle_id, std::int64_t version,
              const std::string& reason);
    Result<void> save();
    Result<void> switch_to(ActiveSlot slot);
    Result<ActiveSlot> switch_away(Outcome outcome, const std::string& reason);
    ActiveSlot install_target() const;
    Result<void> fill(const std::filesystem::path& staged, ActiveSlot target, const SlotInfo& info);
    void step(Step done) const;

    std::filesystem::path m_config;
    std::filesystem::path m_factory;
    const Clock& m_clock;
    SlotsOptions m_options;
    SlotsState m_state;
};

// What a running kiosk watches to notice an install or a rollback done by another process (kiosk-devctl,
// its own staff desk or health check on the store worker): a short text that changes whenever `current`
// names another folder or the folder it names was filled again. Takes no lock: a readlink and a stat,
// cheap enough for once a second. "none" when there is no `current`.
std::string current_stamp(const std::filesystem::path& state_dir);

} // namespace kiosk::slots
