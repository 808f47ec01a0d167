// Start-up recovery of the config slots (docs/ConfigSlots.md §5): whatever a crash at any step left,
// or damage from outside, is resolved the same way every time, and each repair is in the history.
#include "services/slots/ConfigSlots.h"
#include "services/slots/SlotFiles.h"

#include <cerrno>
#include <climits>
#include <optional>
#include <unistd.h>

namespace kiosk::slots {
namespace fs = std::filesystem;
namespace {

constexpr std::uint64_t kMaxStateBytes = 1024UL * 1024;

bool present(const fs::path& path) {
    std::error_code ec;
    return fs::exists(fs::symlink_status(path, ec));
}

ActiveSlot other(ActiveSlot slot) {
    return slot == ActiveSlot::A ? ActiveSlot::B : ActiveSlot::A;
}

} // namespace

Result<void> ConfigSlots::recover(bool check_hashes) {
    // Leftovers of an operation cut short: a temporary slot, a slot set aside, a link or a state file
    // not yet renamed. None of them is ever the truth; the operation did not reach its commit point.
    std::vector<std::string> repairs;
    for (const char* name : {"a.new", "b.new", "a.old", "b.old"}) {
        if (present(m_config / name)) {
            TRY(remove_tree(m_config / name));
            repairs.push_back(std::string("removed ") + name);
        }
    }
    for (const char* name : {"current.new", "state.json.tmp"}) {
        if (present(m_config / name)) {
            TRY(remove_tree(m_config / name));
            repairs.push_back(std::string("removed ") + name);
        }
    }

    // state.json, strictly; anything wrong with it is "no state", rebuilt from the slots' markers.
    fs::path state_file = m_config / "state.json";
    auto text = read_small_file(state_file, kMaxStateBytes);
    bool state_known = false;
    m_state = SlotsState{};
    if (text.ok()) {
        auto parsed = state_from_json(text.value());
        if (parsed.ok()) {
            m_state = parsed.release_value();
            state_known = true;
        } else {
            repairs.push_back("state.json unreadable, rebuilt from the slots (" + parsed.error().message +
                              ")");
        }
    } else if (text.error().code != ErrorCode::NotFound) {
        repairs.push_back("state.json unreadable, rebuilt from the slots (" + text.error().message + ")");
    }
    if (!text.ok() && text.error().code != ErrorCode::NotFound) {
        // Not a regular file (a folder, a link): out of the way, or the next save could not replace it.
        TRY(remove_tree(state_file));
    }

    // The link is the truth about which slot is in use.
    std::optional<ActiveSlot> linked;
    char target[PATH_MAX];
    ssize_t length = ::readlink((m_config / "current").c_str(), target, sizeof target - 1);
    bool link_absent = length < 0 && errno == ENOENT;
    if (length > 0) {
        std::string named(target, static_cast<size_t>(length));
        if (named == "a")
            linked = ActiveSlot::A;
        else if (named == "b")
            linked = ActiveSlot::B;
        else if (named == m_factory.string())
            linked = ActiveSlot::Factory;
    }

    // Each slot: whole (its marker lists exactly what is there) or emptied.
    for (ActiveSlot slot : {ActiveSlot::A, ActiveSlot::B}) {
        auto& record = m_state.record(slot);
        fs::path folder = this->folder(slot);
        std::string name = to_string(slot);
        if (!present(folder)) {
            if (record.status != SlotStatus::Empty)
                repairs.push_back(name + ": missing, recorded as empty");
            record = SlotRecord{};
            continue;
        }
        auto marker = fs::is_directory(fs::symlink_status(folder))
                          ? check_slot(folder, check_hashes)
                          : Result<SlotMarker>(make_error(ErrorCode::Corrupt, name + ": not a folder"));
        if (!marker.ok()) {
            TRY(remove_tree(folder));
            repairs.push_back(name + ": incomplete or damaged, emptied (" + marker.error().message + ")");
            record = SlotRecord{};
            continue;
        }
        const auto& found = marker.value();
        bool matches = record.status != SlotStatus::Empty && record.bundle_id == found.bundle_id &&
                       record.version == found.version;
        if (matches)
            continue;
        if (state_known && linked != slot) {
            // Whole, but neither switched to nor known: an install cut short before its switch.
            TRY(remove_tree(folder));
            repairs.push_back(name + ": an install cut short before its switch, emptied");
            record = SlotRecord{};
            continue;
        }
        // Switched to before its state was written, or the state was lost: on trial, to prove itself.
        record = SlotRecord{SlotStatus::Trial,
                            found.bundle_id,
                            found.version,
                            found.installed_at,
                            0,
                            Outcome::Recovered,
                            "adopted from the slot's marker"};
        repairs.push_back(name + ": adopted from its marker, on trial");
    }

    // A link that names nothing usable is switched to the best slot left.
    std::optional<ActiveSlot> best;
    if (linked && *linked != ActiveSlot::Factory) {
        auto status = m_state.record(*linked).status;
        if (status == SlotStatus::Trial || status == SlotStatus::Good)
            best = linked;
        else if (m_state.record(other(*linked)).status == SlotStatus::Good)
            best = other(*linked);
        else
            best = ActiveSlot::Factory;
    } else if (linked) {
        best = ActiveSlot::Factory;
    } else {
        best = ActiveSlot::Factory;
        for (ActiveSlot slot : {ActiveSlot::A, ActiveSlot::B}) {
            const auto& record = m_state.record(slot);
            if (record.status == SlotStatus::Good &&
                (*best == ActiveSlot::Factory || record.version > m_state.record(*best).version))
                best = slot;
        }
    }
    bool first_start = link_absent && !text.ok() && repairs.empty();
    if (!linked || *best != *linked) {
        if (!first_start) {
            std::string why = "current named ";
            why += linked ? to_string(*linked) : (link_absent ? "nothing" : "an unknown folder");
            why += ", switched to ";
            why += to_string(*best);
            repairs.push_back(std::move(why));
        }
        TRY(switch_to(*best));
    }
    m_state.current = *best;

    for (const auto& repair : repairs)
        note(Outcome::Recovered, m_state.current, "", 0, repair);
    if (!text.ok() || state_to_json(m_state) != text.value())
        TRY(save());
    return {};
}

} // namespace kiosk::slots
