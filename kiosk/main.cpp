// kiosk: the self-service kiosk application (SDL2 touch UI, citizen flow, devices, local store).
//   kiosk [--config FILE] [--demo] [--lang en] [--portrait]
//   kiosk --screenshot FILE.png --scene NAME [--arg ARG] [--lang en] [--portrait]   (offscreen, then exit)
//         [--card-event unreadable|invalid|removed]   (what the ID-card reader reports, once it shows)
//         [--wait-s N]   (then N seconds pass: a warning that comes after a while)

#include "core/base/Log.h"
#include "drivers/idcard/SimIdCardReader.h"
#include "kiosk/App.h"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace {

// The reader's reports a screenshot can show: the notices they raise over the scene.
std::vector<kiosk::services::AppEvent> card_events(const std::string& name) {
    using namespace kiosk;
    if (name == "unreadable")
        return {services::CardReadFailed{make_error(ErrorCode::Device, "screenshot: read failed")}};
    if (name == "invalid")
        return {
            services::CardReadFailed{make_error(ErrorCode::InvalidData, "screenshot: card text rejected")}};
    if (name == "removed") // taken back mid-session, after identifying the citizen
        return {services::CardRead{drivers::SimIdCardReader::sample_identity(2)}, services::CardRemoved{}};
    return {};
}

} // namespace

