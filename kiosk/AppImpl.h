#pragma once
// The kiosk program's insides, shared by the files that build and run it: Composition.cpp (reads the
// config and wires every service, device and scene — the only place that picks backends), Window.cpp
// (SDL window, input, drawing), App.cpp (the main loop), ContentApply.cpp (a bundle's health check and
// its reload between citizens) and DevTools.cpp (screenshots, the frame benchmark). Private to kiosk.

#include "kiosk/App.h"

#include "core/base/Log.h"
#include "core/base/Worker.h"
#include "core/documents/RenderPdf.h"
#include "core/documents/TemplateSet.h"
#include "core/domain/Catalog.h"
#include "core/store/AuditLog.h"
#include "core/store/Counters.h"
#include "core/store/Database.h"
#include "core/store/PrintLedger.h"
#include "drivers/qr/WedgeQrScanner.h"
#include "kiosk/DemoKeys.h"
#include "kiosk/DeviceBackends.h"
#include "kiosk/ProcessStats.h"
#include "kiosk/StaffDeskImpl.h"
#include "services/DeviceHub.h"
#include "services/PrintService.h"
#include "services/case/CaseDrafts.h"
#include "services/case/CitizenCase.h"
#include "services/hubquery/HubQueries.h"
#include "services/intake/MaterialIntake.h"
#include "services/slots/ConfigSlots.h"
#include "services/staff/consumables/Consumables.h"
#include "services/staff/mode/ServiceStateWatch.h"
#include "services/submit/Submissions.h"
#include "ui/scenes/CitizenFlow.h"
#include "ui/scenes/PinyinCandidates.h"
#include "ui/scenes/SceneManager.h"
#include "ui/toolkit/Fonts.h"
#include "ui/toolkit/Painter.h"
#include "ui/toolkit/Translator.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <SDL2/SDL_ttf.h>
#include <algorithm>
#include <array>
#include <filesystem>
#include <unistd.h>

namespace kiosk::app {

struct App::Impl {
    AppOptions app_options;
    KioskOptions options;
    std::unique_ptr<Clock> clock;
    std::optional<ui::Translator> tr;
    domain::Catalog catalog;
    std::string out_of_service_reason;

    Worker store_worker{"store"};
    std::unique_ptr<store::Database> database; // used only on store_worker
    std::unique_ptr<store::AuditLog> audit;

    Simulators sims;
    std::unique_ptr<drivers::IdCardReader> real_idcard; // when the config names a real reader
    drivers::IdCardReader* idcard = &sims.idcard;
    std::unique_ptr<drivers::Printer> real_receipt_printer, real_a4_printer; // "cups" in the config
    drivers::Printer* receipt_printer = &sims.receipt_printer;
    drivers::Printer* a4_printer = &sims.a4_printer;
    std::unique_ptr<drivers::Scanner> real_scanner; // "sane" in the config
    drivers::Scanner* scanner = &sims.scanner;
    std::unique_ptr<drivers::QrScanner> real_qr; // "serial" or "wedge" in the config
    drivers::QrScanner* qr = &sims.qr;
    drivers::WedgeQrScanner* wedge = nullptr; // fed the window's key input when the scanner is a wedge
    services::AppEventQueue queue;
    std::unique_ptr<services::DeviceHub> devices;
    // The visit's draft, encrypted on disk, so a restart mid-visit can offer the citizen to continue.
    std::unique_ptr<services::CaseDrafts> drafts;
    std::unique_ptr<services::CitizenCase> citizen; // the visit: identity, item, materials, form, application
    // Printing lives on the UI thread, with its own connection to the store for the print ledger.
    std::optional<print::TemplateSet> templates;
    // Installed config bundles (services/slots), when the config names a folder for them; which one
    // the content came from, and whether it is a new bundle its health check has yet to confirm.
    std::unique_ptr<slots::ConfigSlots> config_slots;
    slots::ActiveSlot content_slot = slots::ActiveSlot::Factory;
    bool content_on_trial = false;
    // After the first frame, on a slot on trial (ContentApply.cpp): when the check began and which
    // devices (by DeviceKind) have reported since the start.
    struct HealthCheck {
        bool pending = false;
        SteadyTime since{};
        std::array<bool, 5> heard{};
    } health;
    // What `current` named when the content was chosen (slots::current_stamp); "" when not watched.
    // Another value later: a bundle was installed or rolled back, to be served from the next idle moment.
    std::string content_stamp;
    SteadyTime next_content_look{};
    bool content_changed = false;
    bool reload_requested = false;                    // run() returned to be started again on the new content
    std::vector<std::string> content_removed_matters; // its content.json's, for the health check
    std::unique_ptr<store::Database> ledger_database;
    std::unique_ptr<store::AuditLog> ledger_audit;
    std::unique_ptr<store::PrintLedger> ledger;
    std::unique_ptr<services::PrintService> printing;
    // Paper and toner: counted from what printed, their levels, the forecast (its own store worker).
    std::unique_ptr<services::Consumables> consumables;
    // Hall staff (docs/Maintenance.md): each device's history, the credentials, the service mode and the
    // hand-off, the stored service state read back every 5 s, and the staff screens' desk over them.
    std::unique_ptr<services::DeviceJournal> journal;
    std::unique_ptr<services::StaffAuthenticator> staff_auth;
    std::unique_ptr<services::ServiceMode> service_mode;
    std::unique_ptr<StaffDeskImpl> staff_desk;
    std::unique_ptr<services::ServiceStateWatch> service_watch;
    std::unique_ptr<services::MaterialIntake> intake; // scanned materials: stored, checked, wiped
    std::unique_ptr<services::HubQueries> hub;        // progress queries to the kiosk-hub
    // Seals applications into the outbox off the UI thread and, when a hub is configured, delivers
    // what waits there (sealed before a crash or while the hub was away) from start-up.
    std::unique_ptr<services::Submissions> submissions;
    // Pinyin for the on-screen keyboard, opened once (the engine is a process singleton).
    std::unique_ptr<services::PinyinEngine> pinyin_engine;
    std::unique_ptr<ui::PinyinCandidates> pinyin;

    SDL_Window* window = nullptr;
    SDL_Renderer* renderer = nullptr;
    uint32_t wake_event = 0;
    std::optional<ui::Fonts> fonts;
    ui::Theme theme;
    std::unique_ptr<ui::Painter> painter;
    std::unique_ptr<ui::SceneContext> context;
    std::unique_ptr<ui::SceneManager> scenes;
    std::unique_ptr<DemoKeys> demo_keys;
    ui::Rect screen;

    ~Impl();
    Result<void> load(bool offscreen);
    Result<void> open_content(bool offscreen);
    // After the first frame, on a bundle still on trial: confirmed when the kiosk serves from it and its
    // devices reopened, rolled back when not (ContentApply.cpp). Called on every turn of the loop.
    void start_content_health();
    void check_content_health();
    void note_device_heard(const services::AppEvent& event);
    // True when the installed content changed and nobody is at the kiosk: time to start again on it.
    bool content_reload_due();
    bool between_citizens() const;
    Result<void> open_window(bool offscreen);
    void record(std::string_view kind, std::string_view detail);
    void open_printing(bool offscreen);
    void open_staff_desk(bool offscreen);
    void keep_staff_state();
    void render();
    void drain_events();
    void handle_sdl(const SDL_Event& event);
    void run_benchmark();
};

} // namespace kiosk::app
