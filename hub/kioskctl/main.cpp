// kioskctl: the admin CLI (docs/Architecture.md "Processes"). For now:
//   kioskctl dept list|show|approve|reject|request-more   department work over the hub's API (mTLS)
//   kioskctl client add|revoke|list                       the clients registry, on the hub's database
// Exit codes: 0 done, 1 refused or failed, 2 usage.

#include "hub/HubClient.h"
#include "hub/SqliteHubStore.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace {

using json = nlohmann::json;
constexpr int k_exit_ok = 0;
constexpr int k_exit_error = 1;
constexpr int k_exit_usage = 2;

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

// Sends one request; prints the hub's error and answers 1 when it refuses.
int call(const HubTarget& target, const std::string& method, const std::string& path, const json& body,
         json& answer) {
    auto client = kiosk::hub::connect_hub(target.url, target.tls);
    if (!client.ok()) {
        std::fprintf(stderr, "kioskctl: %s\n", client.error().message.c_str());
        return k_exit_usage;
    }
    auto result = method == "GET" ? client.value()->Get(path)
                                  : client.value()->Post(path, body.dump(), "application/json");
    if (!result) {
        std::fprintf(stderr, "kioskctl: cannot reach the hub at %s: %s\n", target.url.c_str(),
                     httplib::to_string(result.error()).c_str());
        return k_exit_error;
    }
    answer = json::parse(result->body, nullptr, false);
    if (result->status >= 300) {
        std::string code = answer.is_object() ? answer.value("error", "") : "";
        std::string message = answer.is_object() ? answer.value("message", "") : "";
        std::fprintf(stderr, "kioskctl: refused (%d %s): %s\n", result->status, code.c_str(),
                     message.c_str());
        return k_exit_error;
    }
    if (answer.is_discarded()) {
        std::fprintf(stderr, "kioskctl: the hub answered something that is not JSON\n");
        return k_exit_error;
    }
    return k_exit_ok;
}

std::string text(const json& value) {
    return value.is_string() ? value.get<std::string>() : value.is_null() ? "-" : value.dump();
}

void print_item_line(const json& item) {
    std::printf("%-24s %-34s %-15s %s%s\n", text(item["work_item_id"]).c_str(),
                text(item["matter_id"]).c_str(), text(item["state"]).c_str(),
                text(item["promised_date"]).c_str(), item.value("overdue", false) ? "  OVERDUE" : "");
}

void add_dept_commands(CLI::App& app, int& exit_code) {
    auto* dept = app.add_subcommand("dept", "a department's work items, over the hub's API");
    dept->require_subcommand(1);

    static HubTarget target;
    static std::string department, state, item_id, officer, reason;
    static bool as_json = false;

    auto* list = dept->add_subcommand("list", "work items of a department");
    add_hub_options(*list, target);
    list->add_option("--department", department, "department id (catalog)")->required();
    list->add_option("--state", state, "pending | approved | rejected | more_requested");
    list->add_flag("--json", as_json, "print the hub's JSON");
    list->callback([&exit_code] {
        std::string path = "/v1/departments/" + department + "/work-items";
        if (!state.empty())
            path += "?state=" + state;
        json answer;
        exit_code = call(target, "GET", path, {}, answer);
        if (exit_code != k_exit_ok)
            return;
        if (as_json)
            return (void)std::printf("%s\n", answer.dump(2).c_str());
        for (const auto& item : answer["work_items"])
            print_item_line(item);
    });

    auto* show = dept->add_subcommand("show", "one work item with its application");
    add_hub_options(*show, target);
    show->add_option("WORK_ITEM_ID", item_id)->required();
    show->callback([&exit_code] {
        json answer;
        exit_code = call(target, "GET", "/v1/work-items/" + item_id, {}, answer);
        if (exit_code == k_exit_ok)
            std::printf("%s\n", answer.dump(2).c_str());
    });

    struct DecisionCommand {
        const char* name;
        const char* decision;
        const char* help;
    };
    for (auto command :
         {DecisionCommand{"approve", "approve", "approve a work item"},
          DecisionCommand{"reject", "reject", "reject a work item (--reason required)"},
          DecisionCommand{"request-more", "request_more", "ask for more materials (--reason)"}}) {
        auto* decide = dept->add_subcommand(command.name, command.help);
        add_hub_options(*decide, target);
        decide->add_option("WORK_ITEM_ID", item_id)->required();
        decide->add_option("--officer", officer, "the deciding officer's name")->required();
        decide->add_option("--reason", reason, "why (shown to the citizen)");
        decide->add_flag("--json", as_json, "print the hub's JSON");
        std::string decision = command.decision;
        decide->callback([&exit_code, decision] {
            json body = {{"decision", decision}, {"officer", officer}};
            if (!reason.empty())
                body["reason"] = reason;
            json answer;
            exit_code = call(target, "POST", "/v1/work-items/" + item_id + "/decision", body, answer);
            if (exit_code != k_exit_ok)
                return;
            if (as_json)
                return (void)std::printf("%s\n", answer.dump(2).c_str());
            print_item_line(answer);
            if (!answer["certificate_id"].is_null())
                std::printf("certificate %s issued\n", text(answer["certificate_id"]).c_str());
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
            std::error_code ignored; // open() below names the folder when it is really missing
            std::filesystem::create_directories(data_dir, ignored);
            auto store = kiosk::hub::SqliteHubStore::open(data_dir + "/hub.sqlite", clock);
            if (!store.ok()) {
                std::fprintf(stderr, "kioskctl: %s\n", store.error().describe().c_str());
                exit_code = k_exit_error;
                return;
            }
            const char* user = getlogin();
            std::string actor = std::string("cli:") + (user ? user : std::to_string(getuid()).c_str());
            auto done = action(*store.value(), actor);
            if (!done.ok()) {
                std::fprintf(stderr, "kioskctl: %s\n", done.error().message.c_str());
                exit_code = k_exit_error;
            }
        };
    };
    auto check_cn = [](const std::string& value) -> std::string {
        for (const char* prefix : {"kiosk:", "dept:", "admin:"}) {
            std::string text(prefix);
            if (value.size() > text.size() && value.compare(0, text.size(), text) == 0)
                return {};
        }
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
                std::printf("%-40s %-8s %s\n", entry.cn.c_str(), status, entry.added_at.c_str());
        }
        if (as_json)
            std::printf("%s\n", out.dump(2).c_str());
        return {};
    }));
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"kioskctl: OneWindow admin CLI (department decisions, hub clients)"};
    app.require_subcommand(1);
    int exit_code = k_exit_ok;
    add_dept_commands(app, exit_code);
    add_client_commands(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        int code = app.exit(error);
        return code == 0 ? k_exit_ok : k_exit_usage;
    }
    return exit_code;
}
