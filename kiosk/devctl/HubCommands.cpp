// kiosk-devctl hub status --config FILE --token OW1-… [--json]       the citizen's progress query
// kiosk-devctl hub certificates --config FILE --id-number N [--json]  certificates ready for pickup
// kiosk-devctl hub certificate-download --config FILE --id C-… --id-number N --out FILE
//     under a print grant of the hub (docs/specs/hub-contract.md §6.1), given back as "failed" once the
//     file is written: a file is not a print. Audited at the hub like every download.
// FILE is the kiosk's config (core/base/Config.h): its `hub` section names the hub and the TLS
// files, so these go through HubClient exactly as the kiosk does; --json prints the hub's answer as
// core/protocol writes it (hub/openapi.yaml: Status, certificates).
// --id-number - reads the number from stdin, which keeps it out of `ps` and the shell's history.
// Nothing printed names the citizen: certificates are listed by id, matter and title only.
// Exit codes: 0 the hub answered; 1 it refused, was unreachable or had nothing; 2 usage (a token that
// is not an OW1 token, a config that does not load or names no hub).

#include "core/base/Config.h"
#include "core/protocol/Certificates.h"
#include "core/protocol/Status.h"
#include "kiosk/devctl/DevCtl.h"
#include "services/outbox/DurableFile.h"
#include "services/outbox/HubClient.h"

#include <fmt/format.h>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

