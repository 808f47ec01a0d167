#include "ui/scenes/Chrome.h"

#include "ui/scenes/Format.h"

namespace kiosk::ui {

Chrome::Chrome(const Theme& theme, Translator& tr, const Clock& clock, const HallOptions& hall)
    : m_theme(theme), m_tr(tr), m_clock(clock), m_hall(hall) {
    m_root.add(m_language_toggle);
    m_root.add(m_back);
    m_root.add(m_home);
}

Rect Chrome::header(Rect screen) const {
    return {screen.x, screen.y, screen.w, m_theme.px(m_theme.header_height)};
}

Rect Chrome::content(Rect screen, bool visit_bar) const {
    Rect content = screen;
    content.take_top(m_theme.px(m_theme.header_height));
    if (visit_bar)
        content.take_bottom(m_theme.px(m_theme.button_height + 40));
    return content;
}

void Chrome::layout(Rect screen, const Shape& shape) {
    const Theme& theme = m_theme;
    m_screen = screen;
    m_shape = shape;
    m_root.set_bounds(screen);
    Rect top = header(screen);
    int toggle_w = theme.px(170);
    m_language_toggle.set_text(m_tr.language() == Language::ZhCN ? "English" : "中文");
    m_language_toggle.set_font_size(theme.font_body);
    m_language_toggle.set_bounds(
        {top.right() - toggle_w - theme.px(32), top.y + theme.px(22), toggle_w, top.h - theme.px(44)});
    m_language_toggle.set_visible(shape.language);
    m_back.set_visible(shape.visit_bar && shape.can_go_back);
    m_home.set_visible(shape.visit_bar);
    Rect bar = screen;
    bar = bar.take_bottom(theme.px(theme.button_height + 40)).inset(theme.px(theme.margin), theme.px(20));
    int w = theme.px(300);
    m_back.set_text(m_tr.tr("nav.back"));
    m_home.set_text(m_tr.tr("nav.home"));
    m_back.set_bounds({bar.x, bar.y, w, bar.h});
    m_home.set_bounds({bar.right() - w, bar.y, w, bar.h});
}

void Chrome::draw(Painter& painter) {
    draw_header(painter);
    if (m_shape.visit_bar) {
        Rect bar = m_screen;
        bar = bar.take_bottom(m_theme.px(m_theme.button_height + 40));
        painter.fill_rect(bar, m_theme.surface);
        painter.fill_rect({bar.x, bar.y, bar.w, m_theme.px(2)}, m_theme.border);
    }
    m_root.draw(painter);
}

void Chrome::draw_header(Painter& painter) {
    const Theme& theme = m_theme;
    Rect top = header(m_screen);
    painter.fill_rect(top, theme.primary);
    painter.fill_rect({top.x, top.bottom() - theme.px(6), top.w, theme.px(6)}, theme.accent);
    int radius = theme.px(36);
    Point emblem{top.x + theme.px(32) + radius, top.y + top.h / 2 - theme.px(3)};
    painter.fill_circle(emblem, radius, theme.accent);
    painter.draw_text_in(m_tr.tr("header.emblem"), {theme.font_heading - 4, true, theme.text_on_primary},
                         {emblem.x - radius, emblem.y - radius, 2 * radius, 2 * radius}, Align::Center);
    Rect text = top.inset(theme.px(32), 0);
    text.take_left(2 * radius + theme.px(24));
    text.w -= theme.px(170 + 32 + 24);
    if (m_shape.clock) {
        auto now = to_local_civil(m_clock.wall_now());
        std::string clock = format_date(now, m_tr) + "  " + format_time(now);
        TextStyle clock_style{theme.font_body, false, theme.text_on_primary};
        int clock_w = painter.text_width(clock, clock_style);
        painter.draw_text_in(clock, clock_style, {text.right() - clock_w, text.y, clock_w, text.h});
        text.w -= clock_w + theme.px(32);
    }
    painter.draw_text_in(m_hall.name.in(m_tr.language()) + "  ·  " + m_tr.tr("header.product"),
                         {theme.font_heading - 2, true, theme.text_on_primary}, text);
}

} // namespace kiosk::ui
