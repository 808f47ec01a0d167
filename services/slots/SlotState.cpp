#include "services/slots/SlotState.h"

#include <algorithm>
#include <array>
#include <ctime>
#include <nlohmann/json.hpp>
#include <utility>

namespace kiosk::slots {
namespace {

constexpr std::array<std::pair<SlotStatus, const char*>, 4> kStatuses{{
    {SlotStatus::Empty, "empty"},
    {SlotStatus::Trial, "trial"},
    {SlotStatus::Good, "good"},
    {SlotStatus::Failed, "failed"},
}};
constexpr std::array<std::pair<ActiveSlot, const char*>, 3> kSlots{{
    {ActiveSlot::A, "a"},
    {ActiveSlot::B, "b"},
    {ActiveSlot::Factory, "factory"},
}};
constexpr std::array<std::pair<Outcome, const char*>, 7> kOutcomes{{
    {Outcome::Installed, "installed"},
    {Outcome::Refused, "refused"},
    {Outcome::Confirmed, "confirmed"},
    {Outcome::RolledBack, "rolled_back"},
    {Outcome::LoadFailed, "load_failed"},
    {Outcome::CrashLoop, "crash_loop"},
    {Outcome::Recovered, "recovered"},
}};

template <typename E, size_t N>
const char* name_of(const std::array<std::pair<E, const char*>, N>& table, E value) {
    for (const auto& [key, name] : table)
        if (key == value)
            return name;
    return "?";
}

constexpr size_t kMaxText = 500;
constexpr size_t kMaxHistory = 200;

// The catalog's id syntax (core/domain/Catalog.h is_catalog_id), repeated so that the slots need
// nothing of the domain.
bool is_matter_id(const std::string& id) {
    if (id.empty() || id.size() > 64)
        return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

// Reads one object strictly; throws std::runtime_error (caught at the edge) naming the key path.
class Strict {
public:
    Strict(const nlohmann::json& json, std::string path) : m_json(json), m_path(std::move(path)) {
        if (!m_json.is_object())
            fail("", "expected an object");
    }
    [[noreturn]] void fail(const std::string& key, const std::string& what) const {
        std::string where = m_path;
        if (!key.empty())
            where += (where.empty() ? "" : ".") + key;
        throw std::runtime_error(where + ": " + what);
    }
    bool has(const char* key) const { return m_json.contains(key); }
    // An array of distinct matter ids (the catalog's syntax) of at most kMaxOfferedMatters.
    std::vector<std::string> ids(const char* key) {
        const auto& node = at(key);
        if (!node.is_array() || node.size() > kMaxOfferedMatters)
            fail(key, "expected an array of at most 5000 ids");
        std::vector<std::string> out;
        for (const auto& element : node) {
            if (!element.is_string() || !is_matter_id(element.get<std::string>()))
                fail(key, "expected ids of 1-64 characters of a-z, 0-9, '_' or '-'");
            out.push_back(element.get<std::string>());
        }
        auto sorted = out;
        std::sort(sorted.begin(), sorted.end());
        if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
            fail(key, "an id is named twice");
        return out;
    }
    const nlohmann::json& at(const char* key) {
        ++m_used;
        if (!m_json.contains(key))
            fail(key, "missing");
        return m_json.at(key);
    }
    std::string text(const char* key) {
        const auto& node = at(key);
        if (!node.is_string() || node.get<std::string>().size() > kMaxText)
            fail(key, "expected a string of at most 500 characters");
        return node.get<std::string>();
    }
    std::int64_t integer(const char* key, std::int64_t min, std::int64_t max) {
        const auto& node = at(key);
        if (!node.is_number_integer())
            fail(key, "expected an integer");
        auto value = node.get<std::int64_t>();
        if (node.is_number_unsigned() && node.get<std::uint64_t>() > static_cast<std::uint64_t>(max))
            fail(key, "out of range");
        if (value < min || value > max)
            fail(key, "out of range");
        return value;
    }
    template <typename E, size_t N>
    E keyword(const char* key, const std::array<std::pair<E, const char*>, N>& table) {
        auto word = text(key);
        for (const auto& [value, name] : table)
            if (word == name)
                return value;
        fail(key, "unknown value");
    }
    void finish() const {
        if (m_used != m_json.size())
            fail("", "unknown keys");
    }

private:
    const nlohmann::json& m_json;
    std::string m_path;
    size_t m_used = 0;
};

nlohmann::json record_json(const SlotRecord& record) {
    nlohmann::json json{{"status", to_string(record.status)},
                        {"bundle_id", record.bundle_id},
                        {"version", record.version},
                        {"installed_at", record.installed_at},
                        {"boot_attempts", record.boot_attempts},
                        {"last_result", to_string(record.last_result)},
                        {"reason", record.reason}};
    if (!record.offered_matters.empty())
        json["offered_matters"] = record.offered_matters;
    return json;
}

SlotRecord read_record(const nlohmann::json& json, const std::string& path) {
    Strict reader(json, path);
    SlotRecord record;
    record.status = reader.keyword("status", kStatuses);
    record.bundle_id = reader.text("bundle_id");
    record.version = reader.integer("version", 0, INT64_MAX);
    record.installed_at = reader.text("installed_at");
    record.boot_attempts = static_cast<int>(reader.integer("boot_attempts", 0, 1000000));
    record.last_result = reader.keyword("last_result", kOutcomes);
    record.reason = reader.text("reason");
    if (reader.has("offered_matters")) // not in a state.json written before it existed
        record.offered_matters = reader.ids("offered_matters");
    reader.finish();
    return record;
}

} // namespace

const char* to_string(SlotStatus status) {
    return name_of(kStatuses, status);
}
const char* to_string(ActiveSlot slot) {
    return name_of(kSlots, slot);
}
const char* to_string(Outcome outcome) {
    return name_of(kOutcomes, outcome);
}

std::vector<std::string> offered_before(const SlotsState& state) {
    if (state.current == ActiveSlot::Factory)
        return {};
    const auto& came_from = state.record(state.current == ActiveSlot::A ? ActiveSlot::B : ActiveSlot::A);
    return came_from.status == SlotStatus::Good ? came_from.offered_matters : std::vector<std::string>{};
}

std::string iso_utc(WallTime time) {
    std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

std::string state_to_json(const SlotsState& state) {
    nlohmann::json history = nlohmann::json::array();
    for (const auto& entry : state.history)
        history.push_back({{"at", entry.at},
                           {"outcome", to_string(entry.outcome)},
                           {"slot", to_string(entry.slot)},
                           {"bundle_id", entry.bundle_id},
                           {"version", entry.version},
                           {"reason", entry.reason}});
    nlohmann::json json{{"format", 1},
                        {"current", to_string(state.current)},
                        {"a", record_json(state.a)},
                        {"b", record_json(state.b)},
                        {"history", std::move(history)}};
    return json.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<SlotsState> state_from_json(std::string_view text) {
    try {
        auto json = nlohmann::json::parse(text);
        Strict reader(json, "");
        if (reader.integer("format", 1, 1) != 1)
            reader.fail("format", "expected 1");
        SlotsState state;
        state.current = reader.keyword("current", kSlots);
        state.a = read_record(reader.at("a"), "a");
        state.b = read_record(reader.at("b"), "b");
        const auto& history = reader.at("history");
        if (!history.is_array() || history.size() > kMaxHistory)
            reader.fail("history", "expected an array of at most 200 entries");
        for (size_t i = 0; i < history.size(); ++i) {
            Strict entry(history[i], "history[" + std::to_string(i) + "]");
            HistoryEntry read;
            read.at = entry.text("at");
            read.outcome = entry.keyword("outcome", kOutcomes);
            read.slot = entry.keyword("slot", kSlots);
            read.bundle_id = entry.text("bundle_id");
            read.version = entry.integer("version", 0, INT64_MAX);
            read.reason = entry.text("reason");
            entry.finish();
            state.history.push_back(std::move(read));
        }
        reader.finish();
        return state;
    } catch (const nlohmann::json::parse_error& e) {
        // Not e.what(): it quotes the bytes it stopped at, and they may be anything.
        return make_error(ErrorCode::InvalidData,
                          "state.json: not valid JSON at byte " + std::to_string(e.byte));
    } catch (const std::exception& e) {
        return make_error(ErrorCode::InvalidData, std::string("state.json: ") + e.what());
    }
}

} // namespace kiosk::slots
