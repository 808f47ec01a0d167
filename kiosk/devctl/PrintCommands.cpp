// kiosk-devctl print render --template NAME --data FILE.json --out FILE.pdf   render only
// kiosk-devctl print submit --queue NAME FILE.pdf                              print, follow to the end
// kiosk-devctl print test-page --queue NAME [--role receipt|a4]               render + print a test page
// kiosk-devctl printer status --queue NAME [--json]                            the queue as the kiosk sees it
// kiosk-devctl print ledger [--limit N] [--json]                               the latest prints
// kiosk-devctl print authorise-reprint --certificate NO --staff ID --reason TEXT [--config FILE]
//                                                    one more print of a printed certificate (audited):
//                                                    asked of the hub when the config names one (the
//                                                    hall's authority, docs/specs/hub-contract.md §6.1),
//                                                    else granted in this kiosk's ledger
// The ledger is the kiosk's store (--database PATH, else the config's paths.database).
// Templates come from --templates DIR, else the installed config's paths.templates, else the source
// tree's data/templates. Printing uses libcups's server (CUPS_SERVER) unless --server says otherwise.
// Exit codes: 0 done (printed; status: the printer can print); 1 the printer or the data said no;
// 2 usage, an unknown template, a data file that is not JSON.

#include "core/base/Config.h"
#include "core/documents/RenderPdf.h"
#include "core/documents/TemplateSet.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/PrintLedger.h"
#include "drivers/printer/CupsQueue.h"
#include "kiosk/devctl/DevCtl.h"
#include "services/PrintDocuments.h"
#include "services/outbox/HubClient.h"

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

