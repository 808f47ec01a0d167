#include "SceneHarness.h"

#include "core/base/Log.h"
#include "services/intake/MaterialIntake.h"
#include "ui/toolkit/Fonts.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <SDL2/SDL_ttf.h>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace kiosk::ui::test {

namespace {

// SDL video is process-wide: one offscreen window, software renderer and font set for every test,
// opened as App::Impl::open_window opens them with --screenshot.
class OffscreenDisplay {
public:
    static OffscreenDisplay& get() {
        static OffscreenDisplay display;
        return display;
    }
    Painter& painter() { return *m_painter; }
    SDL_Renderer* renderer() const { return m_renderer; }

private:
    OffscreenDisplay() {
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
            throw std::runtime_error(std::string("SDL_Init: ") + SDL_GetError());
        // Square, so that a portrait screen fits too (use_screen); frames are read from its top-left.
        m_window = SDL_CreateWindow("scene tests", 0, 0, kScreen.w, kScreen.w, SDL_WINDOW_HIDDEN);
        if (m_window)
            m_renderer = SDL_CreateRenderer(m_window, -1, SDL_RENDERER_SOFTWARE);
        if (!m_renderer)
            throw std::runtime_error(std::string("offscreen renderer: ") + SDL_GetError());
        DisplayOptions display;
        auto fonts = Fonts::create({display.font_regular, display.font_bold, display.font_face_index});
        if (!fonts.ok())
            throw std::runtime_error(fonts.error().describe());
        m_fonts.emplace(fonts.release_value());
        m_painter = std::make_unique<Painter>(m_renderer, *m_fonts, m_theme);
    }
    ~OffscreenDisplay() {
        m_painter.reset();
        m_fonts.reset();
        SDL_DestroyRenderer(m_renderer);
        SDL_DestroyWindow(m_window);
        if (TTF_WasInit())
            TTF_Quit();
        SDL_Quit();
    }

    SDL_Window* m_window = nullptr;
    SDL_Renderer* m_renderer = nullptr;
    std::optional<Fonts> m_fonts;
    Theme m_theme; // scale 1: the 1080-px short side of kScreen
    std::unique_ptr<Painter> m_painter;
};

} // namespace

void SceneTest::SetUp() {
    log::set_level(log::Level::Warn); // device and session lines of every test would bury failures
    auto options = load_config(std::string(KIOSK_SOURCE_DIR) + "/data/config/kiosk.json");
    ASSERT_TRUE(options.ok()) << options.error().describe();
    m_options = options.release_value();
    auto tr = Translator::load(m_options.paths.strings);
    ASSERT_TRUE(tr.ok()) << tr.error().describe();
    m_tr.emplace(tr.release_value());
    m_tr->set_language(m_options.default_language);
    auto catalog = domain::load_catalog(m_options.paths.catalog);
    ASSERT_TRUE(catalog.ok()) << catalog.error().describe();
    m_catalog = catalog.release_value();

    m_devices = std::make_unique<services::DeviceHub>(
        services::DeviceSet{&m_idcard, &m_scanner, &m_qr, &m_receipt_printer, &m_a4_printer}, m_queue);
    // No intake, outbox or printing: tests that need them attach them (m_citizen->attach).
    m_citizen = std::make_unique<services::CitizenCase>(
        m_clock, m_options, m_catalog, services::CitizenCase::Services{m_devices.get()},
        [this](std::string_view kind, std::string_view detail) {
            m_audit.push_back({std::string(kind), std::string(detail)});
        });
    m_devices->start();
    for (const auto& status : {m_idcard.status(), m_scanner.status(), m_qr.status(),
                               m_receipt_printer.status(), m_a4_printer.status()})
        m_devices->note(status);

    m_context = std::make_unique<SceneContext>(
        SceneContext{*m_tr, m_theme, m_clock, m_options, m_catalog, *m_citizen, *m_devices, nullptr, {}});
    m_scenes = std::make_unique<SceneManager>(*m_context, citizen_flow(), kScreen);
    m_scenes->set_trace([this](std::string_view line) { m_trace.emplace_back(line); });
}

void SceneTest::TearDown() {
    m_scenes.reset();
    if (m_devices)
        m_devices->stop();
}

void SceneTest::attach_intake(services::MaterialIntake* intake) {
    auto parts = m_citizen->services();
    parts.intake = intake;
    m_citizen->attach(parts);
}

void SceneTest::attach_submissions(services::Submissions* submissions) {
    auto parts = m_citizen->services();
    parts.submissions = submissions;
    m_citizen->attach(parts);
}

void SceneTest::attach_printing(services::PrintService* printing) {
    auto parts = m_citizen->services();
    parts.printing = printing;
    m_citizen->attach(parts);
    m_context->printing = printing;
}

