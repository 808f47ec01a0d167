// kiosk-devctl bundle install FILE --config FILE --staff ID [--kiosk PATH] [--json]
//                                        verify, validate and install a config bundle (e.g. from a
//                                        USB stick) into the slot not in use, on trial
// kiosk-devctl bundle status --config FILE [--json]     the slots, which is current, the last results
// kiosk-devctl bundle rollback --config FILE --staff ID --reason TEXT
//                                        back to the other good slot, else the factory content
//
// The same checks as any install (kiosk/content/BundleInstall.h, docs/ConfigBundles.md §10): the
// signature against paths's bundles.trusted_keys, validation by loading against the factory content,
// and every scene drawn offscreen in both languages by the kiosk binary beside this one (--kiosk
// names another). A running kiosk notices the switch and starts again on it at its next moment without
// a citizen (kiosk/ContentApply.cpp); a stopped one serves from it from its next start. install and
// rollback write an audit row naming the staff id and "via=kiosk-devctl".
//
// Exit codes: 0 installed / done; 1 the bundle was refused (stage and reason on stderr) or the slots
// said no; 2 usage (a config that does not load or names no paths.config_slots, a bad staff id).

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "kiosk/content/BundleInstall.h"
#include "kiosk/devctl/DevCtl.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace kiosk::devctl {
namespace {

namespace fs = std::filesystem;

struct BundleArgs {
    std::string file, config, staff, kiosk, reason;
    std::string kill_at_step; // soak only (scripts/bundle-soak): "STEP[:N]"
    bool json = false;
};

int fail(std::string_view what, const Error& error, int code = kExitFailed) {
    fmt::print(stderr, "kiosk-devctl: {}: {}\n", what, error.describe());
    return code;
}

bool is_staff_id(std::string_view id) {
    return !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
               c == '_';
    });
}

// The kiosk binary beside this one (both are installed in one folder, and built in one).
std::string kiosk_beside_me() {
    std::error_code failed;
    auto self = fs::read_symlink("/proc/self/exe", failed);
    return failed ? std::string("kiosk") : (self.parent_path() / "kiosk").string();
}

