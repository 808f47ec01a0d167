#include "ui/toolkit/ListView.h"

#include "ui/toolkit/Painter.h"

namespace kiosk::ui {

Rect ListView::row_bounds(size_t index) const {
    Rect box = bounds();
    return {box.x, box.y + static_cast<int>(index) * m_row_height - m_scroller.offset(), box.w, m_row_height};
}

bool ListView::on_pointer(const PointerEvent& event) {
    bool tap = m_scroller.track(event, m_slop);
    int index = (event.position.y - bounds().y + m_scroller.offset()) / std::max(1, m_row_height);
    if (event.type == PointerEvent::Type::Down)
        m_pressed = index < static_cast<int>(m_rows.size()) ? index : -1;
    if (event.type == PointerEvent::Type::Up) {
        int pressed = m_pressed;
        m_pressed = -1;
        if (tap && pressed == index && pressed >= 0)
            select(static_cast<size_t>(pressed));
    }
    return true;
}

void ListView::draw(Painter& painter) {
    const Theme& theme = painter.theme();
    m_slop = theme.px(theme.touch_slop);
    Rect box = bounds();
    painter.push_clip(box);
    int pad = theme.px(28);
    for (size_t i = 0; i < m_rows.size(); ++i) {
        Rect row = row_bounds(i);
        if (row.bottom() < box.y || row.y > box.bottom())
            continue;
        const ListRow& data = m_rows[i];
        Rect card = {row.x, row.y + theme.px(6), row.w, row.h - theme.px(12)};
        painter.fill_rounded_rect(card, theme.px(12), theme.border);
        painter.fill_rounded_rect(card.inset(theme.px(2)), theme.px(10),
                                  static_cast<int>(i) == m_pressed ? theme.surface_pressed : theme.surface);
        painter.fill_rect({card.x + theme.px(2), card.y + theme.px(14), theme.px(8), card.h - theme.px(28)},
                          data.enabled ? theme.primary : theme.disabled);
        Rect content = card.inset(pad, theme.px(14));
        content.take_left(theme.px(12));
        int trailing_width = 0;
        TextStyle trailing_style{theme.font_small, false,
                                 !data.enabled          ? theme.warning
                                 : data.trailing_colour ? *data.trailing_colour
                                                        : theme.primary};
        if (!data.trailing.empty()) {
            trailing_width = std::min(painter.text_width(data.trailing, trailing_style), content.w / 3);
            painter.draw_text_in(data.trailing, trailing_style,
                                 {content.right() - trailing_width, content.y, trailing_width, content.h},
                                 Align::End);
        }
        content.w -= trailing_width + (trailing_width ? pad : 0);
        TextStyle title{theme.font_heading - 4, true, data.enabled ? theme.text : theme.disabled_text};
        TextStyle subtitle{theme.font_small, false, theme.text_muted};
        int title_h = painter.line_height(title);
        int sub_h = data.subtitle.empty() ? 0 : painter.line_height(subtitle);
        int y = content.y + (content.h - title_h - sub_h) / 2;
        painter.draw_text_in(data.title, title, {content.x, y, content.w, title_h});
        if (sub_h)
            painter.draw_text_in(data.subtitle, subtitle, {content.x, y + title_h, content.w, sub_h});
    }
    if (m_scroller.max_offset() > 0) {
        // Scroll indicator: shows there is more below even when nobody touches the list.
        int track = box.h;
        int thumb = std::max(theme.px(60), track * box.h / (track + m_scroller.max_offset()));
        int y = box.y + (track - thumb) * m_scroller.offset() / m_scroller.max_offset();
        painter.fill_rounded_rect({box.right() - theme.px(8), y, theme.px(6), thumb}, theme.px(3),
                                  theme.disabled);
    }
    painter.pop_clip();
}

} // namespace kiosk::ui
