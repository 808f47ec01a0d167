#include "kiosk/app/App.h"

#include "drivers/qr/WedgeQrScanner.h"
#include "kiosk/app/DemoKeys.h"
#include "kiosk/app/DeviceBackends.h"
#include "kiosk/app/ProcessStats.h"
#include "kiosk/base/Log.h"
#include "kiosk/base/Worker.h"
#include "kiosk/domain/Catalog.h"
#include "kiosk/services/DeviceHub.h"
#include "kiosk/services/PrintService.h"
#include "kiosk/services/case/CaseDrafts.h"
#include "kiosk/services/case/CitizenCase.h"
#include "kiosk/services/hubquery/HubQueries.h"
#include "kiosk/services/intake/MaterialIntake.h"
#include "kiosk/services/print/RenderPdf.h"
#include "kiosk/services/print/TemplateSet.h"
#include "kiosk/services/submit/Submissions.h"
#include "kiosk/store/AuditLog.h"
#include "kiosk/store/Counters.h"
#include "kiosk/store/Database.h"
#include "kiosk/store/PrintLedger.h"
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
    std::unique_ptr<store::Database> ledger_database;
    std::unique_ptr<store::AuditLog> ledger_audit;
    std::unique_ptr<store::PrintLedger> ledger;
    std::unique_ptr<services::PrintService> printing;
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
    Result<void> open_window(bool offscreen);
    void record(std::string_view kind, std::string_view detail);
    void open_printing(bool offscreen);
    void render();
    void drain_events();
    void handle_sdl(const SDL_Event& event);
    void run_benchmark();
};

namespace {

Result<WallTime> parse_fixed_clock(const std::string& text) {
    CivilTime civil;
    if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d", &civil.year, &civil.month, &civil.day, &civil.hour,
                    &civil.minute) != 5)
        return make_error(ErrorCode::InvalidArgument, "--clock wants YYYY-MM-DDTHH:MM, got '" + text + "'");
    return from_local_civil(civil);
}

} // namespace

std::string default_config_path() {
    // Installed: /etc/onewindow/kiosk.json. A development build finds its source tree's config.
    for (auto candidate : {std::filesystem::path("/etc/onewindow/kiosk.json"),
                           std::filesystem::path(KIOSK_SOURCE_DIR) / "data/config/kiosk.json",
                           std::filesystem::path("data/config/kiosk.json")}) {
        if (std::filesystem::exists(candidate))
            return candidate.lexically_normal().string();
    }
    return "data/config/kiosk.json";
}

App::Impl::~Impl() {
    scenes.reset();
    if (devices)
        devices->stop();
    if (citizen) // a visit in progress when the kiosk stops is wiped from memory, its draft kept
        citizen->end(services::SessionEndReason::Shutdown);
    citizen.reset();     // holds pointers to the services below
    drafts.reset();      // writes what is queued (a visit under way stays resumable), joins its worker
    submissions.reset(); // a seal in flight ends; the uploader's request in flight too (hub timeouts)
    hub.reset();         // joins its worker (a query in flight ends at its timeout)
    intake.reset();      // joins its worker (and wipes the scan folder) while the event queue still works
    painter.reset();
    fonts.reset();
    if (renderer)
        SDL_DestroyRenderer(renderer);
    if (window)
        SDL_DestroyWindow(window);
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
}

void App::Impl::record(std::string_view kind, std::string_view detail) {
    log::info("audit {} {}", kind, detail);
    store_worker.post([this, kind = std::string(kind), detail = std::string(detail)] {
        if (!audit)
            return;
        if (auto appended = audit->append(kind, detail); !appended.ok())
            log::error("audit log write failed: {}", appended.error().describe());
    });
}

