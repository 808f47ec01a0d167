#pragma once
// Draws the kiosk's primitives onto an SDL renderer: filled and rounded rectangles, outlines, and
// text (single line, ellipsized, or wrapped). Rendered text is cached as textures between frames.

#include "ui/toolkit/Fonts.h"
#include "ui/toolkit/Geometry.h"
#include "ui/toolkit/Picture.h"
#include "ui/toolkit/Theme.h"

#include <cstdint>
#include <list>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct SDL_Renderer;
struct SDL_Texture;

namespace kiosk::ui {

struct TextStyle {
    int size = 30; // design px; the painter applies the theme scale
    bool bold = false;
    Color color{0x1F, 0x29, 0x37};
};

class Painter {
public:
    Painter(SDL_Renderer* renderer, Fonts& fonts, const Theme& theme);
    ~Painter();
    Painter(const Painter&) = delete;
    Painter& operator=(const Painter&) = delete;

    const Theme& theme() const { return m_theme; }
    SDL_Renderer* renderer() const { return m_renderer; }

    void clear(Color color);
    void fill_rect(Rect rect, Color color);
    void fill_rounded_rect(Rect rect, int radius, Color color);
    void fill_circle(Point centre, int radius, Color color);

    // Single line at (x, y) = top-left of the line box; returns the width drawn.
    int draw_text(std::string_view text, const TextStyle& style, Point at);
    // Single line aligned inside a box (vertically centred), cut with "…" if too wide.
    void draw_text_in(std::string_view text, const TextStyle& style, Rect box, Align align = Align::Start);
    // Wrapped paragraph starting at the box's top; returns the height used. Lines past the box's
    // bottom are not drawn.
    int draw_paragraph(std::string_view text, const TextStyle& style, Rect box, Align align = Align::Start);

    int text_width(std::string_view text, const TextStyle& style);
    int line_height(const TextStyle& style);
    std::vector<std::string> wrap(std::string_view text, const TextStyle& style, int max_width);

    // Uploads 24-bit RGB pixels (3 bytes each, rows top-down) as a picture; an empty picture when the
    // sizes do not match. UI thread only, like every texture.
    Picture create_picture_rgb(std::span<const uint8_t> rgb, int width, int height);
    // Scaled (smoothly) to fill `target`.
    void draw_picture(const Picture& picture, Rect target);

    // Clipping for scrolled content.
    void push_clip(Rect rect);
    void pop_clip();

    void drop_text_cache();

private:
    struct CachedText {
        SDL_Texture* texture = nullptr;
        int width = 0, height = 0;
        std::list<std::string>::iterator lru;
    };
    const CachedText* text_texture(std::string_view text, const TextStyle& style);
    std::string cache_key(std::string_view text, const TextStyle& style) const;

    SDL_Renderer* m_renderer;
    Fonts& m_fonts;
    const Theme& m_theme;
    std::unordered_map<std::string, CachedText> m_cache;
    std::list<std::string> m_lru; // most recent first
    std::vector<Rect> m_clips;
};

} // namespace kiosk::ui
