#include "services/slots/ConfigSlots.h"

#include "core/base/Log.h"
#include "services/slots/SlotFiles.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::slots {
namespace fs = std::filesystem;
namespace {

constexpr size_t kMaxReason = 300;

// flock(2) on <config>/.lock for one operation.
class FolderLock {
public:
    static Result<std::unique_ptr<FolderLock>> take(const fs::path& file) {
        int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0)
            return make_error(ErrorCode::Io, file.string() + ": open: " + std::strerror(errno));
        while (::flock(fd, LOCK_EX) != 0) {
            if (errno != EINTR) {
                auto error = make_error(ErrorCode::Io, file.string() + ": lock: " + std::strerror(errno));
                ::close(fd);
                return error;
            }
        }
        return std::unique_ptr<FolderLock>(new FolderLock(fd));
    }
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;
    ~FolderLock() { ::close(m_fd); }

private:
    explicit FolderLock(int fd) : m_fd(fd) {}
    int m_fd;
};

std::string slot_name(ActiveSlot slot) {
    return to_string(slot);
}

ActiveSlot other(ActiveSlot slot) {
    return slot == ActiveSlot::A ? ActiveSlot::B : ActiveSlot::A;
}

std::string clip(std::string text) {
    if (text.size() > kMaxReason)
        text.resize(kMaxReason);
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

// What state.json reads back (SlotState.cpp): at most kMaxOfferedMatters distinct ids of the
// catalog's syntax.
bool storable_ids(const std::vector<std::string>& ids) {
    if (ids.size() > kMaxOfferedMatters)
        return false;
    SlotsState probe;
    probe.a.offered_matters = ids;
    return state_from_json(state_to_json(probe)).ok();
}

Result<void> remove_entry(const fs::path& path) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)
        return make_error(ErrorCode::Io, path.string() + ": remove: " + std::strerror(errno));
    return {};
}

} // namespace

const char* to_string(Step step) {
    switch (step) {
    case Step::FileWritten:
        return "file_written";
    case Step::FilesSynced:
        return "files_synced";
    case Step::MarkerWritten:
        return "marker_written";
    case Step::OldSetAside:
        return "old_set_aside";
    case Step::OldRemoved:
        return "old_removed";
    case Step::SlotInPlace:
        return "slot_in_place";
    case Step::LinkCreated:
        return "link_created";
    case Step::Switched:
        return "switched";
    case Step::StateTempWritten:
        return "state_temp_written";
    case Step::StateWritten:
        return "state_written";
    }
    return "?";
}

ConfigSlots::ConfigSlots(const fs::path& state_dir, fs::path factory_dir, const Clock& clock,
                         SlotsOptions options)
    : m_config(state_dir / "config"), m_factory(std::move(factory_dir)), m_clock(clock),
      m_options(std::move(options)) {}

Result<std::unique_ptr<ConfigSlots>> ConfigSlots::open(fs::path state_dir, fs::path factory_dir,
                                                       const Clock& clock, SlotsOptions options) {
    if (!factory_dir.is_absolute())
        return make_error(ErrorCode::InvalidArgument, "factory folder: expected an absolute path");
    std::error_code ec;
    fs::create_directories(state_dir / "config", ec);
    if (ec)
        return make_error(ErrorCode::Io, (state_dir / "config").string() + ": create: " + ec.message());
    std::unique_ptr<ConfigSlots> slots(
        new ConfigSlots(state_dir, std::move(factory_dir), clock, std::move(options)));
    bool check_hashes = slots->m_options.check_hashes_at_open;
    TRY(slots->locked([&] { return slots->recover(check_hashes); }));
    return slots;
}

fs::path ConfigSlots::folder(ActiveSlot slot) const {
    return slot == ActiveSlot::Factory ? m_factory : m_config / slot_name(slot);
}

void ConfigSlots::step(Step done) const {
    if (m_options.on_step)
        m_options.on_step(done);
}

template <typename F>
auto ConfigSlots::locked(F&& operation) -> decltype(operation()) {
    auto lock = TRY(FolderLock::take(m_config / ".lock"));
    return operation();
}

void ConfigSlots::note(Outcome outcome, ActiveSlot slot, const std::string& bundle_id, std::int64_t version,
                       const std::string& reason) {
    m_state.history.push_back({iso_utc(m_clock.wall_now()), outcome, slot, bundle_id, version, clip(reason)});
    while (m_state.history.size() > m_options.history_limit)
        m_state.history.erase(m_state.history.begin());
    log::info("config slots: {} {} {} v{}{}{}", to_string(outcome), to_string(slot), bundle_id, version,
              reason.empty() ? "" : ": ", clip(reason));
}

Result<void> ConfigSlots::save() {
    TRY(write_file_atomically(m_config / "state.json", state_to_json(m_state),
                              [this] { step(Step::StateTempWritten); }));
    step(Step::StateWritten);
    return {};
}

