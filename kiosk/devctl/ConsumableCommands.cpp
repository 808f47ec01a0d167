// kiosk-devctl counters --config FILE [--json]       every counter of the kiosk's store, and each
//                                                      consumable's used / capacity / level / forecast
// kiosk-devctl consumable replace ID --config FILE --staff S1024 [--loaded N]
//                                                      staff put in a new roll / refilled the tray: the
//                                                      counter starts again; audited with the staff id
// FILE is the kiosk's config (core/base/Config.h): paths.database and the consumables section, so these
// work on the very store the kiosk counts in (WAL lets them run beside it; a running kiosk picks a
// replacement up within a minute, services/staff/consumables/Consumables.h). ID is "receipt-paper" (mm)
// or "a4-paper" (sheets); --loaded defaults to a full load from the config. The levels here are the
// kiosk's count alone: the printer's own report is `kiosk-devctl printer status`.
// Exit codes: 0 done; 1 the store said no; 2 usage (a config that does not load, an unknown consumable,
// a staff id or an amount that is not one).

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/store/AuditLog.h"
#include "core/store/ConsumableLedger.h"
#include "core/store/Counters.h"
#include "core/store/Database.h"
#include "core/store/UtcTimestamp.h"
#include "kiosk/devctl/DevCtl.h"
#include "services/staff/consumables/Consumables.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <regex>

