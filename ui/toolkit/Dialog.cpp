#include "ui/toolkit/Dialog.h"

#include "ui/toolkit/Painter.h"

#include <algorithm>

namespace kiosk::ui {

Dialog::Dialog() {
    m_buttons.add(m_secondary);
    m_buttons.add(m_primary);
}

void Dialog::set_progress(std::optional<float> fraction) {
    m_show_progress = fraction.has_value();
    if (fraction)
        m_progress.set_fraction(*fraction);
}

bool Dialog::on_pointer(const PointerEvent& event) {
    m_buttons.on_pointer(event);
    return true; // modal
}

void Dialog::draw(Painter& painter) {
    const Theme& theme = painter.theme();
    Rect screen = bounds();
    painter.fill_rect(screen, theme.scrim);

    int width = std::min(screen.w - 2 * theme.px(theme.margin), theme.px(1100));
    TextStyle title_style{theme.font_title, true, theme.text};
    TextStyle message_style{theme.font_body + 4, false, theme.text};
    int inner = width - 2 * theme.px(56);
    int message_lines = static_cast<int>(painter.wrap(m_message, message_style, inner).size());
    int height = theme.px(56) + painter.line_height(title_style) + theme.px(24) +
                 message_lines * painter.line_height(message_style) + theme.px(40) +
                 (m_show_progress ? theme.px(60) : 0) + theme.px(theme.button_height) + theme.px(56);
    Rect card{screen.x + (screen.w - width) / 2, screen.y + (screen.h - height) / 2, width, height};
    painter.fill_rounded_rect(card, theme.px(24), theme.surface);
    painter.fill_rect({card.x, card.y + theme.px(24), theme.px(10), card.h - theme.px(48)}, theme.primary);

    Rect content = card.inset(theme.px(56));
    painter.draw_text_in(m_title, title_style, content.take_top(painter.line_height(title_style)),
                         Align::Center);
    content.take_top(theme.px(24));
    int used = painter.draw_paragraph(m_message, message_style, content, Align::Center);
    content.take_top(used + theme.px(40));
    if (m_show_progress) {
        m_progress.set_bounds(content.take_top(theme.px(20)));
        m_progress.draw(painter);
        content.take_top(theme.px(40));
    }
    Rect row = content.take_top(theme.px(theme.button_height));
    bool two = !m_secondary.text().empty() && !m_primary.text().empty();
    int button_width = two ? (row.w - theme.px(theme.gap)) / 2 : std::min(row.w, theme.px(520));
    m_secondary.set_visible(!m_secondary.text().empty());
    m_primary.set_visible(!m_primary.text().empty());
    if (two) {
        m_secondary.set_bounds({row.x, row.y, button_width, row.h});
        m_primary.set_bounds({row.right() - button_width, row.y, button_width, row.h});
    } else {
        m_primary.set_bounds({row.x + (row.w - button_width) / 2, row.y, button_width, row.h});
        m_secondary.set_bounds(m_primary.bounds());
    }
    m_buttons.draw(painter);
}

} // namespace kiosk::ui