// The atomic switch: a new link beside the old one, renamed over it (rename(2) replaces atomically),
// then the folder fsync'd so the new name survives a power cut.
Result<void> ConfigSlots::switch_to(ActiveSlot slot) {
    fs::path fresh = m_config / "current.new";
    TRY(remove_entry(fresh));
    std::string target = slot == ActiveSlot::Factory ? m_factory.string() : slot_name(slot);
    if (::symlink(target.c_str(), fresh.c_str()) != 0)
        return make_error(ErrorCode::Io, fresh.string() + ": symlink: " + std::strerror(errno));
    step(Step::LinkCreated);
    if (::rename(fresh.c_str(), (m_config / "current").c_str()) != 0)
        return make_error(ErrorCode::Io,
                          (m_config / "current").string() + ": rename: " + std::strerror(errno));
    TRY(sync_folder(m_config));
    m_state.current = slot;
    step(Step::Switched);
    return {};
}

Result<ActiveSlot> ConfigSlots::install(const fs::path& staged_dir, const SlotInfo& info) {
    return locked([&]() -> Result<ActiveSlot> {
        TRY(recover(false));
        ActiveSlot target = install_target();
        auto refuse = [&](Error error) -> Result<ActiveSlot> {
            note(Outcome::Refused, target, info.bundle_id, info.version, error.message);
            auto saved = save();
            return error;
        };
        if (info.bundle_id.empty() || info.bundle_id.size() > 200 || info.version < 1)
            return refuse(make_error(ErrorCode::InvalidArgument, "bundle id or version missing"));
        std::int64_t installed = std::max(m_state.a.version, m_state.b.version);
        if (info.version <= installed) {
            std::string reason = "version ";
            reason += std::to_string(info.version);
            reason += " is not above the installed ";
            reason += std::to_string(installed);
            return refuse(make_error(ErrorCode::Denied, std::move(reason)));
        }
        auto filled = fill(staged_dir, target, info);
        if (!filled.ok()) {
            auto cleaned = remove_tree(m_config / (slot_name(target) + ".new"));
            return refuse(filled.release_error());
        }
        TRY(switch_to(target));
        auto& record = m_state.record(target);
        record = SlotRecord{SlotStatus::Trial,
                            info.bundle_id,
                            info.version,
                            iso_utc(m_clock.wall_now()),
                            0,
                            Outcome::Installed,
                            ""};
        note(Outcome::Installed, target, info.bundle_id, info.version, "");
        TRY(save());
        return target;
    });
}

// Into "<slot>.new" (every file and folder fsync'd, the marker last), then in place of the slot's old
// contents, which are set aside under "<slot>.old" first so that no moment shows a half-deleted slot.
Result<void> ConfigSlots::fill(const fs::path& staged, ActiveSlot target, const SlotInfo& info) {
    fs::path slot = m_config / slot_name(target);
    fs::path fresh = m_config / (slot_name(target) + ".new");
    fs::path old = m_config / (slot_name(target) + ".old");
    TRY(remove_tree(fresh));
    SlotMarker marker{info.bundle_id, info.version, iso_utc(m_clock.wall_now()), {}};
    marker.files = TRY(fill_slot(staged, fresh, [this] { step(Step::FileWritten); }));
    step(Step::FilesSynced);
    fs::path marker_path = fresh / kMarkerName;
    {
        std::string text = marker_to_json(marker);
        int fd = ::open(marker_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0)
            return make_error(ErrorCode::Io, marker_path.string() + ": create: " + std::strerror(errno));
        bool written =
            ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
        ::close(fd);
        if (!written)
            return make_error(ErrorCode::Io, marker_path.string() + ": cannot be written");
    }
    TRY(sync_folder(fresh));
    step(Step::MarkerWritten);
    m_state.record(target) = SlotRecord{};
    if (fs::exists(fs::symlink_status(slot))) {
        TRY(remove_tree(old));
        if (::rename(slot.c_str(), old.c_str()) != 0)
            return make_error(ErrorCode::Io, slot.string() + ": set aside: " + std::strerror(errno));
        TRY(sync_folder(m_config));
        step(Step::OldSetAside);
        TRY(remove_tree(old));
        step(Step::OldRemoved);
    }
    if (::rename(fresh.c_str(), slot.c_str()) != 0)
        return make_error(ErrorCode::Io, slot.string() + ": rename into place: " + std::strerror(errno));
    TRY(sync_folder(m_config));
    step(Step::SlotInPlace);
    return {};
}

// The slot not in use; on the factory config, the one not confirmed good (else the older), so that a
// good slot stays for a rollback.
ActiveSlot ConfigSlots::install_target() const {
    if (m_state.current != ActiveSlot::Factory)
        return other(m_state.current);
    bool a_good = m_state.a.status == SlotStatus::Good;
    bool b_good = m_state.b.status == SlotStatus::Good;
    if (a_good != b_good)
        return a_good ? ActiveSlot::B : ActiveSlot::A;
    if (a_good && b_good)
        return m_state.a.version <= m_state.b.version ? ActiveSlot::A : ActiveSlot::B;
    return ActiveSlot::A;
}

