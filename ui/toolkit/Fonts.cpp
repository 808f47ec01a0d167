#include "ui/toolkit/Fonts.h"

#include <SDL2/SDL_ttf.h>

namespace kiosk::ui {

Result<Fonts> Fonts::create(FontFiles files) {
    if (!TTF_WasInit() && TTF_Init() != 0)
        return make_error(ErrorCode::Internal, std::string("SDL_ttf init failed: ") + TTF_GetError());
    Fonts fonts(std::move(files));
    for (bool bold : {false, true}) {
        if (!fonts.open(24, bold)) {
            return make_error(ErrorCode::NotFound, "cannot open font " +
                                                       (bold ? fonts.m_files.bold : fonts.m_files.regular) +
                                                       ": " + TTF_GetError());
        }
    }
    return fonts;
}

Fonts::Fonts(Fonts&& other) noexcept : m_files(std::move(other.m_files)), m_open(std::move(other.m_open)) {
    other.m_open.clear();
}

Fonts::~Fonts() {
    for (auto& [key, font] : m_open)
        TTF_CloseFont(font);
}

TTF_Font* Fonts::open(int size, bool bold) {
    auto key = std::make_pair(size, bold);
    if (auto it = m_open.find(key); it != m_open.end())
        return it->second;
    const std::string& path = bold ? m_files.bold : m_files.regular;
    TTF_Font* font = TTF_OpenFontIndex(path.c_str(), size, m_files.face_index);
    if (!font)
        return nullptr;
    TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
    m_open[key] = font;
    return font;
}

TTF_Font* Fonts::get(int size, bool bold) {
    if (auto* font = open(size, bold))
        return font;
    return open(size, false);
}

} // namespace kiosk::ui
