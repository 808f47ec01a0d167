#pragma once
// A touch button: plain (primary / secondary), or a tile with an icon glyph and a subtitle. A
// disabled button shows why in its subtitle and ignores touches.

#include "ui/toolkit/Widget.h"

#include <functional>
#include <string>

namespace kiosk::ui {

class Button final : public Widget {
public:
    enum class Kind { Primary, Secondary, Tile };

    explicit Button(Kind kind = Kind::Primary) : m_kind(kind) {}

    void set_kind(Kind kind) { m_kind = kind; }
    void set_text(std::string text) { m_text = std::move(text); }
    void set_subtitle(std::string subtitle) { m_subtitle = std::move(subtitle); }
    void set_icon(std::string glyph) { m_icon = std::move(glyph); } // one or two characters
    void set_enabled(bool enabled) { m_enabled = enabled; }
    void set_font_size(int design_px) { m_font_size = design_px; }
    void on_click(std::function<void()> handler) { m_on_click = std::move(handler); }

    const std::string& text() const { return m_text; }
    const std::string& subtitle() const { return m_subtitle; }
    bool enabled() const { return m_enabled; }
    int font_size() const { return m_font_size; } // 0: the theme's button size
    void click() {
        if (m_enabled && m_on_click)
            m_on_click();
    }

    void draw(Painter& painter) override;
    bool on_pointer(const PointerEvent& event) override;

private:
    void draw_tile(Painter& painter);

    Kind m_kind;
    std::string m_text, m_subtitle, m_icon;
    bool m_enabled = true;
    bool m_pressed = false;
    int m_font_size = 0; // 0: the theme's button size
    std::function<void()> m_on_click;
};

} // namespace kiosk::ui
