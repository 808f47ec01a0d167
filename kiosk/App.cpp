// The main loop: SDL events and the services' events handed to the scenes, inactivity ticks, a frame
// drawn when something changed, and the first frame's time and memory reported.

#include "kiosk/AppImpl.h"

namespace kiosk::app {

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
                s.check_content_health();
                if (s.app_options.exit_after_first_frame) {
                    std::printf("first_frame_ms %.1f\npeak_rss_kb %ld\n", milliseconds_since_process_start(),
                                peak_rss_kb());
                    running = false;
                }
            }
        }
        if (s.staff_desk && s.staff_desk->restart_requested()) {
            log::warn("restart asked for by staff: the kiosk ends, its service manager starts it again");
            running = false;
        }
        if (s.app_options.exit_after_ms > 0 && std::chrono::steady_clock::now() - started >
                                                   std::chrono::milliseconds(s.app_options.exit_after_ms))
            running = false;
    }
    return 0;
}

} // namespace kiosk::app
