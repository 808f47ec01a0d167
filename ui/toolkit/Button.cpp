#include "ui/toolkit/Button.h"

#include "ui/toolkit/Painter.h"

#include <algorithm>

namespace kiosk::ui {

bool Button::on_pointer(const PointerEvent& event) {
    switch (event.type) {
    case PointerEvent::Type::Down:
        if (!m_enabled)
            return true; // swallow: a disabled button is not a hole to the screen behind it
        m_pressed = true;
        return true;
    case PointerEvent::Type::Move:
        m_pressed = m_enabled && bounds().contains(event.position);
        return true;
    case PointerEvent::Type::Up: {
        bool fire = m_pressed && bounds().contains(event.position);
        m_pressed = false;
        if (fire)
            click();
        return true;
    }
    }
    return false;
}

void Button::draw(Painter& painter) {
    if (m_kind == Kind::Tile)
        return draw_tile(painter);
    const Theme& theme = painter.theme();
    Rect box = bounds();
    int radius = theme.px(theme.radius);
    TextStyle style{m_font_size ? m_font_size : theme.font_button, true, theme.text_on_primary};
    if (!m_enabled) {
        painter.fill_rounded_rect(box, radius, theme.disabled);
        style.color = theme.disabled_text;
    } else if (m_kind == Kind::Primary) {
        painter.fill_rounded_rect(box, radius, m_pressed ? theme.primary_pressed : theme.primary);
    } else {
        painter.fill_rounded_rect(box, radius, theme.primary);
        painter.fill_rounded_rect(box.inset(theme.px(3)), radius - theme.px(3),
                                  m_pressed ? theme.surface_pressed : theme.surface);
        style.color = theme.primary;
    }
    painter.draw_text_in(m_text, style, box.inset(theme.px(16), 0), Align::Center);
}

void Button::draw_tile(Painter& painter) {
    const Theme& theme = painter.theme();
    Rect box = bounds();
    int radius = theme.px(theme.radius);
    painter.fill_rounded_rect(box, radius, theme.border);
    painter.fill_rounded_rect(box.inset(theme.px(2)), radius - theme.px(2),
                              !m_enabled  ? theme.background
                              : m_pressed ? theme.surface_pressed
                                          : theme.surface);
    Rect content = box.inset(theme.px(32));
    int icon_radius = theme.px(56);
    Color icon_colour = m_enabled ? theme.primary : theme.disabled;
    bool vertical = box.h > box.w * 3 / 4; // tall tile: icon above text; wide tile: icon left of text
    Rect text_box = content;
    if (vertical) {
        Point centre{content.x + content.w / 2, content.y + icon_radius};
        painter.fill_circle(centre, icon_radius, icon_colour);
        painter.draw_text_in(
            m_icon, {52, true, theme.text_on_primary},
            {centre.x - icon_radius, centre.y - icon_radius, 2 * icon_radius, 2 * icon_radius},
            Align::Center);
        text_box.take_top(2 * icon_radius + theme.px(28));
    } else {
        Point centre{content.x + icon_radius, content.y + content.h / 2};
        painter.fill_circle(centre, icon_radius, icon_colour);
        painter.draw_text_in(
            m_icon, {52, true, theme.text_on_primary},
            {centre.x - icon_radius, centre.y - icon_radius, 2 * icon_radius, 2 * icon_radius},
            Align::Center);
        text_box.take_left(2 * icon_radius + theme.px(32));
    }
    Align align = vertical ? Align::Center : Align::Start;
    TextStyle title{m_font_size ? m_font_size : theme.font_heading, true,
                    m_enabled ? theme.text : theme.disabled_text};
    int title_height = painter.line_height(title);
    TextStyle subtitle{theme.font_body, false, m_enabled ? theme.text_muted : theme.warning};
    if (!vertical) {
        // Centred as a block, however many lines the subtitle wraps to (a reason can take several).
        size_t lines = std::max<size_t>(1, painter.wrap(m_subtitle, subtitle, text_box.w).size());
        text_box.y +=
            (text_box.h - title_height - static_cast<int>(lines) * painter.line_height(subtitle)) / 2;
    }
    painter.draw_text_in(m_text, title, text_box.take_top(title_height), align);
    text_box.take_top(theme.px(8));
    painter.draw_paragraph(m_subtitle, subtitle, text_box, align);
}

} // namespace kiosk::ui
