#include "ui/toolkit/Picture.h"

#include <SDL2/SDL.h>

namespace kiosk::ui {

Picture& Picture::operator=(Picture&& other) noexcept {
    if (this != &other) {
        reset();
        m_texture = std::exchange(other.m_texture, nullptr);
        m_width = std::exchange(other.m_width, 0);
        m_height = std::exchange(other.m_height, 0);
    }
    return *this;
}

void Picture::reset() {
    if (m_texture)
        SDL_DestroyTexture(m_texture);
    m_texture = nullptr;
    m_width = m_height = 0;
}

} // namespace kiosk::ui
