// Tools for engineers and tests, not for citizens: a screenshot of any scene rendered offscreen, and
// the frame-time benchmark.

#include "kiosk/AppImpl.h"

#include "drivers/idcard/SimIdCardReader.h"

#include <thread>

namespace kiosk::app {

Result<void> App::screenshot(const ScreenshotRequest& request) {
    Impl& s = *m_impl;
    if (request.scene == "out-of-service" && s.context->out_of_service_reason.empty())
        s.context->out_of_service_reason = "staff";
    std::string_view argument = request.argument;
    // Scan, form and confirm show the item the citizen's case holds: a catalog key given to one of
    // them is selected in the case first, as the checklist would have.
    bool item_key = argument.starts_with("package:") || argument.starts_with("matter:");
    if (item_key && request.scene != "checklist") {
        if (!s.citizen->select(argument))
            return make_error(ErrorCode::InvalidArgument, "no catalog item '" + request.argument + "'");
        argument = {};
    }
    TRY(s.scenes->start_at(request.scene, argument));
    if (request.force_reasons)
        s.scenes->choose_force_reason();
    for (const auto& event : request.events)
        s.queue.post(event);
    s.drain_events();
    // A staff panel that asked a worker (the outbox tab, the config tab) is drawn with its answer, not
    // "loading…".
    for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
         s.staff_desk && (s.staff_desk->awaiting_outbox() || s.staff_desk->awaiting_config_slots()) &&
         std::chrono::steady_clock::now() < deadline;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        s.drain_events();
    }
    s.scenes->tick();
    if (auto* fixed = dynamic_cast<FakeClock*>(s.clock.get()); fixed && request.wait_s > 0) {
        fixed->advance(std::chrono::seconds(request.wait_s));
        s.scenes->tick();
    }
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

SceneCheck App::check_scenes() {
    Impl& s = *m_impl;
    SceneCheck result;
    std::vector<std::pair<std::string, std::string>> shows; // scene, argument
    for (const auto& name : s.scenes->scene_names())
        shows.emplace_back(name, "");
    std::vector<std::string> items;
    for (const auto& package : s.catalog.packages())
        items.push_back("package:" + package.id);
    for (const auto& matter : s.catalog.matters())
        items.push_back("matter:" + matter.id);
    for (const auto& item : items)
        for (const char* scene : {"checklist", "scan", "form", "confirm"})
            shows.emplace_back(scene, item);
    // The form and confirm scenes show a citizen's details: a sample card's.
    s.citizen->identify_by_card(drivers::SimIdCardReader::sample_identity(0));
    for (Language language : {Language::ZhCN, Language::En}) {
        s.tr->set_language(language); // before any scene: SceneManager::set_language relays one out
        for (const auto& [scene, argument] : shows) {
            std::string_view shown_argument = argument;
            if (!argument.empty() && scene != "checklist") {
                if (!s.citizen->select(argument)) {
                    std::string failure = scene;
                    failure += " ";
                    failure += argument;
                    failure += ": the case does not take it";
                    result.failures.push_back(std::move(failure));
                    continue;
                }
                shown_argument = {};
            }
            // A scene that needs an argument it was not given is shown through the catalog items.
            if (!s.scenes->start_at(scene, shown_argument).ok())
                continue;
            s.drain_events();
            s.scenes->tick();
            s.render();
            ++result.drawn;
        }
    }
    result.missing_keys = s.tr->missing();
    return result;
}

void App::Impl::run_benchmark() {
    // Per-frame cost of a full redraw (scene, chrome, text from the cache) plus present, per scene.
    std::printf("first_frame_ms %.1f\n", milliseconds_since_process_start());
    for (const char* name : {"attract", "home", "catalog", "checklist"}) {
        (void)scenes->start_at(name);
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
