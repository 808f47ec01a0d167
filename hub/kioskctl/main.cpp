// kioskctl: the admin CLI (docs/Architecture.md "Processes"). For now:
//   kioskctl dept list|show|approve|reject|request-more   department work over the hub's API (mTLS)
//   kioskctl client add|revoke|list                       the clients registry, on the hub's database
//   kioskctl audit counts                                 audit rows per client and kind (reads of
//                                                         personal data, rate-limit hits), on the database
//   kioskctl bundle keygen|build|sign|inspect|verify      signed config bundles (BundleCommands.cpp)
// Requests and answers are core/protocol's; --json prints an answer as the protocol writes it.
// Exit codes: 0 done, 1 refused or failed, 2 usage.

#include "core/protocol/Routes.h"
#include "core/protocol/WorkItems.h"
#include "hub/Api.h"
#include "hub/DataFolder.h"
#include "hub/HubClient.h"
#include "hub/SqliteHubStore.h"
#include "hub/kioskctl/BundleCommands.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace {

using json = nlohmann::json;
constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitUsage = 2;

// Tests and scripts read what kioskctl prints (tests/hub/kioskctl-e2e.sh), which is byte for byte what
// it printed with printf: text that is not ours (the hub's answers, the database's rows) goes to fmt as a
// C string, as it went to printf (an id with a NUL in it prints up to the NUL), and columns are padded
// by `column`.

// printf's "%-Ns": `text` up to its NUL, then spaces up to `width` bytes. fmt's own widths count display
// columns (a Chinese character takes two), which would shift the columns after a non-ASCII CN or id.
std::string column(const char* text, std::size_t width) {
    std::string padded(text);
    if (padded.size() < width)
        padded.append(width - padded.size(), ' ');
    return padded;
}

struct HubTarget {
    std::string url;
    kiosk::hub::ClientTls tls;
};

void add_hub_options(CLI::App& command, HubTarget& target) {
    command.add_option("--hub", target.url, "hub URL, https://HOST:PORT")->required();
    command.add_option("--ca", target.tls.ca_file, "hall CA (PEM) the hub's certificate must chain to")
        ->required();
    command.add_option("--cert", target.tls.cert_file, "department or admin certificate (PEM)")->required();
    command.add_option("--key", target.tls.key_file, "its private key (PEM)")->required();
}

// Sends one request to `path` (GET without a body, else POST `body`) and reads a 2xx answer with `parse`
// into `answer`. Prints why and answers 1 when the hub refuses or answers what the contract does not
// say, 2 when the hub URL or the path does not fit.
template <typename T, typename Parse>
int call(const HubTarget& target, const kiosk::Result<std::string>& path, const std::optional<json>& body,
         Parse parse, T& answer) {
    if (!path.ok()) {
        fmt::print(stderr, "kioskctl: {}\n", path.error().message);
        return kExitUsage;
    }
    auto client = kiosk::hub::connect_hub(target.url, target.tls);
    if (!client.ok()) {
        fmt::print(stderr, "kioskctl: {}\n", client.error().message);
        return kExitUsage;
    }
    auto result = body ? client.value()->Post(path.value(), body->dump(), kiosk::protocol::kJsonContentType)
                       : client.value()->Get(path.value());
    if (!result) {
        fmt::print(stderr, "kioskctl: cannot reach the hub at {}: {}\n", target.url,
                   httplib::to_string(result.error()));
        return kExitError;
    }
    auto json_answer = json::parse(result->body, nullptr, false);
    if (result->status >= 300) {
        auto refusal = kiosk::protocol::parse_error_body(json_answer);
        fmt::print(stderr, "kioskctl: refused ({} {}): {}\n", result->status,
                   refusal.ok() ? refusal.value().error.c_str() : "",
                   refusal.ok() ? refusal.value().message.c_str() : "");
        return kExitError;
    }
    auto parsed = parse(json_answer);
    if (!parsed.ok()) {
        fmt::print(stderr, "kioskctl: the hub's answer is not what the contract says: {}\n",
                   parsed.error().message);
        return kExitError;
    }
    answer = parsed.release_value();
    return kExitOk;
}

void print_json(const json& value) {
    fmt::print("{}\n", value.dump(2));
}

void print_item_line(const kiosk::protocol::WorkItem& item) {
    fmt::print("{} {} {} {}{}\n", column(item.work_item_id.c_str(), 24), column(item.matter_id.c_str(), 34),
               column(kiosk::protocol::to_string(item.state), 15), item.promised_date.c_str(),
               item.overdue ? "  OVERDUE" : "");
}

