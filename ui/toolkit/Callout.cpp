#include "ui/toolkit/Callout.h"

#include "ui/toolkit/Painter.h"

#include <algorithm>

namespace kiosk::ui {

void Callout::draw(Painter& painter) {
    const Theme& theme = painter.theme();
    Color colour = m_colour.value_or(theme.warning);
    painter.fill_rounded_rect(bounds(), theme.px(theme.radius), colour);
    Rect inner = bounds().inset(theme.px(48));
    TextStyle title{theme.font_display, true, theme.text_on_primary};
    if (painter.wrap(m_title, title, inner.w).size() > 1)
        title.size = theme.font_title; // one line is read at a glance; a broken one is not
    TextStyle detail{theme.font_heading, false, theme.text_on_primary};
    int radius = theme.px(64), below_badge = theme.px(40), below_title = theme.px(16);
    int title_h = static_cast<int>(painter.wrap(m_title, title, inner.w).size()) * painter.line_height(title);
    int detail_h =
        static_cast<int>(painter.wrap(m_detail, detail, inner.w).size()) * painter.line_height(detail);
    int text_h = title_h + below_title + detail_h;
    bool badge = text_h + 2 * radius + below_badge <= inner.h; // the words come first
    int height = text_h + (badge ? 2 * radius + below_badge : 0);
    inner.take_top(std::max(0, (inner.h - height) / 2));

    if (badge) {
        Point centre{inner.x + inner.w / 2, inner.y + radius};
        painter.fill_circle(centre, radius, theme.text_on_primary);
        painter.draw_text_in(m_badge, {theme.font_title + 8, true, colour},
                             {centre.x - radius, centre.y - radius, 2 * radius, 2 * radius}, Align::Center);
        inner.take_top(2 * radius + below_badge);
    }
    inner.take_top(painter.draw_paragraph(m_title, title, inner, Align::Center) + below_title);
    painter.draw_paragraph(m_detail, detail, inner, Align::Center);
}

} // namespace kiosk::ui
