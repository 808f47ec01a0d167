// A bare SDL window that feeds its key input to domain::WedgeBurst, for wedge_xvfb.sh: X key events
// typed by xdotool at a scanner's speed and at a person's. Prints "READY", then one line per Enter:
// "SCAN <text>", "TYPED <text>" or "REJECTED". Exits on Escape or after RUN_MS (default 20000).

#include "core/domain/WedgeBurst.h"

#include <SDL2/SDL.h>
#include <cstdio>
#include <cstdlib>

namespace {

void report(const kiosk::domain::WedgeLine& line) {
    if (line.rejected)
        std::printf("REJECTED\n");
    else if (!line.scanned.empty())
        std::printf("SCAN %s\n", line.scanned.c_str());
    else
        std::printf("TYPED %s\n", line.typed.c_str());
    std::fflush(stdout);
}

} // namespace

int main(int, char**) {
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        std::printf("SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    Uint32 run_ms = std::getenv("RUN_MS") ? static_cast<Uint32>(std::atoi(std::getenv("RUN_MS"))) : 20000;
    SDL_Window* window = SDL_CreateWindow("wedge", 0, 0, 320, 200, SDL_WINDOW_SHOWN);
    if (!window) {
        std::printf("SDL_CreateWindow: %s\n", SDL_GetError());
        return 1;
    }
    // A window that is drawn: X delivers keys only to a mapped, exposed window.
    SDL_Renderer* renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    SDL_RenderClear(renderer);
    SDL_RenderPresent(renderer);
    SDL_StartTextInput();
    kiosk::domain::WedgeBurst wedge;
    std::printf("READY\n");
    std::fflush(stdout);
    Uint32 start = SDL_GetTicks();
    for (bool quit = false; !quit && SDL_GetTicks() - start < run_ms;) {
        // Drained every millisecond: each event's timestamp is when SDL queued it, within a
        // millisecond of its arrival.
        SDL_Event event;
        while (SDL_PollEvent(&event)) {
            if (event.type == SDL_QUIT)
                quit = true;
            if (event.type == SDL_TEXTINPUT)
                wedge.text(event.text.timestamp, event.text.text);
            if (event.type == SDL_KEYDOWN && event.key.keysym.sym == SDLK_ESCAPE)
                quit = true;
            if (event.type == SDL_KEYDOWN &&
                (event.key.keysym.sym == SDLK_RETURN || event.key.keysym.sym == SDLK_KP_ENTER))
                report(wedge.enter(event.key.timestamp));
        }
        SDL_RenderClear(renderer);
        SDL_RenderPresent(renderer);
        SDL_Delay(1);
    }
    SDL_DestroyRenderer(renderer);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return 0;
}
