#include "ui/toolkit/ChoiceDialog.h"

#include "ui/toolkit/Painter.h"

#include <algorithm>

namespace kiosk::ui {

ChoiceDialog::ChoiceDialog() {
    m_cancel.on_click([this] {
        set_visible(false);
        if (m_on_cancel)
            m_on_cancel();
    });
}

void ChoiceDialog::set_choices(const std::vector<std::string>& texts) {
    while (m_choices.size() < texts.size()) {
        size_t index = m_choices.size();
        auto button = std::make_unique<Button>(Button::Kind::Primary);
        button->on_click([this, index] {
            set_visible(false);
            if (m_on_choose)
                m_on_choose(index);
        });
        m_choices.push_back(std::move(button));
    }
    m_choices.resize(texts.size());
    m_buttons.clear();
    for (size_t i = 0; i < texts.size(); ++i) {
        m_choices[i]->set_text(texts[i]);
        m_buttons.add(*m_choices[i]);
    }
    m_buttons.add(m_cancel);
}

bool ChoiceDialog::on_pointer(const PointerEvent& event) {
    m_buttons.on_pointer(event);
    return true; // modal
}

void ChoiceDialog::draw(Painter& painter) {
    const Theme& theme = painter.theme();
    Rect screen = bounds();
    painter.fill_rect(screen, theme.scrim);

    int width = std::min(screen.w - 2 * theme.px(theme.margin), theme.px(1000));
    TextStyle title_style{theme.font_title, true, theme.text};
    TextStyle message_style{theme.font_body, false, theme.text};
    int inner = width - 2 * theme.px(48);
    int message_lines = static_cast<int>(painter.wrap(m_message, message_style, inner).size());
    int choice_h = theme.px(kChoiceHeight), gap = theme.px(16);
    int count = static_cast<int>(m_choices.size());
    int height = theme.px(48) + painter.line_height(title_style) + theme.px(16) +
                 message_lines * painter.line_height(message_style) + theme.px(32) +
                 count * (choice_h + gap) + theme.px(16) + choice_h + theme.px(48);
    height = std::min(height, screen.h);
    Rect card{screen.x + (screen.w - width) / 2, screen.y + (screen.h - height) / 2, width, height};
    painter.fill_rounded_rect(card, theme.px(24), theme.surface);
    painter.fill_rect({card.x, card.y + theme.px(24), theme.px(10), card.h - theme.px(48)}, theme.primary);

    Rect content = card.inset(theme.px(48));
    painter.draw_text_in(m_title, title_style, content.take_top(painter.line_height(title_style)),
                         Align::Center);
    content.take_top(theme.px(16));
    int used = painter.draw_paragraph(m_message, message_style, content, Align::Center);
    content.take_top(used + theme.px(32));
    for (auto& choice : m_choices) {
        choice->set_font_size(theme.font_body);
        choice->set_bounds(content.take_top(choice_h));
        content.take_top(gap);
    }
    content.take_top(theme.px(16));
    int cancel_w = std::min(content.w, theme.px(420));
    m_cancel.set_font_size(theme.font_body);
    m_cancel.set_bounds({content.x + (content.w - cancel_w) / 2, content.y, cancel_w, choice_h});
    m_buttons.draw(painter);
}

} // namespace kiosk::ui
