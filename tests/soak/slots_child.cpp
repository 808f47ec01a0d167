// The program scripts/slots-soak kills with SIGKILL (docs/ConfigSlots.md §7).
//
//   slots-soak-child run   --state DIR --factory DIR --stage DIR --log FILE [--versions N]
//                          [--stop-at STEP --occurrence K]
//   slots-soak-child check --state DIR --factory DIR --log FILE
//
// run: opens the slots (start-up recovery), starts as the kiosk does (begin_start, confirm_good), then
// installs N generated versions (tests/soak/SlotContent.h) above the highest one installed, confirming
// each — and rolling every fourth back, as a failed health check would. Before each operation it
// appends "op V…" to the log (the versions `current` may hold if it dies there), after it "done V",
// and at each step of an install or switch "step NAME". --stop-at STEP --occurrence K: SIGKILL itself
// right after the K-th time STEP completes (the names are ConfigSlots.h's Step, as to_string gives them).
// check: opens the slots as a restarted kiosk would, then checks that `current` names a whole slot
// (or the factory folder) holding exactly one version's files, one of those the log allows, that
// state.json reads and agrees, and that no leftover remains. Prints "ok V after STEP"; exit 1 if not.
#include "core/base/Log.h"
#include "services/slots/ConfigSlots.h"
#include "services/slots/SlotFiles.h"
#include "tests/soak/SlotContent.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <map>
#include <sstream>
#include <unistd.h>