Result<void> ConfigSlots::record_refused(const SlotInfo& info, const std::string& reason) {
    return locked([&]() -> Result<void> {
        TRY(recover(false));
        note(Outcome::Refused, install_target(), info.bundle_id, info.version, reason);
        return save();
    });
}

Result<void> ConfigSlots::begin_start() {
    return locked([&]() -> Result<void> {
        TRY(recover(false));
        if (m_state.current == ActiveSlot::Factory)
            return {};
        auto& record = m_state.record(m_state.current);
        if (record.status != SlotStatus::Trial)
            return {};
        ++record.boot_attempts;
        if (record.boot_attempts > m_options.max_boot_attempts) {
            std::string reason = std::to_string(record.boot_attempts - 1);
            reason += " starts without a passed health check";
            TRY(switch_away(Outcome::CrashLoop, reason));
            return {};
        }
        return save();
    });
}

Result<void> ConfigSlots::confirm_good(std::vector<std::string> offered_matters) {
    return locked([&]() -> Result<void> {
        TRY(recover(false));
        if (m_state.current == ActiveSlot::Factory)
            return {};
        auto& record = m_state.record(m_state.current);
        if (record.status != SlotStatus::Trial)
            return {};
        record.status = SlotStatus::Good;
        record.boot_attempts = 0;
        record.last_result = Outcome::Confirmed;
        record.reason.clear();
        record.offered_matters.clear();
        if (storable_ids(offered_matters))
            record.offered_matters = std::move(offered_matters);
        else
            log::warn("config slots: the offered matters are not kept (too many, or an id out of syntax)");
        note(Outcome::Confirmed, m_state.current, record.bundle_id, record.version, "");
        return save();
    });
}

std::vector<fs::path> ConfigSlots::start_candidates() const {
    std::vector<fs::path> candidates;
    ActiveSlot current = m_state.current;
    if (current != ActiveSlot::Factory) {
        const auto& record = m_state.record(current);
        bool looping =
            record.status == SlotStatus::Trial && record.boot_attempts > m_options.max_boot_attempts;
        if ((record.status == SlotStatus::Trial || record.status == SlotStatus::Good) && !looping)
            candidates.push_back(folder(current));
        if (m_state.record(other(current)).status == SlotStatus::Good)
            candidates.push_back(folder(other(current)));
    }
    candidates.push_back(m_factory);
    return candidates;
}

Result<void> ConfigSlots::refresh() {
    return locked([&]() -> Result<void> { return recover(false); });
}

Result<ActiveSlot> ConfigSlots::rollback(const std::string& reason) {
    return locked([&]() -> Result<ActiveSlot> {
        TRY(recover(false));
        return switch_away(Outcome::RolledBack, reason);
    });
}

Result<ActiveSlot> ConfigSlots::mark_failed(const std::string& reason) {
    return locked([&]() -> Result<ActiveSlot> {
        TRY(recover(false));
        return switch_away(Outcome::LoadFailed, reason);
    });
}

// The reason goes to disk before the switch: a crash in between leaves `current` naming a failed
// slot, which recovery switches away from with the reason already kept.
Result<ActiveSlot> ConfigSlots::switch_away(Outcome outcome, const std::string& reason) {
    ActiveSlot from = m_state.current;
    if (from == ActiveSlot::Factory) {
        note(outcome, from, "", 0, reason);
        TRY(save());
        return make_error(ErrorCode::NotFound, "on the factory config already: nothing to switch back to");
    }
    auto& record = m_state.record(from);
    record.status = SlotStatus::Failed;
    record.last_result = outcome;
    record.reason = clip(reason);
    ActiveSlot to =
        m_state.record(other(from)).status == SlotStatus::Good ? other(from) : ActiveSlot::Factory;
    std::string why = reason;
    why += " (to ";
    why += slot_name(to);
    why += ")";
    note(outcome, from, record.bundle_id, record.version, why);
    TRY(save());
    TRY(switch_to(to));
    TRY(save());
    return to;
}

std::string current_stamp(const std::filesystem::path& state_dir) {
    fs::path config = state_dir / "config";
    std::error_code failed;
    fs::path target = fs::read_symlink(config / "current", failed);
    if (failed)
        return "none";
    struct stat marker {};
    if (::stat(((target.is_absolute() ? target : config / target) / kMarkerName).c_str(), &marker) != 0)
        return target.string();
    return fmt::format("{}@{}.{}.{}", target.string(), marker.st_ino, marker.st_mtim.tv_sec,
                       marker.st_mtim.tv_nsec);
}

} // namespace kiosk::slots
