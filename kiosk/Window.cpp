// The kiosk's window: SDL video and renderer, fonts, touch and key input turned into the scenes'
// pointer events, and drawing a frame.

#include "kiosk/AppImpl.h"

namespace kiosk::app {

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
    while (auto event = queue.try_pop()) {
        note_device_heard(*event); // the health check's "devices reopened"
        if (staff_desk)
            staff_desk->observe(*event); // sign-ins, device history: before the scenes act on it
        scenes->handle_event(std::move(*event));
    }
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

} // namespace kiosk::app