void add_dept_commands(CLI::App& app, int& exit_code) {
    auto* dept = app.add_subcommand("dept", "a department's work items, over the hub's API");
    dept->require_subcommand(1);

    static HubTarget target;
    static std::string department, state, item_id, officer, reason;
    static bool as_json = false;

    std::vector<std::string> states;
    states.reserve(std::size(kiosk::protocol::kWorkItemStates));
    for (auto known : kiosk::protocol::kWorkItemStates)
        states.push_back(kiosk::protocol::to_string(known));
    auto* list = dept->add_subcommand("list", "work items of a department");
    add_hub_options(*list, target);
    list->add_option("--department", department, "department id (catalog)")->required();
    list->add_option("--state", state, kiosk::protocol::spellings(kiosk::protocol::kWorkItemStates))
        ->check(CLI::IsMember(states));
    list->add_flag("--json", as_json, "print the hub's JSON");
    list->callback([&exit_code] {
        kiosk::protocol::WorkItemList answer;
        exit_code =
            call(target,
                 kiosk::protocol::work_items_path(department, kiosk::protocol::parse_work_item_state(state)),
                 std::nullopt, kiosk::protocol::parse_work_item_list, answer);
        if (exit_code != kExitOk)
            return;
        if (as_json)
            return print_json(kiosk::protocol::to_json(answer));
        for (const auto& item : answer.work_items)
            print_item_line(item);
    });

    auto* show = dept->add_subcommand("show", "one work item with its application");
    add_hub_options(*show, target);
    show->add_option("WORK_ITEM_ID", item_id)->required();
    show->callback([&exit_code] {
        kiosk::protocol::WorkItemDetail answer;
        exit_code = call(target, kiosk::protocol::work_item_path(item_id), std::nullopt,
                         kiosk::protocol::parse_work_item_detail, answer);
        if (exit_code == kExitOk)
            print_json(kiosk::protocol::to_json(answer));
    });

    struct DecisionCommand {
        const char* name;
        kiosk::protocol::DecisionKind decision;
        const char* help;
    };
    using kiosk::protocol::DecisionKind;
    for (auto command :
         {DecisionCommand{"approve", DecisionKind::Approve, "approve a work item"},
          DecisionCommand{"reject", DecisionKind::Reject, "reject a work item (--reason required)"},
          DecisionCommand{"request-more", DecisionKind::RequestMore, "ask for more materials (--reason)"}}) {
        auto* decide = dept->add_subcommand(command.name, command.help);
        add_hub_options(*decide, target);
        decide->add_option("WORK_ITEM_ID", item_id)->required();
        decide->add_option("--officer", officer, "the deciding officer's name")->required();
        decide->add_option("--reason", reason, "why (shown to the citizen)");
        decide->add_flag("--json", as_json, "print the hub's JSON");
        auto decision = command.decision;
        decide->callback([&exit_code, decision] {
            kiosk::protocol::DecisionRequest request{
                decision, reason.empty() ? std::nullopt : std::optional(reason), officer};
            kiosk::protocol::WorkItem answer;
            exit_code = call(target, kiosk::protocol::decision_path(item_id),
                             kiosk::protocol::to_json(request), kiosk::protocol::parse_work_item, answer);
            if (exit_code != kExitOk)
                return;
            if (as_json)
                return print_json(kiosk::protocol::to_json(answer));
            print_item_line(answer);
            if (answer.certificate_id)
                fmt::print("certificate {} issued\n", answer.certificate_id->c_str());
        });
    }
}

