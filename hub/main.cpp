// kiosk-hub: the reference common platform (docs/Architecture.md "Processes"). Serves the kiosk ⇄ hub
// contract (docs/specs/hub-contract.md) over HTTPS with mutual TLS until SIGTERM or SIGINT, then
// finishes the requests in flight and exits.

#include "core/base/Log.h"
#include "core/base/SecretFile.h"
#include "hub/DataFolder.h"
#include "hub/HubServer.h"
#include "hub/HubService.h"
#include "hub/SqliteHubStore.h"

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <pthread.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace {

constexpr int kExitError = 1;
constexpr int kExitUsage = 2;

int fail(const kiosk::Error& error) {
    std::fprintf(stderr, "kiosk-hub: %s\n", error.describe().c_str());
    return kExitError;
}

} // namespace

int main(int argc, char** argv) {
    using namespace kiosk;
    // Everything the hub creates holds personal data: its user's alone, whatever umask it was started
    // with (hub/DataFolder.h). Files it writes itself also get explicit modes.
    ::umask(0077);
    CLI::App app{"kiosk-hub: accepts applications from kiosks and fans them out to departments"};
    hub::ServerOptions server_options;
    hub::HubOptions hub_options;
    std::string catalog_path = "data/catalog/sample-catalog.json";
    std::string templates_dir = "data/templates";
    std::string holidays_path;
    bool verbose = false;
    app.add_option("--listen", server_options.listen, "address to listen on")->capture_default_str();
    app.add_option("--port", server_options.port, "port; 0 picks a free one and prints it")
        ->capture_default_str();
    app.add_option("--data", hub_options.data_dir, "data folder: hub.sqlite, blobs, certificates")
        ->required();
    app.add_option("--catalog", catalog_path, "service catalog (JSON)")->capture_default_str();
    app.add_option("--templates", templates_dir, "print templates folder (certificates)")
        ->capture_default_str();
    app.add_option("--cert", server_options.cert_file, "the hub's TLS certificate (PEM)")->required();
    app.add_option("--key", server_options.key_file, "its private key (PEM)")->required();
    app.add_option("--client-ca", server_options.client_ca_file, "the hall CA for client certificates")
        ->required();
    app.add_option("--holidays", holidays_path, "holidays file: one YYYY-MM-DD per line");
    app.add_option("--max-blob-bytes", hub_options.max_blob_bytes, "largest material in bytes")
        ->capture_default_str();
    app.add_option("--number-prefix", hub_options.number_prefix, "application number prefix")
        ->capture_default_str();
    auto& limits = server_options.limits;
    int handshake_seconds = static_cast<int>(limits.handshake_timeout.count() / 1000);
    int request_seconds = static_cast<int>(limits.request_timeout.count() / 1000);
    app.add_option("--handshake-timeout", handshake_seconds, "s from connect to a finished TLS handshake")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    app.add_option("--request-timeout", request_seconds, "s for one request's header and body")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    app.add_option("--max-connections", limits.max_connections, "connections open at once")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    app.add_flag("--verbose", verbose, "debug logging");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        int code = app.exit(error);
        return code == 0 ? 0 : kExitUsage;
    }
    log::init(verbose ? log::Level::Debug : log::Level::Info);
    limits.handshake_timeout = std::chrono::seconds(handshake_seconds);
    limits.request_timeout = std::chrono::seconds(request_seconds);

    // Signals are taken by one thread with sigwait(), blocked everywhere else (the server's threads
    // inherit the mask), so stopping is an ordinary call and not work inside a signal handler.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    // A typo in a certificate path is found before anything is created in the data folder.
    for (const auto* file :
         {&server_options.cert_file, &server_options.key_file, &server_options.client_ca_file}) {
        if (::access(file->c_str(), R_OK) != 0)
            return fail(make_error(ErrorCode::NotFound, "cannot read " + *file));
    }
    // The TLS key is a secret like id-number.key: the hub's user's alone (core/base/SecretFile.h).
    if (auto checked = check_secret_file(server_options.key_file); !checked.ok())
        return fail(checked.error());
    if (auto secured = hub::secure_data_folder(hub_options.data_dir); !secured.ok())
        return fail(secured.error());
    auto catalog = domain::load_catalog(catalog_path);
    if (!catalog.ok())
        return fail(catalog.error());
    auto templates = print::TemplateSet::load(templates_dir);
    if (!templates.ok())
        return fail(templates.error());
    hub::WorkingDays working_days;
    if (!holidays_path.empty()) {
        auto loaded = hub::WorkingDays::load(holidays_path);
        if (!loaded.ok())
            return fail(loaded.error());
        working_days = loaded.release_value();
    }
    SystemClock clock;
    auto store = hub::SqliteHubStore::open(hub_options.data_dir + "/hub.sqlite", clock);
    if (!store.ok())
        return fail(store.error());
    auto service = hub::HubService::create(hub_options, *store.value(), catalog.release_value(),
                                           templates.release_value(), std::move(working_days), clock);
    if (!service.ok())
        return fail(service.error());
    auto server = hub::HubServer::create(server_options, *service.value());
    if (!server.ok())
        return fail(server.error());
    if (auto bound = server.value()->bind(); !bound.ok())
        return fail(bound.error());
    std::printf("listening on https://%s:%d\n", server_options.listen.c_str(), server.value()->port());
    std::fflush(stdout);
    log::info("kiosk-hub: listening on {}:{}", server_options.listen, server.value()->port());

    std::thread stopper([&] {
        int signal_number = 0;
        sigwait(&stop_signals, &signal_number);
        log::info("kiosk-hub: signal {}, stopping", signal_number);
        server.value()->stop();
    });
    auto served = server.value()->run();
    // run() may also end without a signal (an error); wake the stopper so it can be joined.
    // NOLINTNEXTLINE(bugprone-bad-signal-to-kill-thread): the stopper waits in sigwait(); this wakes it
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
    if (!served.ok())
        return fail(served.error());
    log::info("kiosk-hub: stopped");
    return 0;
}
