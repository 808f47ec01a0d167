#include "ui/toolkit/Notice.h"

#include "ui/toolkit/Painter.h"

#include <algorithm>

namespace kiosk::ui {

namespace {
constexpr size_t kMaxLines = 3;
} // namespace

void Notice::draw(Painter& painter) {
    const Theme& theme = painter.theme();
    Rect area = bounds();
    // Warnings and errors are filled with their colour; information is a white card edged in blue,
    // which also stands out on the blue cards scenes use.
    bool filled = m_tone != Tone::Info;
    Color colour = m_tone == Tone::Error     ? theme.danger
                   : m_tone == Tone::Warning ? theme.warning
                                             : theme.primary;
    Color ink = filled ? theme.text_on_primary : theme.text;
    TextStyle style{theme.font_body + 4, true, ink};
    int pad = theme.px(22), icon_radius = theme.px(26), gap = theme.px(24), close_w = theme.px(40);
    int chrome_w = 2 * pad + 2 * icon_radius + gap + gap + close_w;
    auto lines = painter.wrap(m_text, style, area.w - chrome_w);
    if (lines.size() > kMaxLines)
        lines.resize(kMaxLines);
    int line_h = painter.line_height(style);
    int text_h = static_cast<int>(lines.size()) * line_h;
    m_card = {area.x, area.y, area.w, 2 * pad + std::max(text_h, 2 * icon_radius)};

    int radius = theme.px(theme.radius);
    Rect shadow{m_card.x, m_card.y + theme.px(6), m_card.w, m_card.h};
    painter.fill_rounded_rect(shadow, radius, {0x10, 0x18, 0x28, 0x40});
    painter.fill_rounded_rect(m_card, radius, colour);
    if (!filled)
        painter.fill_rounded_rect(m_card.inset(theme.px(4)), radius - theme.px(4), theme.surface);

    Rect inner = m_card.inset(pad);
    Point centre{inner.x + icon_radius, inner.y + inner.h / 2};
    painter.fill_circle(centre, icon_radius, filled ? theme.text_on_primary : colour);
    painter.draw_text_in(m_tone == Tone::Info ? "i" : "!",
                         {theme.font_body + 4, true, filled ? colour : theme.text_on_primary},
                         {centre.x - icon_radius, centre.y - icon_radius, 2 * icon_radius, 2 * icon_radius},
                         Align::Center);
    inner.take_left(2 * icon_radius + gap);
    Rect close = {inner.right() - close_w, inner.y, close_w, inner.h};
    painter.draw_text_in("×", {theme.font_heading, false, filled ? ink : theme.text_muted}, close,
                         Align::Center);
    int y = inner.y + (inner.h - text_h) / 2;
    for (const auto& line : lines) {
        painter.draw_text(line, style, {inner.x, y});
        y += line_h;
    }
}

bool Notice::on_pointer(const PointerEvent& event) {
    switch (event.type) {
    case PointerEvent::Type::Down:
        m_pressed = m_card.contains(event.position);
        return m_pressed; // elsewhere the touch is the screen's
    case PointerEvent::Type::Move:
        return true;
    case PointerEvent::Type::Up:
        if (m_pressed && m_card.contains(event.position))
            dismiss();
        m_pressed = false;
        return true;
    }
    return false;
}

} // namespace kiosk::ui
