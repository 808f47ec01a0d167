// The keyboard drawn offscreen (SDL's offscreen driver and software renderer, the Noto CJK fonts of
// the kiosk) to PNGs in the build tree, to look at: keys legible, candidates in Chinese.

#include "KeyboardTestSupport.h"

#include "core/base/Config.h"
#include "ui/toolkit/Fonts.h"
#include "ui/toolkit/Painter.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <SDL2/SDL_ttf.h>

#include <cstdlib>
#include <optional>
#include <stdexcept>

using namespace kiosk::ui;
using kiosk::ui::test::KeyboardTest;
using Mode = OnScreenKeyboard::Mode;

namespace {

// SDL video is process-wide: one offscreen window (the largest screen), software renderer and font
// set for every render, opened once as the scene tests' harness does.
class OffscreenDisplay {
public:
    static OffscreenDisplay& get() {
        static OffscreenDisplay display;
        return display;
    }
    SDL_Renderer* renderer() const { return m_renderer; }
    Fonts& fonts() { return *m_fonts; }

private:
    OffscreenDisplay() {
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0"); // no GL stack loaded, as on the cabinet
        if (SDL_Init(SDL_INIT_VIDEO) != 0)
            throw std::runtime_error(std::string("SDL_Init: ") + SDL_GetError());
        m_window = SDL_CreateWindow("keyboard", 0, 0, 1920, 1920, SDL_WINDOW_HIDDEN);
        if (m_window)
            m_renderer = SDL_CreateRenderer(m_window, -1, SDL_RENDERER_SOFTWARE);
        if (!m_renderer)
            throw std::runtime_error(std::string("offscreen renderer: ") + SDL_GetError());
        kiosk::DisplayOptions display;
        auto fonts = Fonts::create({display.font_regular, display.font_bold, display.font_face_index});
        if (!fonts.ok())
            throw std::runtime_error(fonts.error().describe());
        m_fonts.emplace(fonts.release_value());
    }
    ~OffscreenDisplay() {
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
};

class KeyboardRender : public KeyboardTest {
protected:
    // Draws the keyboard alone on a screen of the given size and saves it as <name>.png.
    void render(Rect screen, const std::string& name) {
        OffscreenDisplay& display = OffscreenDisplay::get();
        Painter painter(display.renderer(), display.fonts(), m_theme);
        painter.clear(m_theme.background);
        m_keyboard->draw(painter);
        SDL_Surface* surface =
            SDL_CreateRGBSurfaceWithFormat(0, screen.w, screen.h, 32, SDL_PIXELFORMAT_RGBA32);
        ASSERT_NE(surface, nullptr) << SDL_GetError();
        SDL_Rect area{0, 0, screen.w, screen.h};
        EXPECT_EQ(SDL_RenderReadPixels(display.renderer(), &area, SDL_PIXELFORMAT_RGBA32, surface->pixels,
                                       surface->pitch),
                  0)
            << SDL_GetError();
        std::string path = std::string(KIOSK_IME_RENDER_DIR) + "/" + name + ".png";
        EXPECT_EQ(IMG_SavePNG(surface, path.c_str()), 0) << path << ": " << SDL_GetError();
        SDL_FreeSurface(surface);
    }
};

} // namespace

TEST_F(KeyboardRender, PinyinWithCandidatesLandscape) {
    m_keyboard->set_mode(Mode::Pinyin);
    m_keyboard->set_bounds({0, 1080 - OnScreenKeyboard::preferred_height(m_theme, Mode::Pinyin), 1920,
                            OnScreenKeyboard::preferred_height(m_theme, Mode::Pinyin)});
    tap_keys("zhangsan");
    render({0, 0, 1920, 1080}, "keyboard-pinyin-landscape");
}

TEST_F(KeyboardRender, PinyinSecondPagePortrait) {
    m_keyboard->set_mode(Mode::Pinyin);
    int height = OnScreenKeyboard::preferred_height(m_theme, Mode::Pinyin);
    m_keyboard->set_bounds({0, 1920 - height, 1080, height});
    tap_keys("wang");
    tap_key(OnScreenKeyboard::Key::NextPage);
    render({0, 0, 1080, 1920}, "keyboard-pinyin-portrait-page2");
}

TEST_F(KeyboardRender, DigitsWithDateDashLandscape) {
    m_keyboard->set_mode(Mode::Digits);
    m_keyboard->set_digit_extra("-");
    int height = OnScreenKeyboard::preferred_height(m_theme, Mode::Digits);
    m_keyboard->set_bounds({0, 1080 - height, 1920, height});
    render({0, 0, 1920, 1080}, "keyboard-digits-landscape");
}

TEST_F(KeyboardRender, LatinLandscape) {
    m_keyboard->set_labels({"Done", "Delete", "Space"});
    m_keyboard->set_mode(Mode::Latin);
    int height = OnScreenKeyboard::preferred_height(m_theme, Mode::Latin);
    m_keyboard->set_bounds({0, 1080 - height, 1920, height});
    render({0, 0, 1920, 1080}, "keyboard-latin-landscape");
}