// Templates, the print ledger and the print service. A kiosk whose templates do not load cannot
// hand out receipts, so it does not serve; one without its ledger still prints all but certificates.
void App::Impl::open_printing(bool offscreen) {
    auto loaded = print::TemplateSet::load(options.paths.templates);
    if (!loaded.ok()) {
        log::error("print templates: {}", loaded.error().describe());
        if (out_of_service_reason.empty())
            out_of_service_reason = "templates";
        return;
    }
    templates.emplace(loaded.release_value());
    if (!offscreen) {
        if (auto opened = store::Database::open(options.paths.database); opened.ok()) {
            ledger_database = opened.release_value();
            ledger_audit = std::make_unique<store::AuditLog>(*ledger_database, *clock);
            ledger = std::make_unique<store::PrintLedger>(*ledger_database, *ledger_audit, *clock);
            if (auto unfinished = ledger->unfinished(); unfinished.ok() && !unfinished.value().empty())
                log::warn("print ledger: {} print(s) were in flight when the kiosk stopped; see the ledger",
                          unfinished.value().size());
        } else {
            log::error("print ledger: {}", opened.error().describe());
        }
    }
    auto render = [this](const std::string& name,
                         const nlohmann::json& data) -> Result<std::vector<uint8_t>> {
        const print::Template* found = templates->find(name);
        if (!found)
            return make_error(ErrorCode::NotFound, "no print template '" + name + "'");
        return print::render_pdf(*found, data);
    };
    auto queue_of = [](const DeviceOptions& device) {
        return device.backend == "cups" ? device.device : "sim";
    };
    printing = std::make_unique<services::PrintService>(
        *devices, render, ledger.get(),
        services::PrintService::Queues{queue_of(options.devices.receipt_printer),
                                       queue_of(options.devices.a4_printer)});
}

