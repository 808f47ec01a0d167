#pragma once
// A picture uploaded to the renderer once and drawn each frame (a cardholder's photo). It owns an SDL
// texture, and SDL textures belong to the UI thread: create (Painter::create_picture_rgb), draw and
// destroy it there. Move-only; destroying or resetting it destroys the texture, so whoever holds
// personal pixels decides exactly how long they stay in video memory.

#include <utility>

struct SDL_Texture;

namespace kiosk::ui {

class Picture {
public:
    Picture() = default;
    ~Picture() { reset(); }
    Picture(Picture&& other) noexcept { *this = std::move(other); }
    Picture& operator=(Picture&& other) noexcept;
    Picture(const Picture&) = delete;
    Picture& operator=(const Picture&) = delete;

    explicit operator bool() const { return m_texture != nullptr; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    void reset();

private:
    friend class Painter;
    Picture(SDL_Texture* texture, int width, int height)
        : m_texture(texture), m_width(width), m_height(height) {}

    SDL_Texture* m_texture = nullptr;
    int m_width = 0, m_height = 0;
};

} // namespace kiosk::ui