namespace kiosk::devctl {
namespace {

struct ConsumableArgs {
    std::string config, id, staff;
    std::int64_t loaded = 0; // 0: a full load
    bool json = false;
};

int fail(std::string_view what, const Error& error, int code = kExitFailed) {
    fmt::print(stderr, "kiosk-devctl: {}: {}\n", what, error.describe());
    return code;
}

std::string local_minute(WallTime time) {
    CivilTime civil = to_local_civil(time);
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", civil.year, civil.month, civil.day, civil.hour,
                       civil.minute);
}

nlohmann::json state_json(const services::ConsumableState& state) {
    auto time = [](const std::optional<WallTime>& at) {
        return at ? nlohmann::json(store::utc_timestamp(*at)) : nlohmann::json(nullptr);
    };
    return {{"id", state.id},
            {"device", domain::to_string(state.device)},
            {"unit", state.unit},
            {"used", state.used},
            {"capacity", state.capacity},
            {"percent", state.percent},
            {"level", services::to_string(state.counter_level)},
            {"replaced_at", time(state.replaced_at)},
            {"replaced_by", state.replaced_by},
            {"runs_out_at", time(state.runs_out_at)}};
}

int counters_command(const ConsumableArgs& args) {
    constexpr std::string_view what = "counters";
    auto config = load_config(args.config);
    if (!config)
        return fail(what, config.error(), kExitUsage);
    auto database = store::Database::open(config->paths.database);
    if (!database)
        return fail(what, database.error());
    auto counters = store::Counters(*database.value()).all();
    if (!counters)
        return fail(what, counters.error());
    // The kiosk's own consumables service on the same file, asked once; no printer is asked.
    SystemClock clock;
    services::ConsumablesSettings settings{config->paths.database, config->consumables};
    services::Consumables consumables(settings, clock, nullptr, nullptr);
    consumables.start();
    consumables.refresh_and_wait();
    if (!consumables.counting())
        return fail(what,
                    make_error(ErrorCode::Io, config->paths.database + ": consumables could not be read"));
    auto states = consumables.levels();
    if (args.json) {
        nlohmann::json json = {{"counters", nlohmann::json::object()},
                               {"consumables", nlohmann::json::array()}};
        for (const auto& [name, value] : counters.value())
            json["counters"][name] = value;
        for (const auto& state : states)
            json["consumables"].push_back(state_json(state));
        fmt::print("{}\n", json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
        return 0;
    }
    fmt::print("counters:\n");
    for (const auto& [name, value] : counters.value())
        fmt::print("  {:<32} {}\n", name, value);
    fmt::print("consumables (the kiosk's count; the printer's own report: kiosk-devctl printer status):\n");
    for (const auto& state : states) {
        if (!state.replaceable) {
            fmt::print("  {:<14} reported by the printer only\n", state.id);
            continue;
        }
        std::string line =
            fmt::format("  {:<14} used {} of {} {}", state.id, state.used, state.capacity, state.unit);
        if (state.percent >= 0)
            line += fmt::format(", {} % left, {}", state.percent, services::to_string(state.counter_level));
        else
            line += ", left unknown (never replaced since counting began)";
        if (state.replaced_at)
            line += fmt::format(", replaced {} by {}", local_minute(*state.replaced_at), state.replaced_by);
        if (state.runs_out_at)
            line += fmt::format(", runs out about {}", local_minute(*state.runs_out_at));
        fmt::print("{}\n", line);
    }
    return 0;
}

int replace_command(const ConsumableArgs& args) {
    constexpr std::string_view what = "consumable replace";
    auto config = load_config(args.config);
    if (!config)
        return fail(what, config.error(), kExitUsage);
    std::int64_t capacity = args.id == "receipt-paper" ? config->consumables.receipt_roll_mm
                            : args.id == "a4-paper"    ? config->consumables.a4_tray_sheets
                                                       : 0;
    if (capacity == 0)
        return fail(what,
                    make_error(ErrorCode::InvalidArgument,
                               "'" + args.id + "' is not a counted consumable (receipt-paper, a4-paper)"),
                    kExitUsage);
    // The id goes into the audit log: the hall's staff number, nothing else.
    static const std::regex staff_id("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    if (!std::regex_match(args.staff, staff_id))
        return fail(what, make_error(ErrorCode::InvalidArgument, "--staff: a staff id such as S1024"),
                    kExitUsage);
    std::int64_t loaded = args.loaded == 0 ? capacity : args.loaded;
    if (loaded < 0 || loaded > 10 * capacity)
        return fail(what,
                    make_error(ErrorCode::InvalidArgument,
                               fmt::format("--loaded {}: must be 1 to {}", args.loaded, 10 * capacity)),
                    kExitUsage);
    auto database = store::Database::open(config->paths.database);
    if (!database)
        return fail(what, database.error());
    SystemClock clock;
    store::AuditLog audit(*database.value(), clock);
    store::ConsumableLedger ledger(*database.value(), clock, &audit);
    if (auto replaced = ledger.replace(args.id, loaded, args.staff, "(kiosk-devctl)"); !replaced)
        return fail(what, replaced.error());
    fmt::print("{}: {} {} loaded, counter reset; audited for {}\n", args.id, loaded,
               args.id == "receipt-paper" ? "mm" : "sheets", args.staff);
    return 0;
}

} // namespace

void add_consumable_commands(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<ConsumableArgs>();
    auto* counters =
        app.add_subcommand("counters", "the kiosk's counters and its paper: used, level, forecast");
    counters->add_option("--config", args->config, "the kiosk's config (JSON)")->required();
    counters->add_flag("--json", args->json, "print JSON: {counters, consumables}");
    counters->callback([args, &exit_code] { exit_code = counters_command(*args); });

    auto* consumable = app.add_subcommand("consumable", "the kiosk's paper");
    consumable->require_subcommand(1);
    auto* replace = consumable->add_subcommand(
        "replace", "a new receipt roll / a refilled A4 tray: the counter starts again; audited");
    replace->add_option("id", args->id, "receipt-paper or a4-paper")->required();
    replace->add_option("--config", args->config, "the kiosk's config (JSON)")->required();
    replace->add_option("--staff", args->staff, "the staff id of who loaded it (S1024)")->required();
    replace->add_option("--loaded", args->loaded, "mm of roll / sheets loaded (default: a full load)")
        ->check(CLI::Range(static_cast<std::int64_t>(1), static_cast<std::int64_t>(100000000)));
    replace->callback([args, &exit_code] { exit_code = replace_command(*args); });
}

} // namespace kiosk::devctl