Result<void> App::Impl::load(bool offscreen) {
    std::string config_path =
        app_options.config_path.empty() ? default_config_path() : app_options.config_path;
    options = TRY(load_config(config_path));
    if (app_options.language)
        options.default_language = *app_options.language;
    if (app_options.portrait && !options.display.portrait) {
        options.display.portrait = true;
        std::swap(options.display.width, options.display.height);
    }
    options.demo_mode = options.demo_mode || app_options.demo;
    options.display.fullscreen = options.display.fullscreen || app_options.fullscreen;

    if (!app_options.fixed_clock.empty())
        clock = std::make_unique<FakeClock>(TRY(parse_fixed_clock(app_options.fixed_clock)));
    else
        clock = std::make_unique<SystemClock>();

    tr = TRY(ui::Translator::load(options.paths.strings));
    tr->set_language(options.default_language);

    // A kiosk with a broken catalog or store still starts, and says it is out of service.
    if (auto loaded = domain::load_catalog(options.paths.catalog); loaded.ok()) {
        catalog = loaded.release_value();
    } else {
        log::error("catalog: {}", loaded.error().describe());
        out_of_service_reason = "catalog";
    }
    if (!offscreen) {
        store_worker.post([this] {
            // The image creates /var/lib/onewindow; a development tree gets its build/var here.
            std::error_code ignored;
            std::filesystem::create_directories(std::filesystem::path(options.paths.database).parent_path(),
                                                ignored);
            auto opened = store::Database::open(options.paths.database);
            if (!opened.ok()) {
                log::error("local store: {}", opened.error().describe());
                queue.post(services::StoreUnavailable{opened.error()});
                return;
            }
            database = opened.release_value();
            audit = std::make_unique<store::AuditLog>(*database, *clock);
            if (auto counted = store::Counters(*database).increment("kiosk.starts"); !counted.ok())
                log::error("counters: {}", counted.error().describe());
        });
    }
    if (!app_options.out_of_service.empty())
        out_of_service_reason = app_options.out_of_service;

    real_idcard = TRY(make_idcard_reader(options.devices.idcard));
    if (real_idcard)
        idcard = real_idcard.get();
    real_receipt_printer =
        TRY(make_printer(domain::DeviceKind::ReceiptPrinter, options.devices.receipt_printer));
    if (real_receipt_printer)
        receipt_printer = real_receipt_printer.get();
    real_a4_printer = TRY(make_printer(domain::DeviceKind::A4Printer, options.devices.a4_printer));
    if (real_a4_printer)
        a4_printer = real_a4_printer.get();
    real_scanner = TRY(make_scanner(options.devices.scanner));
    if (real_scanner)
        scanner = real_scanner.get();
    real_qr = TRY(make_qr_scanner(options.devices.qr));
    if (real_qr) {
        qr = real_qr.get();
        wedge = dynamic_cast<drivers::WedgeQrScanner*>(qr);
    }
    devices = std::make_unique<services::DeviceHub>(
        services::DeviceSet{idcard, scanner, qr, receipt_printer, a4_printer}, queue);
    open_printing(offscreen);
    intake = std::make_unique<services::MaterialIntake>(catalog, queue,
                                                        services::IntakeOptions{options.paths.scans});
    hub = std::make_unique<services::HubQueries>(options.hub, queue);
    submissions = std::make_unique<services::Submissions>(options.paths.database, options.outbox, options.hub,
                                                          *clock, queue);
    submissions->start();
    if (!offscreen) {
        // Under the outbox's key: a kiosk that cannot seal applications keeps no drafts either.
        auto made = services::CaseDrafts::create({options.paths.drafts, options.outbox.key_file,
                                                  std::chrono::seconds(options.session.resume_within_s)},
                                                 *clock, &queue);
        if (made.ok()) {
            drafts = made.release_value();
            drafts->load();
        } else {
            log::warn("case drafts off (a restart mid-visit loses the visit): {}", made.error().describe());
        }
    }
    citizen = std::make_unique<services::CitizenCase>(
        *clock, options, catalog,
        services::CitizenCase::Services{devices.get(), intake.get(), submissions.get(), printing.get(),
                                        drafts.get()},
        [this](std::string_view kind, std::string_view detail) { record(kind, detail); });
    if (auto engine = services::PinyinEngine::open(); engine.ok()) {
        pinyin_engine = engine.release_value();
        pinyin = std::make_unique<ui::PinyinCandidates>(*pinyin_engine);
    } else {
        log::warn("keyboard: no pinyin input, Latin letters only: {}", engine.error().message);
    }
    TRY(open_window(offscreen));

    devices->start();
    // Devices report asynchronously; take their current state now so the first frame is right.
    devices->note(idcard->status());
    devices->note(scanner->status());
    devices->note(qr->status());
    devices->note(receipt_printer->status());
    devices->note(a4_printer->status());

    context = std::make_unique<ui::SceneContext>(
        ui::SceneContext{*tr, theme, *clock, options, catalog, *citizen, *devices, printing.get(), hub.get(),
                         nullptr, out_of_service_reason, pinyin.get()});
    ui::Rect scene_screen = screen;
    if (options.demo_mode)
        scene_screen.h -= theme.px(48);
    scenes = std::make_unique<ui::SceneManager>(*context, ui::citizen_flow(), scene_screen);
    if (app_options.trace_scenes) {
        scenes->set_trace([](std::string_view line) {
            std::fwrite(line.data(), 1, line.size(), stdout);
            std::fputc('\n', stdout);
            std::fflush(stdout);
        });
    }
    if (!app_options.identity_sample.empty())
        citizen->identify_by_card(
            drivers::SimIdCardReader::sample_identity(std::atoi(app_options.identity_sample.c_str())));
    if (options.demo_mode)
        demo_keys = std::make_unique<DemoKeys>(sims, *scenes, *tr, app_options.idcard_control,
                                               app_options.print_rig, app_options.demo_documents);
    return {};
}