namespace {
namespace fs = std::filesystem;
using namespace kiosk;
using namespace kiosk::slots;

struct Args {
    std::string mode;
    fs::path state, factory, stage, log;
    int versions = 4;
    std::string stop_at;
    long occurrence = 1;
};

int g_log = -1;
long g_steps = 0;
std::string g_stop_at;
long g_occurrence = 0;

void append(const std::string& line) {
    std::string text = line + "\n";
    if (::write(g_log, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
        std::abort();
}

void on_step(Step step) {
    append(std::string("step ") + to_string(step));
    ++g_steps;
    if (g_stop_at == to_string(step) && --g_occurrence == 0)
        ::kill(::getpid(), SIGKILL);
}

std::int64_t version_of(const ConfigSlots& slots, ActiveSlot slot) {
    return slot == ActiveSlot::Factory ? 0 : slots.state().record(slot).version;
}

// What `current` would hold after a switch away from the current slot.
std::int64_t fallback_version(const ConfigSlots& slots) {
    auto current = slots.state().current;
    if (current == ActiveSlot::Factory)
        return 0;
    auto other = current == ActiveSlot::A ? ActiveSlot::B : ActiveSlot::A;
    return slots.state().record(other).status == SlotStatus::Good ? version_of(slots, other) : 0;
}

std::int64_t current_version(const ConfigSlots& slots) {
    return version_of(slots, slots.state().current);
}

int fail(const std::string& what) {
    std::cout << "FAILED " << what << "\n";
    return 1;
}

int run(const Args& args, const Clock& clock) {
    SlotsOptions options;
    options.on_step = on_step;
    auto opened = ConfigSlots::open(args.state, args.factory, clock, options);
    if (!opened.ok())
        return fail("open: " + opened.error().describe());
    auto& slots = *opened.value();
    append("op " + std::to_string(current_version(slots)) + " " + std::to_string(fallback_version(slots)));
    if (!slots.begin_start().ok() || !slots.confirm_good().ok())
        return fail("start");
    append("done " + std::to_string(current_version(slots)));
    for (int i = 0; i < args.versions; ++i) {
        std::int64_t version = std::max(slots.state().a.version, slots.state().b.version) + 1;
        fs::path staged = args.stage / ("v" + std::to_string(version));
        fs::remove_all(args.stage);
        testing::write_content(staged, version);
        append("op " + std::to_string(current_version(slots)) + " " + std::to_string(version));
        auto installed = slots.install(staged, SlotInfo{"soak-" + std::to_string(version), version});
        if (!installed.ok())
            return fail("install: " + installed.error().describe());
        append("done " + std::to_string(version));
        if (version % 4 == 0) {
            append("op " + std::to_string(version) + " " + std::to_string(fallback_version(slots)));
            if (!slots.rollback("soak: health check failed").ok())
                return fail("rollback");
        } else {
            append("op " + std::to_string(version));
            if (!slots.confirm_good().ok())
                return fail("confirm");
        }
        append("done " + std::to_string(current_version(slots)));
    }
    fs::remove_all(args.stage);
    std::cout << "steps " << g_steps << "\n";
    return 0;
}

int check(const Args& args, const Clock& clock) {
    // What the log allows, and where the run stopped.
    auto log = read_small_file(args.log, 64UL * 1024 * 1024);
    if (!log.ok())
        return fail("log: " + log.error().message);
    std::vector<std::int64_t> allowed;
    std::string last_step = "before the first step";
    std::istringstream lines(log.value());
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        std::string kind;
        words >> kind;
        if (kind == "step") {
            words >> last_step;
        } else if (kind == "op" || kind == "done") {
            allowed.clear();
            for (std::int64_t v; words >> v;)
                allowed.push_back(v);
        }
    }
    auto opened = ConfigSlots::open(args.state, args.factory, clock);
    if (!opened.ok())
        return fail("open after the kill: " + opened.error().describe());
    auto& slots = *opened.value();
    auto current = slots.state().current;
    fs::path folder = slots.folder(current);
    if (fs::canonical(args.state / "config" / "current") != fs::canonical(folder))
        return fail("current does not name the slot the state says");
    if (current != ActiveSlot::Factory) {
        auto whole = check_slot(folder, true);
        if (!whole.ok())
            return fail("current is not whole: " + whole.error().message);
    }
    std::string why;
    auto version = testing::content_version(folder, why);
    if (!version)
        return fail("current holds no single version: " + why);
    if (*version != current_version(slots))
        return fail("state.json says v" + std::to_string(current_version(slots)) + ", current holds v" +
                    std::to_string(*version));
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), *version) == allowed.end())
        return fail("current holds v" + std::to_string(*version) +
                    ", not one the run allowed at that moment");
    for (const char* name : {"a.new", "b.new", "a.old", "b.old", "current.new", "state.json.tmp"})
        if (fs::exists(fs::symlink_status(args.state / "config" / name)))
            return fail(std::string("leftover ") + name);
    auto text = read_small_file(args.state / "config" / "state.json", 1024UL * 1024);
    if (!text.ok() || !state_from_json(text.value()).ok())
        return fail("state.json does not read after recovery");
    if (slots.state().history.size() > 20)
        return fail("history longer than 20");
    std::cout << "ok v" << *version << " after " << last_step << "\n";
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    Args args;
    if (argc < 2)
        return 2;
    args.mode = argv[1];
    for (int i = 2; i + 1 < argc; i += 2) {
        std::string key = argv[i];
        std::string value = argv[i + 1];
        if (key == "--state")
            args.state = value;
        else if (key == "--factory")
            args.factory = value;
        else if (key == "--stage")
            args.stage = value;
        else if (key == "--log")
            args.log = value;
        else if (key == "--versions")
            args.versions = std::stoi(value);
        else if (key == "--stop-at")
            args.stop_at = value;
        else if (key == "--occurrence")
            args.occurrence = std::stol(value);
        else
            return 2;
    }
    log::set_level(log::Level::Warn);
    SystemClock clock;
    if (args.mode == "factory") {
        testing::write_content(args.factory, 0);
        return 0;
    }
    if (args.mode == "check")
        return check(args, clock);
    if (args.mode != "run" || args.stage.empty())
        return 2;
    g_stop_at = args.stop_at;
    g_occurrence = args.occurrence;
    g_log = ::open(args.log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (g_log < 0)
        return 2;
    return run(args, clock);
}