int main(int argc, char** argv) {
    CLI::App cli{"OneWindow self-service kiosk"};
    kiosk::app::AppOptions options;
    kiosk::app::ScreenshotRequest shot;
    std::string language;
    std::string card_event;
    cli.add_option("--config", options.config_path,
                   "kiosk.json (default: the repository's data/config/kiosk.json)");
    cli.add_option("--lang", language, "start in this language: zh-CN or en");
    cli.add_flag("--portrait", options.portrait, "1080x1920 portrait cabinet");
    cli.add_flag("--demo", options.demo, "show the simulator keys (F1 card, F3 QR, ...)");
    cli.add_flag("--fullscreen", options.fullscreen, "fill the display");
    cli.add_flag("--trace-scenes", options.trace_scenes, "print 'scene NAME' on stdout at each scene change");
    cli.add_option("--clock", options.fixed_clock, "stop the clock at YYYY-MM-DDTHH:MM (screenshots)");
    cli.add_option("--identity-sample", options.identity_sample,
                   "start with sample card N already read (0-2)");
    cli.add_option("--out-of-service", options.out_of_service, "start out of service with this reason");
    cli.add_option("--staff-role", options.screenshot_staff_role,
                   "for --screenshot of the staff screens: a demo staff member of this role is signed in")
        ->check(CLI::IsMember({"duty", "hall-it", "engineer"}));
    cli.add_option(
        "--staff-test-scan", options.screenshot_test_scan,
        "for --screenshot with --staff-role: the tests tab shows this image as the scan test's page");
    cli.add_option("--staff-config-slots", options.screenshot_config_slots,
                   "for --screenshot with --staff-role engineer: the config tab shows the slots this config "
                   "slots state file describes");
    cli.add_option("--exit-after-ms", options.exit_after_ms, "quit after this many milliseconds");
    cli.add_flag("--exit-after-first-frame", options.exit_after_first_frame,
                 "print first_frame_ms and peak_rss_kb after the first frame, then quit");
    cli.add_option("--idcard-control", options.idcard_control,
                   "demo: F1/F2/F6 drive the ID-card reader emulator through this FIFO (scripts/demo)");
    cli.add_option(
        "--print-rig", options.print_rig,
        "demo: the printing rig folder (scripts/print-rig) whose receipt queue F5 empties and refills");
    cli.add_option(
        "--demo-documents", options.demo_documents,
        "demo: F7 puts these page images (scripts/demo-documents) on the simulated scanner in turn");
    cli.add_option("--bench-frames", options.bench_frames, "render N frames per scene and print timings");
    std::string check_content;
    cli.add_option("--check-content", check_content,
                   "draw every scene offscreen in both languages with this content folder's catalog, strings "
                   "and templates (a bundle's, before it is installed); exit 1 naming what is missing");
    cli.add_option("--screenshot", shot.path, "render one scene offscreen to this PNG and exit");
    cli.add_option("--scene", shot.scene,
                   "scene for --screenshot: a name from the flow table (attract, language, home, identify, "
                   "catalog, checklist, scan, form, confirm, progress, certificates, problem, staff-sign-in, "
                   "maintenance, out-of-service)");
    cli.add_option("--arg", shot.argument,
                   "scene argument as text, e.g. passport, matters, package:newborn, card-left-on-reader, "
                   "devices/tests/consumables/outbox/service/about (maintenance) "
                   "(scan, form and confirm: the catalog item the case holds)");
    cli.add_option("--card-event", card_event, "for --screenshot: then the ID-card reader reports this")
        ->check(CLI::IsMember({"unreadable", "invalid", "removed"}));
    cli.add_option("--wait-s", shot.wait_s, "for --screenshot: then this many seconds pass before the frame")
        ->check(CLI::Range(0, 3600));
    cli.add_flag("--force-reasons", shot.force_reasons,
                 "for --screenshot: the reason chooser of \"interrupt now\" (hall IT) open over the scene");
    CLI11_PARSE(cli, argc, argv);

    kiosk::log::init();
    if (!language.empty()) {
        kiosk::Language parsed;
        if (!kiosk::parse_language_tag(language, parsed)) {
            std::fprintf(stderr, "kiosk: --lang must be zh-CN or en\n");
            return 2;
        }
        options.language = parsed;
    }
    options.content_dir = check_content;
    bool offscreen = !shot.path.empty() || !check_content.empty();
    if (!shot.path.empty() && shot.scene.empty()) {
        std::fprintf(stderr, "kiosk: --screenshot needs --scene NAME\n");
        return 2;
    }
    shot.events = card_events(card_event);
    if (offscreen && options.fixed_clock.empty())
        options.fixed_clock = "2026-11-25T09:30"; // screenshots are reproducible

    auto app = kiosk::app::App::create(options, offscreen);
    if (!app.ok()) {
        std::fprintf(stderr, "kiosk: %s\n", app.error().describe().c_str());
        return 1;
    }
    if (!check_content.empty()) {
        auto started = std::chrono::steady_clock::now();
        auto check = app.value()->check_scenes();
        for (const auto& failure : check.failures)
            std::fprintf(stderr, "kiosk: %s\n", failure.c_str());
        for (const auto& key : check.missing_keys)
            std::fprintf(stderr, "kiosk: %s: the screens ask for '%s', which the strings do not have\n",
                         check_content.c_str(), key.c_str());
        std::printf(
            "scenes_drawn %d\ncheck_ms %.0f\n", check.drawn,
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
        return check.failures.empty() && check.missing_keys.empty() ? 0 : 1;
    }
    if (offscreen) {
        auto written = app.value()->screenshot(shot);
        if (!written.ok()) {
            std::fprintf(stderr, "kiosk: %s\n", written.error().describe().c_str());
            return 1;
        }
        return 0;
    }
    auto kiosk_app = app.release_value();
    int code = kiosk_app->run();
    if (!kiosk_app->reload_requested())
        return code;
    // Everything closed in order — devices, workers (a seal in flight finishes), the store, the window —
    // then the same program again with the same arguments, in this process: the service manager sees
    // no exit. Should that fail, an exit it restarts the kiosk on.
    kiosk_app.reset();
    kiosk::log::info("content reload: closed, starting again");
    ::execv("/proc/self/exe", argv);
    std::fprintf(stderr, "kiosk: content reload: exec /proc/self/exe: %s\n", std::strerror(errno));
    return 75; // EX_TEMPFAIL
}