void add_client_commands(CLI::App& app, int& exit_code) {
    auto* client = app.add_subcommand("client", "the hub's registry of kiosks, departments and admins");
    client->require_subcommand(1);
    static std::string data_dir, cn;
    static bool as_json = false;

    auto with_store = [&exit_code](auto action) {
        return [&exit_code, action] {
            kiosk::SystemClock clock;
            // The hub's data folder and hub.sqlite are the hub user's alone (hub/DataFolder.h).
            ::umask(0077);
            if (auto secured = kiosk::hub::secure_data_folder(data_dir); !secured.ok()) {
                fmt::print(stderr, "kioskctl: {}\n", secured.error().describe());
                exit_code = kExitError;
                return;
            }
            auto store = kiosk::hub::SqliteHubStore::open(data_dir + "/hub.sqlite", clock);
            if (!store.ok()) {
                fmt::print(stderr, "kioskctl: {}\n", store.error().describe());
                exit_code = kExitError;
                return;
            }
            const char* user = getlogin();
            std::string actor = std::string("cli:") + (user ? user : std::to_string(getuid()).c_str());
            auto done = action(*store.value(), actor);
            if (!done.ok()) {
                fmt::print(stderr, "kioskctl: {}\n", done.error().message);
                exit_code = kExitError;
            }
        };
    };
    auto check_cn = [](const std::string& value) -> std::string {
        if (kiosk::hub::caller_from_cn(value).kind != kiosk::hub::Caller::Kind::Other)
            return {};
        return "expected a CN kiosk:<id>, dept:<department> or admin:<name>";
    };

    auto* add = client->add_subcommand("add", "register a client certificate's CN");
    add->add_option("--data", data_dir, "the hub's data folder")->required();
    add->add_option("CN", cn, "kiosk:<id> | dept:<department> | admin:<name>")->required()->check(check_cn);
    add->callback(with_store(
        [](kiosk::hub::HubStore& store, const std::string& actor) { return store.add_client(cn, actor); }));

    auto* revoke = client->add_subcommand("revoke", "refuse a client from now on");
    revoke->add_option("--data", data_dir, "the hub's data folder")->required();
    revoke->add_option("CN", cn)->required();
    revoke->callback(with_store([](kiosk::hub::HubStore& store, const std::string& actor) {
        return store.revoke_client(cn, actor);
    }));

    auto* list = client->add_subcommand("list", "registered clients");
    list->add_option("--data", data_dir, "the hub's data folder")->required();
    list->add_flag("--json", as_json, "print JSON");
    list->callback(with_store([](kiosk::hub::HubStore& store, const std::string&) -> kiosk::Result<void> {
        auto clients = TRY(store.list_clients());
        json out = json::array();
        for (const auto& entry : clients) {
            const char* status = entry.status == kiosk::hub::ClientStatus::Active ? "active" : "revoked";
            if (as_json)
                out.push_back({{"cn", entry.cn}, {"status", status}, {"added_at", entry.added_at}});
            else
                fmt::print("{} {} {}\n", column(entry.cn.c_str(), 40), column(status, 8),
                           entry.added_at.c_str());
        }
        if (as_json)
            fmt::print("{}\n", out.dump(2));
        return {};
    }));
}

// Counts, not rows: how often each client read personal data or hit the search limit since a time
// (review M1's "alerts on anomalies": a kiosk searching far more than the others stands out).
void add_audit_commands(CLI::App& app, int& exit_code) {
    auto* audit = app.add_subcommand("audit", "the hub's audit trail");
    audit->require_subcommand(1);
    static std::string data_dir, since = "0000", kind_prefix;
    static bool as_json = false;
    auto* counts = audit->add_subcommand("counts", "audit rows per client and kind");
    counts->add_option("--data", data_dir, "the hub's data folder")->required();
    counts->add_option("--since", since, "UTC time, e.g. 2026-11-27T00:00:00Z (default: all)");
    counts->add_option("--kind", kind_prefix, "only kinds starting so, e.g. certificate.");
    counts->add_flag("--json", as_json, "print JSON");
    counts->callback([&exit_code] {
        kiosk::SystemClock clock;
        if (!std::filesystem::exists(data_dir + "/hub.sqlite")) {
            fmt::print(stderr, "kioskctl: no hub database in {}\n", data_dir.c_str());
            exit_code = kExitError;
            return;
        }
        auto store = kiosk::hub::SqliteHubStore::open(data_dir + "/hub.sqlite", clock);
        auto rows = store.ok() ? store.value()->audit_counts(since, kind_prefix)
                               : kiosk::Result<std::vector<kiosk::hub::AuditCount>>(store.error());
        if (!rows.ok()) {
            fmt::print(stderr, "kioskctl: {}\n", rows.error().describe());
            exit_code = kExitError;
            return;
        }
        json out = json::array();
        for (const auto& row : rows.value()) {
            if (as_json)
                out.push_back({{"actor", row.actor}, {"kind", row.kind}, {"count", row.count}});
            else
                fmt::print("{} {} {}\n", column(row.actor.c_str(), 40), column(row.kind.c_str(), 28),
                           row.count);
        }
        if (as_json)
            fmt::print("{}\n", out.dump(2));
    });
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"kioskctl: OneWindow admin CLI (department decisions, hub clients, config bundles)"};
    app.require_subcommand(1);
    int exit_code = kExitOk;
    add_dept_commands(app, exit_code);
    add_client_commands(app, exit_code);
    add_audit_commands(app, exit_code);
    kiosk::hub::kioskctl::add_bundle_commands(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        int code = app.exit(error);
        return code == 0 ? kExitOk : kExitUsage;
    }
    return exit_code;
}
