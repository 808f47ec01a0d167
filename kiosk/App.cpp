// The main loop: SDL events and the services' events handed to the scenes, inactivity ticks, a frame
// drawn when something changed, and the first frame's time and memory reported.

#include "kiosk/AppImpl.h"

#include <cstdlib>
#include <fmt/format.h>

namespace kiosk::app {
namespace {

// A reload (ContentApply.cpp) hands its start time to the program it starts again: steady-clock
// nanoseconds, which on Linux is CLOCK_MONOTONIC — the same for both, unlike the process start time.
constexpr const char* kReloadBeganVariable = "ONEWINDOW_RELOAD_BEGAN_NS";

long long steady_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double milliseconds_since(const char* began_ns) {
    char* end = nullptr;
    long long began = std::strtoll(began_ns, &end, 10);
    if (end == began_ns || *end != '\0' || began <= 0)
        return -1;
    return static_cast<double>(steady_ns() - began) / 1e6;
}

} // namespace

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
                // After a reload the process started long ago: its start is the reload's.
                if (const char* began = std::getenv(kReloadBeganVariable)) {
                    log::info("content reload: first frame {:.0f} ms after the reload began",
                              milliseconds_since(began));
                    ::unsetenv(kReloadBeganVariable);
                } else {
                    log::info("first frame after {} ms since process start",
                              milliseconds_since_process_start());
                }
                s.start_content_health();
                if (s.app_options.exit_after_first_frame) {
                    std::printf("first_frame_ms %.1f\npeak_rss_kb %ld\n", milliseconds_since_process_start(),
                                peak_rss_kb());
                    running = false;
                }
            }
        }
        if (!first_frame)
            s.check_content_health();
        if (s.content_reload_due())
            running = false;
        if (s.staff_desk && s.staff_desk->restart_requested()) {
            log::warn("restart asked for by staff: the kiosk ends, its service manager starts it again");
            running = false;
        }
        if (s.app_options.exit_after_ms > 0 && std::chrono::steady_clock::now() - started >
                                                   std::chrono::milliseconds(s.app_options.exit_after_ms))
            running = false;
    }
    if (s.reload_requested) // read by the next start: how long the reload took
        ::setenv(kReloadBeganVariable, fmt::format("{}", steady_ns()).c_str(), 1);
    return 0;
}

bool App::reload_requested() const {
    return m_impl->reload_requested;
}

} // namespace kiosk::app