Result<void> App::Impl::open_window(bool offscreen) {
    if (offscreen)
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
    bool software = offscreen || options.display.renderer == "software";
    // Without this SDL backs even a software window with an OpenGL texture, loading the GL stack.
    if (software)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        return make_error(ErrorCode::Device, std::string("SDL init failed: ") + SDL_GetError());
    wake_event = SDL_RegisterEvents(1);
    queue.set_waker([this] {
        SDL_Event event{};
        event.type = wake_event;
        SDL_PushEvent(&event);
    });
    int w = options.display.width, h = options.display.height;
    uint32_t flags = SDL_WINDOW_SHOWN | (options.display.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    window = SDL_CreateWindow("OneWindow kiosk", 0, 0, w, h, flags);
    if (!window)
        return make_error(ErrorCode::Device, std::string("cannot open window: ") + SDL_GetError());
    renderer = SDL_CreateRenderer(window, -1, software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED);
    if (!renderer && !software) {
        log::warn("no accelerated renderer ({}); using the software one", SDL_GetError());
        renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    }
    if (!renderer)
        return make_error(ErrorCode::Device, std::string("cannot create renderer: ") + SDL_GetError());
    if (SDL_RendererInfo info; SDL_GetRendererInfo(renderer, &info) == 0)
        log::info("renderer: {}", info.name);
    SDL_RenderSetLogicalSize(renderer, w, h);
    screen = {0, 0, w, h};
    theme.scale = std::min(w, h) / 1080.0f;
    fonts.emplace(TRY(ui::Fonts::create(
        {options.display.font_regular, options.display.font_bold, options.display.font_face_index})));
    painter = std::make_unique<ui::Painter>(renderer, *fonts, theme);
    return {};
}

void App::Impl::render() {
    scenes->draw(*painter);
    if (demo_keys)
        demo_keys->draw(*painter, {0, screen.h - theme.px(48), screen.w, theme.px(48)});
    scenes->mark_drawn();
}

void App::Impl::drain_events() {
    while (auto event = queue.try_pop())
        scenes->handle_event(std::move(*event));
}

void App::Impl::handle_sdl(const SDL_Event& event) {
    using Type = ui::PointerEvent::Type;
    auto pointer = [this](Type type, int x, int y) { scenes->handle_pointer({type, {x, y}}); };
    switch (event.type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        // Touchscreens also send synthetic mouse events; the finger events below are the real ones.
        if (event.button.which != SDL_TOUCH_MOUSEID && event.button.button == SDL_BUTTON_LEFT)
            pointer(event.type == SDL_MOUSEBUTTONDOWN ? Type::Down : Type::Up, event.button.x,
                    event.button.y);
        break;
    case SDL_MOUSEMOTION:
        if (event.motion.which != SDL_TOUCH_MOUSEID && (event.motion.state & SDL_BUTTON_LMASK))
            pointer(Type::Move, event.motion.x, event.motion.y);
        break;
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
        // With SDL_MOUSE_TOUCH_EVENTS the mouse also produces fingers; those were handled as mouse.
        if (event.tfinger.touchId != SDL_MOUSE_TOUCHID) {
            Type type = event.type == SDL_FINGERDOWN ? Type::Down
                        : event.type == SDL_FINGERUP ? Type::Up
                                                     : Type::Move;
            pointer(type, static_cast<int>(event.tfinger.x * screen.w),
                    static_cast<int>(event.tfinger.y * screen.h));
        }
        break;
    case SDL_KEYDOWN:
        if (demo_keys && demo_keys->handle(event.key.keysym.sym))
            scenes->mark_dirty();
        else if (wedge && (event.key.keysym.sym == SDLK_RETURN || event.key.keysym.sym == SDLK_KP_ENTER))
            wedge->enter(event.key.timestamp);
        break;
    case SDL_TEXTINPUT:
        if (wedge)
            wedge->text(event.text.timestamp, event.text.text);
        break;
    case SDL_WINDOWEVENT:
        if (event.window.event == SDL_WINDOWEVENT_EXPOSED)
            scenes->mark_dirty();
        break;
    default:
        break;
    }
}

App::App(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
App::~App() = default;

Result<std::unique_ptr<App>> App::create(const AppOptions& options, bool offscreen) {
    auto impl = std::make_unique<Impl>();
    impl->app_options = options;
    TRY(impl->load(offscreen));
    return std::unique_ptr<App>(new App(std::move(impl)));
}

int App::run() {
    Impl& s = *m_impl;
    if (s.app_options.bench_frames > 0) {
        s.run_benchmark();
        return 0;
    }
    s.scenes->start();
    if (!s.out_of_service_reason.empty())
        s.scenes->set_out_of_service(s.out_of_service_reason);
    auto started = std::chrono::steady_clock::now();
    bool first_frame = true;
    bool running = true;
    while (running) {
        SDL_Event event;
        int timeout_ms = s.scenes->wants_redraw() ? 0 : 200;
        if (SDL_WaitEventTimeout(&event, timeout_ms)) {
            do {
                if (event.type == SDL_QUIT)
                    running = false;
                s.handle_sdl(event);
            } while (SDL_PollEvent(&event));
        }
        s.drain_events();
        s.scenes->tick();
        if (s.scenes->wants_redraw() || first_frame) {
            s.render();
            SDL_RenderPresent(s.renderer);
            if (first_frame) {
                first_frame = false;
                log::info("first frame after {} ms since process start", milliseconds_since_process_start());
                if (s.app_options.exit_after_first_frame) {
                    std::printf("first_frame_ms %.1f\npeak_rss_kb %ld\n", milliseconds_since_process_start(),
                                peak_rss_kb());
                    running = false;
                }
            }
        }
        if (s.app_options.exit_after_ms > 0 && std::chrono::steady_clock::now() - started >
                                                   std::chrono::milliseconds(s.app_options.exit_after_ms))
            running = false;
    }
    return 0;
}

Result<void> App::screenshot(const ScreenshotRequest& request) {
    Impl& s = *m_impl;
    if (request.scene == "out-of-service" && s.context->out_of_service_reason.empty())
        s.context->out_of_service_reason = "staff";
    if (!s.scenes->start_at(request.scene, request.argument))
        return make_error(ErrorCode::InvalidArgument, "no scene named '" + request.scene + "'");
    for (const auto& event : request.events)
        s.queue.post(event);
    s.drain_events();
    s.scenes->tick();
    s.render();
    SDL_Surface* surface =
        SDL_CreateRGBSurfaceWithFormat(0, s.screen.w, s.screen.h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!surface)
        return make_error(ErrorCode::Internal, SDL_GetError());
    int read =
        SDL_RenderReadPixels(s.renderer, nullptr, SDL_PIXELFORMAT_RGBA32, surface->pixels, surface->pitch);
    int saved = read == 0 ? IMG_SavePNG(surface, request.path.c_str()) : -1;
    SDL_FreeSurface(surface);
    if (saved != 0)
        return make_error(ErrorCode::Io, request.path + ": cannot write screenshot: " + SDL_GetError());
    return {};
}

void App::Impl::run_benchmark() {
    // Per-frame cost of a full redraw (scene, chrome, text from the cache) plus present, per scene.
    std::printf("first_frame_ms %.1f\n", milliseconds_since_process_start());
    for (const char* name : {"attract", "home", "catalog", "checklist"}) {
        scenes->start_at(name);
        std::vector<double> frames;
        for (int i = 0; i < app_options.bench_frames; ++i) {
            auto begin = std::chrono::steady_clock::now();
            scenes->mark_dirty();
            render();
            SDL_RenderPresent(renderer);
            frames.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count());
            SDL_Event event;
            while (SDL_PollEvent(&event)) {
            }
        }
        std::sort(frames.begin(), frames.end());
        auto at = [&](double q) {
            return frames[std::min(frames.size() - 1, static_cast<size_t>(q * frames.size()))];
        };
        std::printf("frame_ms scene=%s p50=%.2f p99=%.2f max=%.2f\n", name, at(0.5), at(0.99), frames.back());
    }
    std::printf("peak_rss_kb %ld\n", peak_rss_kb());
}

} // namespace kiosk::app