void SceneTest::note_scanned(const std::string& material_id, int pages, domain::Verdict verdict,
                             std::filesystem::path pdf, std::map<std::string, std::string> prefill) {
    ASSERT_NE(m_citizen->services().intake, nullptr)
        << "attach an intake first: its generation marks the visit";
    services::MaterialChecked checked;
    checked.material_id = material_id;
    checked.pages = pages;
    checked.checked = true;
    checked.check.verdict = verdict;
    checked.check.prefill = std::move(prefill);
    checked.pdf = std::move(pdf);
    checked.pdf_bytes = 36;
    checked.generation = m_citizen->services().intake->generation();
    m_scenes->handle_event(std::move(checked));
}

void SceneTest::tap(Point at) {
    m_scenes->handle_pointer({PointerEvent::Type::Down, at});
    m_scenes->handle_pointer({PointerEvent::Type::Up, at});
}

bool SceneTest::advance_and_tick(std::chrono::milliseconds step) {
    m_clock.advance(step);
    return m_scenes->tick();
}

void SceneTest::start_identified_session_at_home() {
    m_scenes->start();
    ASSERT_EQ(m_scenes->current_id(), SceneId::Attract);
    tap(kAttractTouchAnywhere);
    ASSERT_EQ(m_scenes->current_id(), SceneId::Home);
    m_scenes->handle_event(services::CardRead{drivers::SimIdCardReader::sample_identity(0)});
    ASSERT_EQ(m_scenes->current_id(), SceneId::Home);
    ASSERT_NE(m_citizen->identity(), nullptr);
}

uint64_t SceneTest::draw() {
    OffscreenDisplay& display = OffscreenDisplay::get();
    m_scenes->draw(display.painter());
    m_scenes->mark_drawn();
    std::vector<uint32_t> pixels(static_cast<size_t>(m_screen.w) * m_screen.h);
    SDL_Rect area{0, 0, m_screen.w, m_screen.h};
    if (SDL_RenderReadPixels(display.renderer(), &area, SDL_PIXELFORMAT_RGBA32, pixels.data(),
                             m_screen.w * 4) != 0) {
        ADD_FAILURE() << "SDL_RenderReadPixels: " << SDL_GetError();
        return 0;
    }
    uint64_t hash = 1469598103934665603ull; // FNV-1a
    for (uint32_t pixel : pixels)
        hash = (hash ^ pixel) * 1099511628211ull;
    m_last_frame = std::move(pixels);
    return hash;
}

void SceneTest::save_frame(const std::string& path) const {
    FILE* file = std::fopen(path.c_str(), "wb");
    ASSERT_NE(file, nullptr) << path;
    std::fprintf(file, "P6\n%d %d\n255\n", m_screen.w, m_screen.h);
    for (uint32_t pixel : m_last_frame) {
        const auto* rgba = reinterpret_cast<const unsigned char*>(&pixel);
        std::fwrite(rgba, 1, 3, file);
    }
    std::fclose(file);
}

void SceneTest::save_png(const std::string& path) const {
    ASSERT_EQ(m_last_frame.size(), static_cast<size_t>(m_screen.w) * m_screen.h) << "draw() first";
    SDL_Surface* surface =
        SDL_CreateRGBSurfaceWithFormatFrom(const_cast<uint32_t*>(m_last_frame.data()), m_screen.w, m_screen.h,
                                           32, m_screen.w * 4, SDL_PIXELFORMAT_RGBA32);
    ASSERT_NE(surface, nullptr) << SDL_GetError();
    EXPECT_EQ(IMG_SavePNG(surface, path.c_str()), 0) << path << ": " << SDL_GetError();
    SDL_FreeSurface(surface);
}

void SceneTest::use_screen(Rect screen) {
    m_scenes.reset(); // before the next one takes the context's navigator
    m_screen = screen;
    m_scenes = std::make_unique<SceneManager>(*m_context, citizen_flow(), screen);
    m_scenes->set_trace([this](std::string_view line) { m_trace.emplace_back(line); });
}

int SceneTest::count_pixels(Color colour) const {
    const uint8_t wanted[4] = {colour.r, colour.g, colour.b, colour.a};
    return static_cast<int>(std::count_if(m_last_frame.begin(), m_last_frame.end(), [&](uint32_t pixel) {
        return std::memcmp(&pixel, wanted, sizeof pixel) == 0; // RGBA32 is byte order R, G, B, A
    }));
}

int SceneTest::count_audit(std::string_view kind) const {
    return static_cast<int>(
        std::count_if(m_audit.begin(), m_audit.end(), [&](const AuditRecord& r) { return r.kind == kind; }));
}

const AuditRecord* SceneTest::last_audit(std::string_view kind) const {
    auto found =
        std::find_if(m_audit.rbegin(), m_audit.rend(), [&](const AuditRecord& r) { return r.kind == kind; });
    return found == m_audit.rend() ? nullptr : &*found;
}

int SceneTest::count_trace(std::string_view line) const {
    return static_cast<int>(std::count(m_trace.begin(), m_trace.end(), line));
}

std::chrono::seconds SceneTest::warning_after() const {
    return std::chrono::seconds(m_options.session.inactivity_warning_s);
}

std::chrono::seconds SceneTest::countdown() const {
    return std::chrono::seconds(m_options.session.inactivity_countdown_s);
}

} // namespace kiosk::ui::test
