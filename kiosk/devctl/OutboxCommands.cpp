// kiosk-devctl outbox list --config FILE [--limit N] [--json]   states, counts, the last errors; every
//                                                    application waiting for staff, then the latest
// kiosk-devctl outbox retry --config FILE ID         a refused or held application: send it again
// kiosk-devctl outbox discard --config FILE ID --reason TEXT
//                                                    a refused or held one: give it up, delete its data
// kiosk-devctl outbox reseal --config FILE          the kiosk id changed: rewrite it in every waiting
//                                                    application (they get 403 kiosk-mismatch otherwise)
// kiosk-devctl outbox send --config FILE [--seconds S]          one upload pass (the hub is back)
// kiosk-devctl outbox seal-sample --config FILE (--package ID | --matter ID…) --confirm-test-application
//                                                  TEST AND STAFF TOOL: seals a synthetic application,
//                                                  which the kiosk delivers to the hub and the
//                                                  departments' queues like a citizen's (hence the flag)
// FILE is the kiosk's config (core/base/Config.h): paths.database, outbox and hub, so these work on
// the very outbox the kiosk fills (services/outbox/README.md); WAL lets them run beside it.
// list prints ids, states, hub numbers, reasons and errors, never the sealed personal data nor the query
// token (it opens the citizen's progress: only the receipt carries it). retry and discard write an
// audit row each (services/outbox/Outbox.h "States"); the kiosk's uploader picks a retried
// application up at its next pass (within UploaderOptions::idle_poll).
// Exit codes: 0 done (send: nothing waits any more); 1 the outbox or the hub said no, or something
// still waits; 2 usage (a config that does not load, an unknown package or matter).

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/domain/Catalog.h"
#include "kiosk/devctl/DevCtl.h"
#include "services/outbox/DurableFile.h"
#include "services/outbox/Outbox.h"
#include "services/outbox/Uploader.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <unistd.h>

