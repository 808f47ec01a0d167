#pragma once
// Plain value types for layout and drawing.

#include <cstdint>

namespace kiosk::ui {

struct Color {
    uint8_t r = 0, g = 0, b = 0, a = 255;
    bool operator==(const Color&) const = default;
};

struct Point {
    int x = 0, y = 0;
};

struct Rect {
    int x = 0, y = 0, w = 0, h = 0;

    bool contains(Point p) const { return p.x >= x && p.x < x + w && p.y >= y && p.y < y + h; }
    int right() const { return x + w; }
    int bottom() const { return y + h; }
    Point centre() const { return {x + w / 2, y + h / 2}; }
    Rect inset(int by) const { return {x + by, y + by, w - 2 * by, h - 2 * by}; }
    Rect inset(int horizontal, int vertical) const {
        return {x + horizontal, y + vertical, w - 2 * horizontal, h - 2 * vertical};
    }
    // Splits off the top `height` pixels; returns them and shrinks this rect.
    Rect take_top(int height) {
        Rect top{x, y, w, height};
        y += height;
        h -= height;
        return top;
    }
    Rect take_bottom(int height) {
        h -= height;
        return {x, y + h, w, height};
    }
    Rect take_left(int width) {
        Rect left{x, y, width, h};
        x += width;
        w -= width;
        return left;
    }
};

enum class Align { Start, Center, End };

} // namespace kiosk::ui
