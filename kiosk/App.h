#pragma once
// The kiosk application: the only place that picks device backends and wires base, domain, drivers,
// services and UI together. main() parses the command line; App does the rest.

#include "core/base/Config.h"
#include "core/base/Result.h"
#include "services/Events.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::app {

struct AppOptions {
    std::string config_path;          // empty: built-in defaults with the repository's data folder
    std::optional<Language> language; // overrides the config's default
    bool portrait = false;            // 1080x1920
    bool demo = false;                // simulator keys on screen
    bool trace_scenes = false;        // print "scene NAME" lines on stdout (for e2e tests)
    bool fullscreen = false;
    std::string fixed_clock;     // "YYYY-MM-DDTHH:MM": the clock stands still there (screenshots)
    std::string identity_sample; // "0".."2": start with a sample card already read (screenshots)
    std::string out_of_service;  // start out of service with this reason
    // Screenshots of the staff screens only (offscreen): a demo member of this role ("duty", "hall-it",
    // "engineer") is signed in without a PIN. Ignored with a window.
    std::string screenshot_staff_role;
    // With it: the tests tab shows this image as the scan test's page (the file is only read).
    std::string screenshot_test_scan;
    // With it: the config tab shows the config slots this state.json describes (the file is only read).
    std::string screenshot_config_slots;
    int exit_after_ms = 0; // quit after this long (0: run until closed)
    bool exit_after_first_frame = false;
    int bench_frames = 0; // render this many frames per scene and print timings
    // Demo with the real ID-card driver: F1/F2/F6 write "place N"/"remove"/"unplug" to this FIFO, the
    // idcard-emulator's stdin (scripts/demo). Empty: the keys drive the in-process simulator.
    std::string idcard_control;
    // Demo with the printers on the printing rig (scripts/print-rig): F5 runs its paper-out / refill
    // fault on the receipt queue. Empty: F5 empties the simulated receipt printer.
    std::string print_rig;
    // Demo: the folder of page images (scripts/demo-documents) F7 puts on the simulated scanner's glass
    // in turn. Empty: the simulated scanner scans blank sheets.
    std::string demo_documents;
    // A content folder (kiosk/content/Content.h) to serve from instead of the config's own paths:
    // a bundle's payload checked offscreen before install (--check-content).
    std::string content_dir;
};

// What App::check_scenes found: every scene drawn in both languages, and the translation keys the
// screens asked for that the content's table does not have.
struct SceneCheck {
    int drawn = 0;
    std::vector<std::string> missing_keys;
    std::vector<std::string> failures; // a scene that could not be shown, with why
};

struct ScreenshotRequest {
    std::string path;  // PNG file to write
    std::string scene; // scene name from the flow table
    std::string argument;
    std::vector<services::AppEvent> events; // delivered once the scene shows, as devices would
    int wait_s = 0;             // then the (fixed) clock moves on this many seconds before the frame is taken
    bool force_reasons = false; // the reason chooser of "interrupt now" open over the scene
};

class App {
public:
    static Result<std::unique_ptr<App>> create(const AppOptions& options, bool offscreen);
    ~App();
    // Offscreen only: every scene of the flow table, and the checklist, form and confirm scenes of
    // every catalog item, drawn once in each language.
    SceneCheck check_scenes();

    int run();
    // run() returned because newly installed content is to be served (between citizens): the caller
    // destroys the App and starts the program again (kiosk/main.cpp).
    bool reload_requested() const;
    Result<void> screenshot(const ScreenshotRequest& request);

    struct Impl;

private:
    explicit App(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// The repository's data folder, found next to the executable's build tree or installed share dir.
std::string default_config_path();

} // namespace kiosk::app
