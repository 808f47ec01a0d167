// outbox-soak-tool: drives the kiosk's outbox from the command line for scripts/outbox-soak, which
// kills it with SIGKILL at random moments and then checks that nothing the citizen was told about is
// lost or duplicated at the hub.
//
//   outbox-soak-tool seal   --db D --outbox DIR --key K [--count N]   prints "told <id>" once each
//                                                                       seal() has returned
//   outbox-soak-tool upload --db D --outbox DIR --key K --hub URL --ca CA --cert PEM --client-key PEM
//                           [--seconds S]   runs the uploader until nothing waits (exit 0) or S s pass (1)
//   outbox-soak-tool list   --db D          "<application_id> <state> <number>" per outbox row
//   outbox-soak-tool bench  --db D --outbox DIR --key K [--count N]   seal() latency p50/p99/max
//                           (the "outbox commit latency"; fsyncs included, so run it on the
//                           kiosk's own storage to mean anything)
//
// Packages are the sample catalog's "newborn" package with two ~64 KB random materials each, and the
// standard example resident ID number (GB 11643's own example), so the real hub accepts them.

#include "core/base/Clock.h"
#include "core/base/Log.h"
#include "core/store/Database.h"
#include "services/outbox/Outbox.h"
#include "services/outbox/Uploader.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sodium.h>
#include <thread>