namespace kiosk::devctl {
namespace {

namespace fs = std::filesystem;

struct OutboxArgs {
    std::string config, package_id, application_id, reason;
    std::vector<std::string> matter_ids;
    int limit = 20;
    int seconds = 120;
    bool json = false;
    bool confirmed = false; // seal-sample: "yes, put a test application into this kiosk's outbox"
};

int fail(std::string_view what, const Error& error, int code = kExitFailed) {
    fmt::print(stderr, "kiosk-devctl: {}: {}\n", what, error.describe());
    return code;
}

// Loads the kiosk's config, opens the outbox it names and runs `action(config, outbox)`; a config that
// does not load is a usage error, an outbox that does not open a failure, both told here.
template <typename Action>
int with_outbox(const OutboxArgs& args, std::string_view what, Action action) {
    auto config = load_config(args.config);
    if (!config)
        return fail(what, config.error(), kExitUsage);
    SystemClock clock;
    auto opened = outbox::Outbox::open(config->paths.database, config->outbox, clock);
    if (!opened)
        return fail(what, opened.error());
    return action(config.value(), *opened.value());
}

// `outbox list --json`: {counts, applications}, the same fields the text lists.
void print_list_json(const outbox::OutboxCounts& n, const std::vector<outbox::OutboxApplication>& rows) {
    auto list = nlohmann::json::array();
    for (const auto& row : rows)
        list.push_back({{"application_id", row.application_id},
                        {"state", outbox::to_string(row.state)},
                        {"package_id", row.package_id},
                        {"matter_ids", row.matter_ids},
                        {"application_number", row.application_number},
                        {"reason", row.reason},
                        {"attempts", row.attempts},
                        {"last_error", row.last_error},
                        {"same_failures", row.same_failures},
                        {"next_attempt_ms", row.next_attempt_ms},
                        {"blobs", row.blobs.size()},
                        {"sealed_utc", row.sealed_utc},
                        {"updated_utc", row.updated_utc},
                        {"finished_utc", row.finished_utc}});
    nlohmann::json json = {{"counts",
                            {{"sealed", n.sealed},
                             {"uploading", n.uploading},
                             {"accepted", n.accepted},
                             {"rejected", n.rejected},
                             {"refused", n.refused},
                             {"held", n.held},
                             {"discarded", n.discarded}}},
                           {"applications", list}};
    fmt::print("{}\n", json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

int list(const OutboxArgs& args, std::string_view what, outbox::Outbox& box) {
    auto counts = box.counts();
    if (!counts)
        return fail(what, counts.error());
    auto staff = box.for_staff();
    if (!staff)
        return fail(what, staff.error());
    auto latest = box.recent(args.limit);
    if (!latest)
        return fail(what, latest.error());
    // Everything staff must act on, however old, then the latest of the rest.
    auto rows = staff.release_value();
    for (auto& row : latest.value())
        if (!outbox::waits_for_staff(row.state))
            rows.push_back(std::move(row));
    const auto& n = counts.value();
    if (args.json) {
        print_list_json(n, rows);
        return 0;
    }
    fmt::print(
        "queued {} (sealed {}, uploading {}), accepted {}, rejected {}, waiting for staff {} (refused {}, "
        "held {}), discarded {}\n",
        n.unfinished(), n.sealed, n.uploading, n.accepted, n.rejected, n.for_staff(), n.refused, n.held,
        n.discarded);
    for (const auto& row : rows) {
        std::string line = fmt::format(
            "{}  {:<9}  {}  {} matter(s)  sealed {}", row.application_id, outbox::to_string(row.state),
            row.package_id.empty() ? "-" : row.package_id, row.matter_ids.size(), row.sealed_utc);
        if (!row.application_number.empty())
            line += "  number " + row.application_number;
        if (row.attempts)
            line += fmt::format("  attempts {}", row.attempts);
        if (!row.reason.empty())
            line += "  reason: " + row.reason;
        else if (!row.last_error.empty() && row.state != outbox::ApplicationState::Accepted)
            line += "  last error: " + row.last_error;
        fmt::print("{}\n", line);
    }
    if (n.for_staff() > 0)
        fmt::print("staff: send one again with `outbox retry ID`, or give it up with `outbox discard ID "
                   "--reason TEXT`\n");
    return 0;
}

int list_command(const OutboxArgs& args) {
    constexpr std::string_view what = "outbox list";
    return with_outbox(args, what,
                       [&](const KioskOptions&, outbox::Outbox& box) { return list(args, what, box); });
}

// retry and discard: one staff action on one application, audited by the outbox.
int staff_command(const OutboxArgs& args, bool discard) {
    std::string_view what = discard ? "outbox discard" : "outbox retry";
    return with_outbox(args, what, [&](const KioskOptions&, outbox::Outbox& box) {
        auto done = discard ? box.discard(args.application_id, args.reason) : box.retry(args.application_id);
        if (!done)
            return fail(what, done.error(),
                        done.error().code == ErrorCode::InvalidArgument ? kExitUsage : kExitFailed);
        if (discard)
            fmt::print("discarded {}: its sealed data is deleted\n", args.application_id);
        else
            fmt::print("{} is sealed again: the kiosk sends it at its next pass (or run `outbox send`)\n",
                       args.application_id);
        return 0;
    });
}

// A staff command rather than something the kiosk does by itself at start-up: a kiosk id changes only
// when a kiosk is re-provisioned (with a new certificate), and an automatic rewrite would fire just as
// well on a typo in kiosk.json or a config copied from the kiosk next door, quietly moving every
// waiting application to another kiosk's name. Here a person says so, and the audit log records it.
int reseal_command(const OutboxArgs& args) {
    constexpr std::string_view what = "outbox reseal";
    return with_outbox(args, what, [&](const KioskOptions& config, outbox::Outbox& box) {
        auto resealed = box.reseal(config.kiosk_id);
        if (!resealed)
            return fail(what, resealed.error());
        fmt::print("resealed {} application(s) with kiosk id {}\n", resealed.value(), config.kiosk_id);
        return 0;
    });
}

// One pass of the kiosk's own Uploader (the blocking tool on the async path): it stops at the first
// answer that is not "sent", i.e. idle (nothing waits) or a back-off (the hub is still away).
int send_command(const OutboxArgs& args) {
    constexpr std::string_view what = "outbox send";
    auto config = load_config(args.config);
    if (!config)
        return fail(what, config.error(), kExitUsage);
    std::mutex mutex;
    std::vector<std::string> lines;
    int refused = 0;
    auto sink = [&](outbox::OutboxEvent event) {
        std::lock_guard lock(mutex);
        if (auto* delivered = std::get_if<outbox::ApplicationDelivered>(&event))
            lines.push_back(fmt::format("accepted {} {}{}", delivered->application_id,
                                        delivered->application_number, delivered->replay ? " (replay)" : ""));
        else if (auto* rejected = std::get_if<outbox::ApplicationRefused>(&event)) {
            lines.push_back(fmt::format("refused {} {} (kept for staff: outbox list)",
                                        rejected->application_id, rejected->reason));
            ++refused;
        }
    };
    SystemClock clock;
    outbox::Uploader uploader(config->paths.database, config->outbox, config->hub, clock, {}, sink);
    uploader.start();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(args.seconds);
    outbox::UploaderStatus status = uploader.status();
    using State = outbox::UploaderState;
    while (status.state == State::Starting || status.state == State::Sending) {
        if (std::chrono::steady_clock::now() > deadline)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        status = uploader.status();
    }
    {
        std::lock_guard lock(mutex);
        for (const auto& line : lines)
            fmt::print("{}\n", line);
    }
    fmt::print("outbox: {}, {} queued ({} blocked)\n", outbox::to_string(status.state), status.queued,
               status.blocked);
    if (!status.last_error.empty())
        fmt::print(stderr, "kiosk-devctl: {}: {}: {}\n", what, outbox::to_string(status.last_failure),
                   status.last_error);
    else if (status.state == State::NoHubConfigured)
        fmt::print(stderr, "kiosk-devctl: {}: {} configures no hub (hub.url)\n", what, args.config);
    else if (status.state == State::Starting || status.state == State::Sending)
        fmt::print(stderr, "kiosk-devctl: {}: still sending after {} s\n", what, args.seconds);
    bool all_sent = status.state == State::Idle && status.queued == 0;
    return all_sent && refused == 0 ? 0 : kExitFailed;
}

// A one-page PDF that says what it stands in for (departments open the materials they receive).
std::string sample_pdf(const std::string& material_id) {
    std::string text = "BT /F1 18 Tf 72 720 Td (OneWindow test material: " + material_id + ") Tj ET";
    constexpr const char* kPage = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                                  " /Resources << /Font << /F1 5 0 R >> >> >>";
    std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        kPage,
        fmt::format("<< /Length {} >>\nstream\n{}\nendstream", text.size(), text),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    std::string pdf = "%PDF-1.4\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += fmt::format("{} 0 obj\n{}\nendobj\n", i + 1, objects[i]);
    }
    size_t xref = pdf.size();
    pdf += fmt::format("xref\n0 {}\n0000000000 65535 f \n", objects.size() + 1);
    for (size_t offset : offsets)
        pdf += fmt::format("{:010} 00000 n \n", offset);
    pdf +=
        fmt::format("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n", objects.size() + 1, xref);
    return pdf;
}

// A value for every form field of the matters, of the field's type; identity fields from `applicant`.
std::string sample_value(const domain::FormField& field, const domain::Identity& applicant) {
    if (field.source == domain::FieldSource::IdCard)
        return field.source_key == "name"        ? applicant.name
               : field.source_key == "id_number" ? applicant.id_number
                                                 : "测试数据";
    switch (field.type) {
    case domain::FieldType::Date:
        return "2026-11-20";
    case domain::FieldType::Phone:
        return "13800138000";
    case domain::FieldType::Number:
        return "1";
    case domain::FieldType::Choice:
        return field.choices.empty() ? "测试" : field.choices.front().zh;
    case domain::FieldType::Text:
        break;
    }
    return "测试";
}

// Synthetic only: GB 11643's own example ID number and a made-up name, so the real hub accepts it and
// nobody's data ever lands in a test outbox.
int seal_sample_command(const OutboxArgs& args) {
    constexpr std::string_view what = "outbox seal-sample";
    if (!args.confirmed)
        return fail(what,
                    make_error(ErrorCode::InvalidArgument,
                               "the synthetic application goes to the hub and into the departments' queues "
                               "like a citizen's; say --confirm-test-application to seal it"),
                    kExitUsage);
    auto config = load_config(args.config);
    if (!config)
        return fail(what, config.error(), kExitUsage);
    auto catalog = domain::load_catalog(config->paths.catalog);
    if (!catalog)
        return fail(what, catalog.error(), kExitUsage);
    outbox::ApplicationPackage package;
    package.matter_ids = args.matter_ids;
    if (!args.package_id.empty()) {
        const auto* found = catalog->find_package(args.package_id);
        if (!found)
            return fail(what, make_error(ErrorCode::NotFound, "no package " + args.package_id), kExitUsage);
        package.package_id = args.package_id;
        if (package.matter_ids.empty())
            package.matter_ids = found->matter_ids;
    }
    if (package.matter_ids.empty())
        return fail(what, make_error(ErrorCode::InvalidArgument, "give --package or --matter"), kExitUsage);
    package.kiosk_id = config->kiosk_id;
    package.catalog_version = catalog->version();
    package.applicant.document_type = domain::DocumentType::ResidentId;
    package.applicant.name = "测试申请人";
    package.applicant.id_number = "11010519491231002X";
    package.consent_version = "consent-v1";
    SystemClock clock;
    package.consent_accepted_at = package.submitted_at = clock.wall_now();

    std::error_code ignored;
    auto scans = fs::temp_directory_path() / fmt::format("devctl-seal-sample-{}", ::getpid());
    fs::create_directories(scans, ignored);
    for (const auto& matter_id : package.matter_ids) {
        const auto* matter = catalog->find_matter(matter_id);
        if (!matter) {
            fs::remove_all(scans, ignored);
            return fail(what, make_error(ErrorCode::NotFound, "no matter " + matter_id), kExitUsage);
        }
        for (const auto& field : matter->fields)
            package.form.emplace(field.id, sample_value(field, package.applicant));
        for (const auto& needed : matter->materials) {
            // The ID card is read by the reader, not scanned (the scan scene skips it too).
            bool have = std::any_of(package.materials.begin(), package.materials.end(),
                                    [&](const auto& m) { return m.material_id == needed.material_id; });
            if (needed.material_id == "resident_id" || have)
                continue;
            auto file = scans / (needed.material_id + ".pdf");
            if (auto written = outbox::write_file_durably(file, sample_pdf(needed.material_id)); !written) {
                fs::remove_all(scans, ignored);
                return fail(what, written.error());
            }
            package.materials.push_back({needed.material_id, file, 1});
        }
    }
    auto sealed = [&]() -> Result<outbox::SealedApplication> {
        auto opened = TRY(outbox::Outbox::open(config->paths.database, config->outbox, clock));
        return opened->seal(package);
    }();
    fs::remove_all(scans, ignored);
    if (!sealed)
        return fail(what, sealed.error());
    // The token is printed because this application is synthetic: tests follow it with `hub status`.
    fmt::print("sealed {} {}\n", sealed->application_id, sealed->query_token);
    return 0;
}

} // namespace

void add_outbox_commands(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<OutboxArgs>();
    auto* box = app.add_subcommand("outbox", "the kiosk's outbox of sealed applications");
    box->require_subcommand(1);
    auto add_config = [&](CLI::App* command) {
        command->add_option("--config", args->config, "the kiosk's config (JSON)")->required();
    };

    auto* list =
        box->add_subcommand("list", "counts per state and the latest applications (no personal data)");
    add_config(list);
    list->add_option("--limit", args->limit, "how many applications, newest first")
        ->check(CLI::Range(1, 10000));
    list->add_flag("--json", args->json, "print JSON: {counts, applications}");
    list->callback([args, &exit_code] { exit_code = list_command(*args); });

    auto* retry = box->add_subcommand(
        "retry", "send a refused or held application again (after its cause is fixed); audited");
    add_config(retry);
    retry->add_option("application_id", args->application_id, "the application (kiosk-devctl outbox list)")
        ->required();
    retry->callback([args, &exit_code] { exit_code = staff_command(*args, false); });

    auto* discard = box->add_subcommand(
        "discard", "give up a refused or held application: its sealed data is deleted; audited");
    add_config(discard);
    discard->add_option("application_id", args->application_id, "the application (kiosk-devctl outbox list)")
        ->required();
    discard->add_option("--reason", args->reason, "why (one line, no personal data): goes into the audit log")
        ->required();
    discard->callback([args, &exit_code] { exit_code = staff_command(*args, true); });

    auto* reseal = box->add_subcommand(
        "reseal", "after a kiosk id change: rewrite kiosk_id in every waiting application; audited");
    add_config(reseal);
    reseal->callback([args, &exit_code] { exit_code = reseal_command(*args); });

    auto* send = box->add_subcommand("send", "one upload pass now, e.g. when the hub is back");
    add_config(send);
    send->add_option("--seconds", args->seconds, "give up after this long")->check(CLI::Range(1, 3600));
    send->callback([args, &exit_code] { exit_code = send_command(*args); });

    auto* seal = box->add_subcommand("seal-sample",
                                     "TEST/STAFF TOOL: seal a synthetic application (example ID number, "
                                     "generated materials) to try the hub link");
    add_config(seal);
    seal->add_option("--package", args->package_id, "one-thing package id (all its matters by default)");
    seal->add_option("--matter", args->matter_ids, "matter id (repeat; a subset of the package)");
    seal->add_flag("--confirm-test-application", args->confirmed,
                   "yes: the hub and the departments will receive this test application");
    seal->callback([args, &exit_code] { exit_code = seal_sample_command(*args); });
}

} // namespace kiosk::devctl