namespace kiosk::devctl {
namespace {

using outbox::HubClient;

struct HubArgs {
    std::string config, token, id_number, certificate_id, out_file;
    bool json = false;
};

int usage(std::string_view what, std::string_view why) {
    fmt::print(stderr, "kiosk-devctl: {}: {}\n", what, why);
    return kExitUsage;
}

int refused(std::string_view what, const outbox::HubError& error) {
    fmt::print(stderr, "kiosk-devctl: {}: {}\n", what, error.describe());
    return kExitFailed;
}

// The hub client of the kiosk whose config this is; a usage error when there is none to make.
std::optional<HubClient> hub_client(std::string_view what, const HubArgs& args, int& exit_code) {
    auto options = load_config(args.config);
    if (!options) {
        exit_code = usage(what, options.error().describe());
        return std::nullopt;
    }
    if (options->hub.url.empty()) {
        exit_code = usage(what, args.config + " configures no hub (hub.url)");
        return std::nullopt;
    }
    auto client = HubClient::create(options->hub);
    if (!client) {
        exit_code = usage(what, client.error().describe());
        return std::nullopt;
    }
    return client.release_value();
}

// "-" reads one line from stdin (see the top of the file).
std::string id_number_of(const HubArgs& args) {
    if (args.id_number != "-")
        return args.id_number;
    std::string line;
    std::getline(std::cin, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
        line.pop_back();
    return line;
}

void print_json(const nlohmann::json& json) {
    fmt::print("{}\n", json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

int status_command(const HubArgs& args) {
    constexpr std::string_view what = "hub status";
    if (!protocol::is_query_token(args.token))
        return usage(what, "--token is not a receipt token (OW1-XXXX-XXXX-XXXX-XXXX)");
    int exit_code = 0;
    auto hub = hub_client(what, args, exit_code);
    if (!hub)
        return exit_code;
    auto progress = hub->status_by_token(args.token);
    if (!progress.ok()) {
        if (progress.error().code == "not-found") {
            fmt::print(stderr, "kiosk-devctl: {}: the hub knows no application with this token\n", what);
            return kExitFailed;
        }
        return refused(what, progress.error());
    }
    const auto& application = progress.value();
    if (args.json) {
        print_json(protocol::to_json(application));
        return 0;
    }
    fmt::print("{}  {}  submitted {}{}\n", application.application_number,
               protocol::to_string(application.status), application.submitted_at,
               application.package_id ? ", package " + *application.package_id : "");
    for (const auto& matter : application.matters) {
        std::string line = fmt::format("  {:<36} {:<18} {:<15} promised {}{}", matter.matter_id,
                                       matter.department_id, protocol::to_string(matter.state),
                                       matter.promised_date, matter.overdue ? " OVERDUE" : "");
        if (matter.decided_at)
            line += " decided " + *matter.decided_at;
        if (matter.certificate_id)
            line += " certificate " + *matter.certificate_id;
        if (matter.reason)
            line += " reason: " + *matter.reason;
        fmt::print("{}\n", line);
    }
    return 0;
}

int certificates_command(const HubArgs& args) {
    constexpr std::string_view what = "hub certificates";
    std::string id_number = id_number_of(args);
    if (id_number.empty())
        return usage(what, "--id-number is empty");
    int exit_code = 0;
    auto hub = hub_client(what, args, exit_code);
    if (!hub)
        return exit_code;
    auto found = hub->search_certificates(id_number);
    if (!found.ok())
        return refused(what, found.error());
    if (args.json) {
        print_json(protocol::to_json(protocol::CertificateList{found.value()}));
        return 0;
    }
    if (found.value().empty())
        fmt::print("no certificate ready for pickup\n");
    for (const auto& certificate : found.value())
        fmt::print("{}  {}  {}  issued {}  {}\n", certificate.certificate_id, certificate.application_number,
                   certificate.matter_id, certificate.issued_at, certificate.title);
    return 0;
}

int download_command(const HubArgs& args) {
    constexpr std::string_view what = "hub certificate-download";
    std::string id_number = id_number_of(args);
    if (id_number.empty())
        return usage(what, "--id-number is empty");
    int exit_code = 0;
    auto hub = hub_client(what, args, exit_code);
    if (!hub)
        return exit_code;
    auto granted = hub->request_print_grant(args.certificate_id, protocol::PrintGrantRequest{id_number, {}});
    if (!granted.ok())
        return refused(what, granted.error());
    if (!granted.value().refusal.empty()) {
        fmt::print(stderr, "kiosk-devctl: {}: {} (kiosk {}, {})\n", what, granted.value().refusal,
                   granted.value().held.kiosk_id, granted.value().held.at);
        return kExitFailed;
    }
    const std::string& grant = granted.value().grant.grant_id;
    auto pdf = hub->download_certificate(args.certificate_id, id_number, grant);
    auto released =
        hub->report_print_outcome(grant, {protocol::PrintOutcome::Failed, std::string("not-printed")});
    if (!released.ok())
        fmt::print(stderr, "kiosk-devctl: {}: the grant was not given back: {}\n", what,
                   released.error().describe());
    if (!pdf.ok())
        return refused(what, pdf.error());
    // Durable like every file the kiosk keeps: a certificate is accountable paper.
    if (auto written = outbox::write_file_durably(args.out_file, pdf.value()); !written.ok()) {
        fmt::print(stderr, "kiosk-devctl: {}: {}\n", what, written.error().describe());
        return kExitFailed;
    }
    fmt::print("{}: {} bytes\n", args.out_file, pdf.value().size());
    return 0;
}

} // namespace

void add_hub_commands(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<HubArgs>();
    auto* hub = app.add_subcommand("hub", "the kiosk-hub as this kiosk sees it: progress and certificates");
    hub->require_subcommand(1);
    auto add_config = [&](CLI::App* command) {
        command->add_option("--config", args->config, "the kiosk's config (JSON) with its hub section")
            ->required();
    };

    auto* status =
        hub->add_subcommand("status", "an application's progress per matter, by its receipt token");
    add_config(status);
    status->add_option("--token", args->token, "the receipt's query token, OW1-XXXX-XXXX-XXXX-XXXX")
        ->required();
    status->add_flag("--json", args->json, "print JSON (the hub's status answer)");
    status->callback([args, &exit_code] { exit_code = status_command(*args); });

    auto* certificates =
        hub->add_subcommand("certificates", "certificates ready for pickup for an ID number");
    add_config(certificates);
    certificates
        ->add_option("--id-number", args->id_number, "the citizen's ID number, or - to read it from stdin")
        ->required();
    certificates->add_flag("--json", args->json, "print JSON: {certificates: [...]}");
    certificates->callback([args, &exit_code] { exit_code = certificates_command(*args); });

    auto* download = hub->add_subcommand("certificate-download", "fetch a certificate's PDF");
    add_config(download);
    download->add_option("--id", args->certificate_id, "certificate id, C-…")->required();
    download
        ->add_option("--id-number", args->id_number, "the citizen's ID number, or - to read it from stdin")
        ->required();
    download->add_option("--out", args->out_file, "PDF file to write")->required();
    download->callback([args, &exit_code] { exit_code = download_command(*args); });
}

} // namespace kiosk::devctl