namespace {

using namespace kiosk;
using namespace kiosk::outbox;

ApplicationPackage soak_package(const std::filesystem::path& scans, const Clock& clock) {
    std::filesystem::create_directories(scans);
    ApplicationPackage package;
    package.kiosk_id = "dev-kiosk-01";
    package.catalog_version = "2026.11-sample-1";
    package.package_id = "newborn";
    package.matter_ids = {"birth_certificate_registration", "newborn_household_registration"};
    package.applicant.document_type = domain::DocumentType::ResidentId;
    package.applicant.name = "测试申请人";
    package.applicant.id_number = "11010519491231002X";
    package.form = {{"child_name", "测试宝宝"}};
    package.consent_version = "consent-v1";
    package.consent_accepted_at = clock.wall_now();
    package.submitted_at = clock.wall_now();
    for (const char* material : {"birth_medical_certificate", "household_register"}) {
        std::string bytes = "%PDF-1.4\n" + std::string(size_t(64) * 1024, '\0');
        randombytes_buf(bytes.data() + 9, bytes.size() - 9);
        auto file = scans / (std::string(material) + ".pdf");
        std::ofstream(file, std::ios::binary) << bytes;
        package.materials.push_back({material, file, 1});
    }
    return package;
}

int seal(const std::string& database, const OutboxOptions& options, int count) {
    SystemClock clock;
    auto outbox = Outbox::open(database, options, clock);
    if (!outbox) {
        std::fprintf(stderr, "open: %s\n", outbox.error().describe().c_str());
        return 1;
    }
    auto scans = std::filesystem::path(options.dir).parent_path() / "scans";
    for (int i = 0; i < count; ++i) {
        auto sealed = outbox.value()->seal(soak_package(scans, clock));
        if (!sealed) {
            std::fprintf(stderr, "seal: %s\n", sealed.error().describe().c_str());
            return 1;
        }
        // Only now would the kiosk say "submitted": the soak's record of what a citizen was told.
        std::printf("told %s\n", sealed.value().application_id.c_str());
        std::fflush(stdout);
    }
    return 0;
}

int upload(const std::string& database, const OutboxOptions& options, const HubOptions& hub, int seconds) {
    SystemClock clock;
    UploaderOptions uploader_options;
    uploader_options.backoff = BackoffOptions{Millis(50), Millis(1000), 0.2};
    uploader_options.application_backoff = BackoffOptions{Millis(50), Millis(1000), 0.2};
    Uploader uploader(database, options, hub, clock, uploader_options);
    uploader.start();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        auto status = uploader.status();
        if (status.state == UploaderState::Idle && status.queued == 0)
            return 0;
        if (status.state == UploaderState::OutboxUnavailable ||
            status.state == UploaderState::NoHubConfigured) {
            std::fprintf(stderr, "upload: %s: %s\n", to_string(status.state), status.last_error.c_str());
            return 1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    auto status = uploader.status();
    std::fprintf(stderr, "upload: still %d queued (%d blocked) after %d s: %s\n", status.queued,
                 status.blocked, seconds, status.last_error.c_str());
    return 1;
}

int bench(const std::string& database, const OutboxOptions& options, int count) {
    SystemClock clock;
    auto outbox = Outbox::open(database, options, clock);
    if (!outbox) {
        std::fprintf(stderr, "open: %s\n", outbox.error().describe().c_str());
        return 1;
    }
    auto scans = std::filesystem::path(options.dir).parent_path() / "scans";
    std::vector<double> millis;
    for (int i = 0; i < count; ++i) {
        auto package = soak_package(scans, clock); // fresh random materials: every blob is written
        auto start = std::chrono::steady_clock::now();
        auto sealed = outbox.value()->seal(package);
        millis.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        if (!sealed) {
            std::fprintf(stderr, "seal: %s\n", sealed.error().describe().c_str());
            return 1;
        }
    }
    std::sort(millis.begin(), millis.end());
    auto at = [&](double q) {
        return millis[std::min(millis.size() - 1, static_cast<size_t>(q * millis.size()))];
    };
    std::printf("seal (2 materials of 64 KiB, %d applications): p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
                count, at(0.5), at(0.99), millis.back());
    return 0;
}

int list(const std::string& database) {
    auto opened = store::Database::open(database);
    if (!opened) {
        std::fprintf(stderr, "list: %s\n", opened.error().describe().c_str());
        return 1;
    }
    auto rows = opened.value()->prepare(
        "SELECT application_id, state, application_number FROM outbox_applications ORDER BY rowid");
    if (!rows)
        return 1;
    while (rows.value().step().value_or(false))
        std::printf("%s %s %s\n", rows.value().column_text(0).c_str(), rows.value().column_text(1).c_str(),
                    rows.value().column_text(2).c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"drives the kiosk outbox for scripts/outbox-soak"};
    app.require_subcommand(1);
    std::string database;
    OutboxOptions options;
    HubOptions hub;
    int count = 1, seconds = 60;
    auto add_outbox = [&](CLI::App* command) {
        command->add_option("--db", database, "kiosk database")->required();
        command->add_option("--outbox", options.dir, "outbox folder")->required();
        command->add_option("--key", options.key_file, "outbox key file")->required();
    };
    auto* seal_command = app.add_subcommand("seal", "seal applications, printing 'told <id>' for each");
    add_outbox(seal_command);
    seal_command->add_option("--count", count, "how many");
    auto* upload_command = app.add_subcommand("upload", "upload until nothing waits");
    add_outbox(upload_command);
    upload_command->add_option("--hub", hub.url)->required();
    upload_command->add_option("--ca", hub.ca_file)->required();
    upload_command->add_option("--cert", hub.cert_file)->required();
    upload_command->add_option("--client-key", hub.key_file)->required();
    upload_command->add_option("--seconds", seconds, "give up after");
    auto* bench_command = app.add_subcommand("bench", "seal latency");
    add_outbox(bench_command);
    bench_command->add_option("--count", count, "how many");
    auto* list_command = app.add_subcommand("list", "outbox rows");
    list_command->add_option("--db", database, "kiosk database")->required();
    CLI11_PARSE(app, argc, argv);

    log::init(log::Level::Warn);
    if (sodium_init() < 0)
        return 1;
    if (seal_command->parsed())
        return seal(database, options, count);
    if (upload_command->parsed())
        return upload(database, options, hub, seconds);
    if (bench_command->parsed())
        return bench(database, options, count);
    return list(database);
}