// kiosk --config CONFIG --check-content FOLDER, offscreen; its complaints are the error.
Result<void> check_scenes_with(const std::string& kiosk, const std::string& config, const fs::path& folder) {
    auto log_path = folder.parent_path() / "check-content.log";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<std::string> args{kiosk, "--config", config, "--check-content", folder.string()};
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_strings{"SDL_VIDEODRIVER=offscreen", "SDL_AUDIODRIVER=dummy"};
    for (char** each = environ; *each; ++each)
        if (std::strncmp(*each, "SDL_VIDEODRIVER=", 16) != 0 &&
            std::strncmp(*each, "SDL_AUDIODRIVER=", 16) != 0)
            env_strings.emplace_back(*each);
    std::vector<char*> envp;
    envp.reserve(env_strings.size() + 1);
    for (auto& each : env_strings)
        envp.push_back(each.data());
    envp.push_back(nullptr);
    pid_t pid = 0;
    int spawned = posix_spawn(&pid, kiosk.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return make_error(ErrorCode::Io, kiosk + ": cannot start: " + std::strerror(spawned));
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    std::ifstream in(log_path);
    std::string line, complaints;
    while (std::getline(in, line))
        if (line.rfind("kiosk: ", 0) == 0)
            complaints += (complaints.empty() ? "" : "; ") + line.substr(7);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return {};
    if (complaints.empty())
        complaints = WIFSIGNALED(status)
                         ? "the check crashed (signal " + std::to_string(WTERMSIG(status)) + ")"
                         : "the check failed (exit " + std::to_string(WEXITSTATUS(status)) + ")";
    return make_error(ErrorCode::InvalidData, complaints);
}

// The config and its slots; a config without slots is a usage error.
struct Opened {
    KioskOptions options;
    std::unique_ptr<slots::ConfigSlots> slots;
};

Result<Opened> open_slots(const std::string& config_path, const Clock& clock,
                          slots::SlotsOptions slots_options = {}) {
    auto options = TRY(load_config(config_path));
    if (options.paths.config_slots.empty())
        return make_error(ErrorCode::InvalidArgument,
                          config_path + ": names no paths.config_slots: this kiosk takes no bundles");
    auto slots = TRY(slots::ConfigSlots::open(options.paths.config_slots, options.paths.content, clock,
                                              std::move(slots_options)));
    return Opened{std::move(options), std::move(slots)};
}

void audit(const KioskOptions& options, const Clock& clock, const std::string& kind,
           const std::string& detail) {
    auto database = store::Database::open(options.paths.database);
    if (!database.ok()) {
        fmt::print(stderr, "kiosk-devctl: audit log: {}\n", database.error().describe());
        return;
    }
    if (auto appended = store::AuditLog(*database.value(), clock).append(kind, detail); !appended.ok())
        fmt::print(stderr, "kiosk-devctl: audit log: {}\n", appended.error().describe());
}

// The hidden --kill-at-step STEP[:N] of `bundle install`, for scripts/bundle-soak only: the process
// kills itself with SIGKILL right after the Nth (default first) occurrence of that step of the slots'
// install (services/slots/ConfigSlots.h Step), so that the soak hits each step of the switch, which
// a random moment rarely does. Empty: no hook.
Result<slots::SlotsOptions> kill_at_step(const std::string& spec) {
    slots::SlotsOptions options;
    if (spec.empty())
        return options;
    auto colon = spec.find(':');
    std::string name = spec.substr(0, colon);
    int occurrence = 1;
    if (colon != std::string::npos) {
        auto digits = spec.substr(colon + 1);
        if (digits.empty() || digits.size() > 6 ||
            !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return make_error(ErrorCode::InvalidArgument, "--kill-at-step: STEP[:N], N a positive number");
        occurrence = std::stoi(digits);
    }
    for (int each = 0; each <= static_cast<int>(slots::Step::StateWritten); ++each) {
        auto step = static_cast<slots::Step>(each);
        if (name != slots::to_string(step))
            continue;
        auto seen = std::make_shared<int>(0);
        options.on_step = [step, occurrence, seen](slots::Step done) {
            if (done == step && ++*seen == occurrence)
                std::raise(SIGKILL);
        };
        return options;
    }
    return make_error(ErrorCode::InvalidArgument, "--kill-at-step: no step named '" + name + "'");
}

nlohmann::json record_json(const slots::SlotRecord& record) {
    return {{"status", slots::to_string(record.status)},
            {"bundle_id", record.bundle_id},
            {"version", record.version},
            {"installed_at", record.installed_at},
            {"boot_attempts", record.boot_attempts},
            {"reason", record.reason}};
}

int install_command(const BundleArgs& args) {
    if (!is_staff_id(args.staff))
        return fail("bundle install", make_error(ErrorCode::InvalidArgument, "--staff: not a staff number"),
                    kExitUsage);
    auto hook = kill_at_step(args.kill_at_step);
    if (!hook.ok())
        return fail("bundle install", hook.error(), kExitUsage);
    SystemClock clock;
    auto opened = open_slots(args.config, clock, hook.release_value());
    if (!opened.ok())
        return fail("bundle install", opened.error(), kExitUsage);
    auto& [options, slots] = opened.value();
    bundle::BundleTarget target;
    if (auto version = bundle::parse_app_version(KIOSK_VERSION); version.ok())
        target.app_version = version.value();
    target.kiosk_id = options.kiosk_id;
    target.now = clock.wall_now();
    std::string kiosk = args.kiosk.empty() ? kiosk_beside_me() : args.kiosk;
    std::string config = fs::absolute(args.config).string();
    content::InstallContext context{options, *slots, clock, target, [&](const fs::path& folder) {
                                        return check_scenes_with(kiosk, config, folder);
                                    }};
    auto outcome = content::install_bundle(context, args.file);
    if (!outcome.ok())
        return fail("bundle install", outcome.error());
    const auto& done = outcome.value();
    std::string detail = "staff=" + args.staff + " via=kiosk-devctl bundle=" + done.bundle_id +
                         " version=" + std::to_string(done.version);
    if (done.installed)
        audit(options, clock, "bundle-installed", detail + " slot=" + slots::to_string(done.slot));
    else
        audit(options, clock, "bundle-refused", detail + " stage=" + done.stage);
    if (args.json) {
        fmt::print("{}\n", nlohmann::json{{"installed", done.installed},
                                          {"stage", done.stage},
                                          {"reason", done.reason},
                                          {"refusal", bundle::to_string(done.refusal)},
                                          {"bundle_id", done.bundle_id},
                                          {"version", done.version},
                                          {"slot", slots::to_string(done.slot)}}
                               .dump());
    } else if (done.installed) {
        fmt::print("installed bundle {} version {} into slot {}, on trial: the kiosk serves from it from its "
                   "next moment without a citizen (a running kiosk reloads) or its next start\n",
                   done.bundle_id, done.version, slots::to_string(done.slot));
    }
    if (!done.installed) {
        fmt::print(stderr, "kiosk-devctl: bundle install: refused at {}: {}\n", done.stage, done.reason);
        return kExitFailed;
    }
    return 0;
}

int status_command(const BundleArgs& args) {
    SystemClock clock;
    auto opened = open_slots(args.config, clock);
    if (!opened.ok())
        return fail("bundle status", opened.error(), kExitUsage);
    const auto& state = opened->slots->state();
    if (args.json) {
        nlohmann::json history = nlohmann::json::array();
        for (const auto& entry : state.history)
            history.push_back({{"at", entry.at},
                               {"outcome", slots::to_string(entry.outcome)},
                               {"slot", slots::to_string(entry.slot)},
                               {"bundle_id", entry.bundle_id},
                               {"version", entry.version},
                               {"reason", entry.reason}});
        fmt::print("{}\n", nlohmann::json{{"current", slots::to_string(state.current)},
                                          {"a", record_json(state.a)},
                                          {"b", record_json(state.b)},
                                          {"history", history}}
                               .dump());
        return 0;
    }
    fmt::print("current: {}\n", slots::to_string(state.current));
    for (auto slot : {slots::ActiveSlot::A, slots::ActiveSlot::B}) {
        const auto& record = state.record(slot);
        fmt::print("slot {}: {} {} version {} {}{}\n", slots::to_string(slot),
                   slots::to_string(record.status), record.bundle_id.empty() ? "-" : record.bundle_id,
                   record.version, record.installed_at,
                   record.reason.empty() ? "" : " (" + record.reason + ")");
    }
    size_t shown = std::min<size_t>(state.history.size(), 5);
    for (size_t i = state.history.size() - shown; i < state.history.size(); ++i) {
        const auto& entry = state.history[i];
        fmt::print("  {} {} slot {} {} v{}{}\n", entry.at, slots::to_string(entry.outcome),
                   slots::to_string(entry.slot), entry.bundle_id, entry.version,
                   entry.reason.empty() ? "" : ": " + entry.reason);
    }
    return 0;
}

int rollback_command(const BundleArgs& args) {
    if (!is_staff_id(args.staff))
        return fail("bundle rollback", make_error(ErrorCode::InvalidArgument, "--staff: not a staff number"),
                    kExitUsage);
    if (args.reason.empty() || args.reason.size() > 200 || args.reason.find('\n') != std::string::npos)
        return fail("bundle rollback",
                    make_error(ErrorCode::InvalidArgument, "--reason: one line of at most 200 bytes"),
                    kExitUsage);
    SystemClock clock;
    auto opened = open_slots(args.config, clock);
    if (!opened.ok())
        return fail("bundle rollback", opened.error(), kExitUsage);
    auto now_current = opened->slots->rollback("staff " + args.staff + ": " + args.reason);
    if (!now_current.ok())
        return fail("bundle rollback", now_current.error());
    audit(opened->options, clock, "bundle-rolled-back",
          "staff=" + args.staff + " via=kiosk-devctl now=" + slots::to_string(now_current.value()));
    fmt::print("rolled back: now on {}; the kiosk serves from it from its next moment without a citizen "
               "(a running kiosk reloads) or its next start\n",
               slots::to_string(now_current.value()));
    return 0;
}

} // namespace

void add_bundle_commands(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<BundleArgs>();
    auto* bundle = app.add_subcommand("bundle", "config bundles: install, status, rollback");
    bundle->require_subcommand(1);

    auto* install = bundle->add_subcommand("install", "verify, validate and install a bundle (audited)");
    install->add_option("file", args->file, "the .owcb file")->required();
    install->add_option("--config", args->config, "the kiosk's config")->required();
    install->add_option("--staff", args->staff, "your staff number (audited)")->required();
    install->add_option("--kiosk", args->kiosk,
                        "the kiosk binary that draws the scenes (default: beside this)");
    install->add_flag("--json", args->json, "print JSON");
    install->add_option("--kill-at-step", args->kill_at_step, "soak only: SIGKILL after this slots step")
        ->group(""); // hidden: scripts/bundle-soak
    install->callback([args, &exit_code] { exit_code = install_command(*args); });

    auto* status = bundle->add_subcommand("status", "the slots, which is current, the last results");
    status->add_option("--config", args->config, "the kiosk's config")->required();
    status->add_flag("--json", args->json, "print JSON");
    status->callback([args, &exit_code] { exit_code = status_command(*args); });

    auto* rollback =
        bundle->add_subcommand("rollback", "back to the other good slot, else the factory (audited)");
    rollback->add_option("--config", args->config, "the kiosk's config")->required();
    rollback->add_option("--staff", args->staff, "your staff number (audited)")->required();
    rollback->add_option("--reason", args->reason, "why (one line)")->required();
    rollback->callback([args, &exit_code] { exit_code = rollback_command(*args); });
}

} // namespace kiosk::devctl