namespace kiosk::devctl {
namespace {

using namespace std::chrono_literals;

struct PrintArgs {
    std::string template_name, data_file, out_file, templates_dir, queue, server, role, pdf_file;
    std::string database, certificate, staff, reason, config;
    int timeout_s = 120;
    int limit = 20;
    bool json = false;
};

// The installed config, else the source tree's (as the kiosk finds it).
KioskOptions kiosk_config() {
    for (const std::string& path : {std::string("/etc/onewindow/kiosk.json"),
                                    std::string(KIOSK_SOURCE_DIR) + "/data/config/kiosk.json"})
        if (std::filesystem::exists(path))
            if (auto options = load_config(path); options.ok())
                return options.release_value();
    return {};
}

std::string templates_dir(const PrintArgs& args) {
    return args.templates_dir.empty() ? kiosk_config().paths.templates : args.templates_dir;
}

int fail(std::string_view what, const Error& error, int code = kExitFailed) {
    fmt::print(stderr, "kiosk-devctl: {}: {}\n", what, error.describe());
    return code;
}

Result<std::vector<uint8_t>> render(const PrintArgs& args, const std::string& name,
                                    const nlohmann::json& data, int& exit_code) {
    auto templates = print::TemplateSet::load(templates_dir(args));
    if (!templates.ok()) {
        exit_code = kExitFailed;
        return templates.release_error();
    }
    const print::Template* found = templates.value().find(name);
    if (!found) {
        exit_code = kExitUsage;
        return make_error(ErrorCode::NotFound, fmt::format("no template '{}' (have: {})", name,
                                                           fmt::join(templates.value().names(), ", ")));
    }
    exit_code = kExitFailed;
    return print::render_pdf(*found, data);
}

int render_command(const PrintArgs& args) {
    std::ifstream in(args.data_file, std::ios::binary);
    if (!in)
        return fail("print render", Error{ErrorCode::NotFound, "cannot read " + args.data_file}, kExitUsage);
    std::stringstream text;
    text << in.rdbuf();
    auto data = nlohmann::json::parse(text.str(), nullptr, false);
    if (data.is_discarded())
        return fail("print render", Error{ErrorCode::InvalidData, args.data_file + " is not JSON"},
                    kExitUsage);
    int code = 0;
    auto pdf = render(args, args.template_name, data, code);
    if (!pdf.ok())
        return fail("print render", pdf.error(), code);
    if (auto written = print::write_file_atomically(args.out_file, pdf.value()); !written.ok())
        return fail("print render", written.error());
    fmt::print("{}: {} bytes\n", args.out_file, pdf.value().size());
    return 0;
}

drivers::CupsPrinterOptions printer_options(const PrintArgs& args, domain::DeviceKind role) {
    drivers::CupsPrinterOptions options;
    options.role = role;
    options.queue = args.queue;
    options.session.server = args.server;
    options.thread_name = "devctl-print";
    return options;
}

domain::DeviceKind role_of(const PrintArgs& args) {
    if (args.role == "receipt")
        return domain::DeviceKind::ReceiptPrinter;
    if (args.role == "a4")
        return domain::DeviceKind::A4Printer;
    return args.queue.find("receipt") != std::string::npos ? domain::DeviceKind::ReceiptPrinter
                                                           : domain::DeviceKind::A4Printer;
}

int submit(const PrintArgs& args, std::vector<uint8_t> pdf, const std::string& title) {
    auto outcome = drivers::cups::submit_and_wait(args.queue, std::move(pdf), title,
                                                  std::chrono::seconds(args.timeout_s),
                                                  printer_options(args, role_of(args)));
    if (!outcome.ok())
        return fail("print submit", outcome.error());
    const auto& done = outcome.value();
    if (done.failure) {
        fmt::print(stderr, "kiosk-devctl: print submit: job {} on {} failed: {}\n", done.cups_job_id,
                   args.queue, done.failure->describe());
        return kExitFailed;
    }
    fmt::print("job {} on {} completed in {} ms\n", done.cups_job_id, args.queue, done.elapsed.count());
    return 0;
}

int submit_command(const PrintArgs& args) {
    std::ifstream in(args.pdf_file, std::ios::binary);
    if (!in)
        return fail("print submit", Error{ErrorCode::NotFound, "cannot read " + args.pdf_file}, kExitUsage);
    std::vector<uint8_t> pdf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (pdf.size() < 5 || std::string(pdf.begin(), pdf.begin() + 5) != "%PDF-")
        return fail("print submit", Error{ErrorCode::InvalidData, args.pdf_file + " is not a PDF"},
                    kExitUsage);
    return submit(args, std::move(pdf), "document");
}

int test_page_command(const PrintArgs& args) {
    domain::DeviceKind role = role_of(args);
    char host[256] = "";
    gethostname(host, sizeof host - 1);
    std::string printed_at = services::local_timestamp(std::chrono::system_clock::now());
    nlohmann::json data = {{"kiosk_id", host},
                           {"queue", args.queue},
                           {"printed_at", printed_at},
                           {"check", "onewindow-test-page " + args.queue + " " + printed_at}};
    int code = 0;
    auto pdf = render(args, role == domain::DeviceKind::ReceiptPrinter ? "test-page-receipt" : "test-page-a4",
                      data, code);
    if (!pdf.ok())
        return fail("print test-page", pdf.error(), code);
    return submit(args, pdf.release_value(), "test-page");
}

int status_command(const PrintArgs& args) {
    drivers::cups::SessionOptions session;
    session.server = args.server;
    auto report = drivers::cups::queue_status(args.queue, role_of(args), session);
    const auto& status = report.status;
    const auto& raw = report.raw;
    nlohmann::json consumables = nlohmann::json::array();
    for (const auto& consumable : status.consumables)
        consumables.push_back({{"id", consumable.id}, {"percent", consumable.percent}});
    nlohmann::json markers = nlohmann::json::array();
    for (const auto& marker : raw.markers)
        markers.push_back({{"name", marker.name}, {"type", marker.type}, {"level", marker.level}});
    const char* printer_state = raw.printer_state == 3   ? "idle"
                                : raw.printer_state == 4 ? "processing"
                                : raw.printer_state == 5 ? "stopped"
                                                         : "unknown";
    nlohmann::json json = {
        {"queue", args.queue},
        {"role", domain::to_string(status.kind)},
        {"state", domain::to_string(status.state)},
        {"fixed_by", status.state == domain::DeviceState::Fault ? domain::to_string(status.fixed_by) : ""},
        {"reason", status.reason},
        {"consumables", consumables},
        {"scheduler_reachable", raw.scheduler_reachable},
        {"queue_found", raw.queue_found},
        {"printer_state", printer_state},
        {"printer_state_reasons", raw.reasons},
        {"printer_state_message", raw.state_message},
        {"accepting_jobs", raw.accepting},
        {"device_uri", raw.device_uri},
        {"markers", markers},
        {"media_ready", raw.media_ready},
    };
    if (raw.device_reachable)
        json["device_reachable"] = *raw.device_reachable;
    if (args.json) {
        fmt::print("{}\n", json.dump(2, ' ', false));
    } else {
        fmt::print("{}: {}{}{}\n", args.queue, domain::to_string(status.state),
                   status.reason.empty() ? "" : " (" + status.reason + ")",
                   status.state == domain::DeviceState::Fault
                       ? std::string(" — fixed by ") + domain::to_string(status.fixed_by)
                       : "");
        fmt::print("printer-state: {}; reasons: {}; accepting jobs: {}\n", printer_state,
                   fmt::join(raw.reasons, ","), raw.accepting ? "yes" : "no");
        for (const auto& consumable : status.consumables)
            fmt::print("{}: {}\n", consumable.id,
                       consumable.percent < 0 ? std::string("unknown")
                                              : std::to_string(consumable.percent) + "%");
    }
    return status.usable() ? 0 : kExitFailed;
}

// Runs `work` on the kiosk's print ledger.
int with_ledger(const PrintArgs& args, const char* what,
                const std::function<int(store::PrintLedger&, store::AuditLog&)>& work) {
    std::string path = args.database.empty() ? kiosk_config().paths.database : args.database;
    auto database = store::Database::open(path);
    if (!database.ok())
        return fail(what, database.error());
    SystemClock clock;
    store::AuditLog audit(*database.value(), clock);
    store::PrintLedger ledger(*database.value(), audit, clock);
    return work(ledger, audit);
}

int ledger_command(const PrintArgs& args) {
    return with_ledger(args, "print ledger", [&](store::PrintLedger& ledger, store::AuditLog&) {
        auto records = ledger.recent(args.limit);
        if (!records.ok())
            return fail("print ledger", records.error());
        nlohmann::json list = nlohmann::json::array();
        for (const auto& r : records.value()) {
            list.push_back({{"id", r.id},
                            {"kind", store::to_string(r.kind)},
                            {"reference", r.reference},
                            {"queue", r.queue},
                            {"job_id", r.job_id},
                            {"state", store::to_string(r.state)},
                            {"reason", r.reason},
                            {"authorised_by", r.authorised_by},
                            {"created_utc", r.created_utc},
                            {"finished_utc", r.finished_utc}});
            if (!args.json)
                fmt::print("{:>5}  {}  {:<11} {:<24} {:<14} {:<9} {}{}\n", r.id, r.created_utc,
                           store::to_string(r.kind), r.reference, r.queue, store::to_string(r.state),
                           r.reason,
                           r.authorised_by.empty() ? "" : " (reprint authorised by " + r.authorised_by + ")");
        }
        if (args.json)
            fmt::print("{}\n", list.dump(2, ' ', false));
        return 0;
    });
}

int authorise_command(const PrintArgs& args) {
    KioskOptions options;
    if (!args.config.empty()) {
        auto loaded = load_config(args.config);
        if (!loaded.ok())
            return fail("print authorise-reprint", loaded.error(), kExitUsage);
        options = loaded.release_value();
    } else {
        options = kiosk_config();
    }
    if (!options.hub.url.empty()) {
        // The hub grants this kiosk one more print, audited there with the staff id and reason; the
        // citizen then prints it here as usual (the kiosk's request meets this open grant).
        auto client = outbox::HubClient::create(options.hub);
        if (!client.ok())
            return fail("print authorise-reprint", client.error(), kExitUsage);
        auto granted = client.value().request_print_grant(
            args.certificate,
            protocol::PrintGrantRequest{std::nullopt, protocol::ReprintAuthority{args.staff, args.reason}});
        if (!granted.ok()) {
            fmt::print(stderr, "kiosk-devctl: print authorise-reprint: {}\n", granted.error().describe());
            return kExitFailed;
        }
        if (!granted.value().refusal.empty()) {
            fmt::print(stderr, "kiosk-devctl: print authorise-reprint: {} (kiosk {}, {})\n",
                       granted.value().refusal, granted.value().held.kiosk_id, granted.value().held.at);
            return kExitFailed;
        }
        fmt::print("certificate {}: one more print authorised by {} at the hub (grant {}, until {})\n",
                   args.certificate, args.staff, granted.value().grant.grant_id,
                   granted.value().grant.expires_at);
        return 0;
    }
    return with_ledger(args, "print authorise-reprint", [&](store::PrintLedger& ledger, store::AuditLog&) {
        if (auto granted = ledger.authorise_reprint(args.certificate, args.staff, args.reason); !granted.ok())
            return fail("print authorise-reprint", granted.error());
        fmt::print("certificate {}: one more print authorised by {}\n", args.certificate, args.staff);
        return 0;
    });
}

} // namespace

void add_print_commands(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<PrintArgs>();
    auto* print = app.add_subcommand("print", "render documents from templates and print them through CUPS");
    print->require_subcommand(1);
    print->add_option("--templates", args->templates_dir, "template folder (default: the config's)");

    auto* render = print->add_subcommand("render", "render a template with data into a PDF (no printing)");
    render->add_option("--template", args->template_name, "template name (receipt, certificate, checklist …)")
        ->required();
    render->add_option("--data", args->data_file, "JSON file with the template's placeholders")->required();
    render->add_option("--out", args->out_file, "PDF file to write")->required();
    render->callback([args, &exit_code] { exit_code = render_command(*args); });

    auto add_queue = [&](CLI::App* command) {
        command->add_option("--queue", args->queue, "CUPS queue name")->required();
        command->add_option("--server", args->server, "CUPS server (default: CUPS_SERVER or the local one)");
        command->add_option("--role", args->role, "receipt or a4 (default: from the queue name)")
            ->check(CLI::IsMember({"receipt", "a4"}));
    };
    auto* submit_cmd = print->add_subcommand("submit", "print a PDF and follow the job to its end");
    add_queue(submit_cmd);
    submit_cmd->add_option("FILE", args->pdf_file, "the PDF")->required();
    submit_cmd->add_option("--timeout-s", args->timeout_s, "give up waiting after this long (the job stays)")
        ->check(CLI::Range(1, 3600));
    submit_cmd->callback([args, &exit_code] { exit_code = submit_command(*args); });

    auto* test_page =
        print->add_subcommand("test-page", "print a test page (CJK text, QR code) and follow it");
    add_queue(test_page);
    test_page->add_option("--timeout-s", args->timeout_s, "give up waiting after this long")
        ->check(CLI::Range(1, 3600));
    test_page->callback([args, &exit_code] { exit_code = test_page_command(*args); });

    auto* ledger = print->add_subcommand("ledger", "the latest prints of this kiosk, newest first");
    ledger->add_option("--database", args->database, "the kiosk's store (default: the config's)");
    ledger->add_option("--limit", args->limit, "how many")->check(CLI::Range(1, 10000));
    ledger->add_flag("--json", args->json, "print JSON");
    ledger->callback([args, &exit_code] { exit_code = ledger_command(*args); });

    auto* authorise = print->add_subcommand("authorise-reprint",
                                            "staff: allow one more print of a certificate printed before");
    authorise->add_option("--database", args->database, "the kiosk's store (default: the config's)");
    authorise->add_option("--certificate", args->certificate, "certificate number")->required();
    authorise->add_option("--staff", args->staff, "staff member's ID")->required();
    authorise->add_option("--reason", args->reason, "why (goes into the audit log)")->required();
    authorise->add_option("--config", args->config, "the kiosk's config: with a hub, the hub grants it");
    authorise->callback([args, &exit_code] { exit_code = authorise_command(*args); });

    auto* printer = app.add_subcommand("printer", "printer queues");
    printer->require_subcommand(1);
    auto* status =
        printer->add_subcommand("status", "the queue's state as the kiosk sees it (exit 1: cannot print)");
    add_queue(status);
    status->add_flag("--json", args->json, "print JSON");
    status->callback([args, &exit_code] { exit_code = status_command(*args); });
}

} // namespace kiosk::devctl
