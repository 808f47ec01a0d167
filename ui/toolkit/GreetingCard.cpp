#include "ui/toolkit/GreetingCard.h"

#include "ui/toolkit/Painter.h"

#include <algorithm>

namespace kiosk::ui {

namespace {
constexpr int kTextHeight = 280;  // design px: the card without a photo
constexpr int kPhotoHeight = 252; // design px: a 102 × 126 card photo shown at twice its size
constexpr int kBorder = 4;        // design px, white, around the photo
constexpr int kPadding = 56;      // design px
constexpr int kPhotoMargin = 28;  // design px above and below the framed photo
} // namespace

int GreetingCard::height_for(const Theme& theme, bool with_photo) {
    if (!with_photo)
        return theme.px(kTextHeight);
    return std::max(theme.px(kTextHeight), theme.px(kPhotoHeight + 2 * kBorder + 2 * kPhotoMargin));
}

void GreetingCard::draw(Painter& painter) {
    const Theme& theme = painter.theme();
    Rect card = bounds();
    painter.fill_rounded_rect(card, theme.px(theme.radius), theme.primary);
    Rect text = card.inset(theme.px(kPadding), 0);
    if (m_photo && *m_photo && m_photo->height() > 0) {
        int h = theme.px(kPhotoHeight);
        int w = h * m_photo->width() / m_photo->height();
        int border = theme.px(kBorder);
        Rect frame{text.x, card.y + (card.h - h) / 2 - border, w + 2 * border, h + 2 * border};
        painter.fill_rect(frame, theme.text_on_primary);
        painter.draw_picture(*m_photo, frame.inset(border));
        text.take_left(frame.w + theme.px(kPadding));
    }
    // The text block keeps its place of a photo-less card, centred vertically in a taller one.
    text.take_top((card.h - theme.px(kTextHeight)) / 2 + theme.px(kPadding));
    TextStyle title{theme.font_display, true, theme.text_on_primary};
    painter.draw_text_in(m_title, title, text.take_top(painter.line_height(title)), Align::Center);
    text.take_top(theme.px(20));
    TextStyle detail{theme.font_heading - 6, false, theme.text_on_primary};
    painter.draw_text_in(m_detail, detail, text.take_top(painter.line_height(detail)), Align::Center);
}

} // namespace kiosk::ui
