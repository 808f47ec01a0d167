#include "ui/toolkit/Painter.h"

#include "ui/toolkit/TextLayout.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <algorithm>
#include <cmath>

namespace kiosk::ui {
namespace {
constexpr size_t kMaxCachedTexts = 768; // a few screens' worth of strings in both languages
}

Painter::Painter(SDL_Renderer* renderer, Fonts& fonts, const Theme& theme)
    : m_renderer(renderer), m_fonts(fonts), m_theme(theme) {}

Painter::~Painter() {
    drop_text_cache();
}

void Painter::drop_text_cache() {
    for (auto& [key, cached] : m_cache)
        SDL_DestroyTexture(cached.texture);
    m_cache.clear();
    m_lru.clear();
}

void Painter::clear(Color color) {
    SDL_SetRenderDrawColor(m_renderer, color.r, color.g, color.b, color.a);
    SDL_RenderClear(m_renderer);
}

void Painter::fill_rect(Rect rect, Color color) {
    SDL_SetRenderDrawBlendMode(m_renderer, color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(m_renderer, color.r, color.g, color.b, color.a);
    SDL_Rect r{rect.x, rect.y, rect.w, rect.h};
    SDL_RenderFillRect(m_renderer, &r);
}

void Painter::fill_rounded_rect(Rect rect, int radius, Color color) {
    radius = std::min({radius, rect.w / 2, rect.h / 2});
    if (radius <= 0)
        return fill_rect(rect, color);
    SDL_SetRenderDrawBlendMode(m_renderer, color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(m_renderer, color.r, color.g, color.b, color.a);
    std::vector<SDL_Rect> rows;
    rows.reserve(2 * radius + 1);
    rows.push_back({rect.x, rect.y + radius, rect.w, rect.h - 2 * radius});
    for (int dy = 0; dy < radius; ++dy) {
        // Row dy of the top corners (and its mirror at the bottom), inset by the circle's edge.
        double y = radius - dy - 0.5;
        int inset = radius - static_cast<int>(std::lround(std::sqrt(double(radius) * radius - y * y)));
        rows.push_back({rect.x + inset, rect.y + dy, rect.w - 2 * inset, 1});
        rows.push_back({rect.x + inset, rect.bottom() - 1 - dy, rect.w - 2 * inset, 1});
    }
    SDL_RenderFillRects(m_renderer, rows.data(), static_cast<int>(rows.size()));
}

void Painter::fill_circle(Point centre, int radius, Color color) {
    fill_rounded_rect({centre.x - radius, centre.y - radius, 2 * radius, 2 * radius}, radius, color);
}

std::string Painter::cache_key(std::string_view text, const TextStyle& style) const {
    std::string key;
    key.reserve(text.size() + 16);
    key += std::to_string(style.size);
    key += style.bold ? 'B' : 'R';
    key.append(reinterpret_cast<const char*>(&style.color), sizeof style.color);
    key += '|';
    key += text;
    return key;
}

const Painter::CachedText* Painter::text_texture(std::string_view text, const TextStyle& style) {
    std::string key = cache_key(text, style);
    if (auto it = m_cache.find(key); it != m_cache.end()) {
        m_lru.splice(m_lru.begin(), m_lru, it->second.lru);
        return &it->second;
    }
    TTF_Font* font = m_fonts.get(m_theme.px(style.size), style.bold);
    SDL_Color color{style.color.r, style.color.g, style.color.b, style.color.a};
    std::string owned(text);
    SDL_Surface* surface = TTF_RenderUTF8_Blended(font, owned.c_str(), color);
    if (!surface)
        return nullptr;
    SDL_Texture* texture = SDL_CreateTextureFromSurface(m_renderer, surface);
    CachedText cached{texture, surface->w, surface->h, {}};
    SDL_FreeSurface(surface);
    if (!texture)
        return nullptr;
    if (m_cache.size() >= kMaxCachedTexts) {
        auto& oldest = m_lru.back();
        SDL_DestroyTexture(m_cache[oldest].texture);
        m_cache.erase(oldest);
        m_lru.pop_back();
    }
    m_lru.push_front(key);
    cached.lru = m_lru.begin();
    return &m_cache.emplace(std::move(key), cached).first->second;
}

int Painter::text_width(std::string_view text, const TextStyle& style) {
    if (text.empty())
        return 0;
    int width = 0;
    std::string owned(text);
    TTF_SizeUTF8(m_fonts.get(m_theme.px(style.size), style.bold), owned.c_str(), &width, nullptr);
    return width;
}

int Painter::line_height(const TextStyle& style) {
    return TTF_FontLineSkip(m_fonts.get(m_theme.px(style.size), style.bold));
}

int Painter::draw_text(std::string_view text, const TextStyle& style, Point at) {
    if (text.empty())
        return 0;
    const CachedText* cached = text_texture(text, style);
    if (!cached)
        return 0;
    SDL_Rect target{at.x, at.y, cached->width, cached->height};
    SDL_RenderCopy(m_renderer, cached->texture, nullptr, &target);
    return cached->width;
}

void Painter::draw_text_in(std::string_view text, const TextStyle& style, Rect box, Align align) {
    MeasureFn measure = [&](std::string_view s) { return text_width(s, style); };
    std::string fitted = ellipsize(text, box.w, measure);
    int width = text_width(fitted, style);
    int height = line_height(style);
    int x = align == Align::Start    ? box.x
            : align == Align::Center ? box.x + (box.w - width) / 2
                                     : box.right() - width;
    draw_text(fitted, style, {x, box.y + (box.h - height) / 2});
}

std::vector<std::string> Painter::wrap(std::string_view text, const TextStyle& style, int max_width) {
    return break_lines(text, max_width, [&](std::string_view s) { return text_width(s, style); });
}

int Painter::draw_paragraph(std::string_view text, const TextStyle& style, Rect box, Align align) {
    int height = line_height(style);
    int y = box.y;
    for (auto& line : wrap(text, style, box.w)) {
        if (y + height > box.bottom() + height / 4)
            break;
        int width = text_width(line, style);
        int x = align == Align::Start    ? box.x
                : align == Align::Center ? box.x + (box.w - width) / 2
                                         : box.right() - width;
        draw_text(line, style, {x, y});
        y += height;
    }
    return y - box.y;
}

Picture Painter::create_picture_rgb(std::span<const uint8_t> rgb, int width, int height) {
    if (width <= 0 || height <= 0 || rgb.size() != static_cast<size_t>(width) * height * 3)
        return {};
    SDL_Texture* texture =
        SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_RGB24, SDL_TEXTUREACCESS_STATIC, width, height);
    if (!texture)
        return {};
    if (SDL_UpdateTexture(texture, nullptr, rgb.data(), width * 3) != 0) {
        SDL_DestroyTexture(texture);
        return {};
    }
    SDL_SetTextureScaleMode(texture, SDL_ScaleModeLinear);
    return Picture(texture, width, height);
}

void Painter::draw_picture(const Picture& picture, Rect target) {
    if (!picture)
        return;
    SDL_Rect r{target.x, target.y, target.w, target.h};
    SDL_RenderCopy(m_renderer, picture.m_texture, nullptr, &r);
}

void Painter::push_clip(Rect rect) {
    m_clips.push_back(rect);
    SDL_Rect r{rect.x, rect.y, rect.w, rect.h};
    SDL_RenderSetClipRect(m_renderer, &r);
}

void Painter::pop_clip() {
    m_clips.pop_back();
    if (m_clips.empty()) {
        SDL_RenderSetClipRect(m_renderer, nullptr);
        return;
    }
    auto& top = m_clips.back();
    SDL_Rect r{top.x, top.y, top.w, top.h};
    SDL_RenderSetClipRect(m_renderer, &r);
}

} // namespace kiosk::ui
