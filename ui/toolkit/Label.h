#pragma once
// Static text: one line (ellipsized) or a wrapped paragraph.

#include "ui/toolkit/Painter.h"
#include "ui/toolkit/Widget.h"

#include <string>

namespace kiosk::ui {

class Label final : public Widget {
public:
    Label() = default;
    Label(std::string text, TextStyle style, Align align = Align::Start, bool wrap = false)
        : m_text(std::move(text)), m_style(style), m_align(align), m_wrap(wrap) {}

    void set_text(std::string text) { m_text = std::move(text); }
    const std::string& text() const { return m_text; }
    void set_style(TextStyle style) { m_style = style; }
    const TextStyle& style() const { return m_style; }
    bool wraps() const { return m_wrap; }

    void draw(Painter& painter) override {
        if (m_wrap)
            painter.draw_paragraph(m_text, m_style, bounds(), m_align);
        else
            painter.draw_text_in(m_text, m_style, bounds(), m_align);
    }

private:
    std::string m_text;
    TextStyle m_style;
    Align m_align = Align::Start;
    bool m_wrap = false;
};

} // namespace kiosk::ui
