#include "ui/scenes/OutOfServiceScene.h"

namespace kiosk::ui {

void OutOfServiceScene::draw(Painter& painter) {
    const Theme& theme = m_ctx.theme;
    Rect area = m_content.inset(theme.px(theme.margin));
    area.take_top(area.h / 6);
    int radius = theme.px(110);
    Point centre{area.x + area.w / 2, area.y + radius};
    painter.fill_circle(centre, radius, theme.warning);
    painter.draw_text_in("!", {150, true, theme.text_on_primary},
                         {centre.x - radius, centre.y - radius, 2 * radius, 2 * radius}, Align::Center);
    area.take_top(2 * radius + theme.px(50));
    TextStyle title{theme.font_display, true, theme.text};
    painter.draw_text_in(tr("out_of_service.title"), title, area.take_top(painter.line_height(title)),
                         Align::Center);
    area.take_top(theme.px(30));
    TextStyle body{theme.font_heading, false, theme.text_muted};
    Rect text = area.inset(theme.px(160), 0);
    text.take_top(painter.draw_paragraph(tr("out_of_service.message"), body, text, Align::Center) +
                  theme.px(30));
    std::string reason_key = "out_of_service.reason." + m_ctx.out_of_service_reason;
    if (m_ctx.tr.has(reason_key))
        text.take_top(painter.draw_paragraph(tr(reason_key), {theme.font_body, false, theme.warning}, text,
                                             Align::Center));
    text.take_top(theme.px(30));
    painter.draw_paragraph(m_ctx.tr.format("out_of_service.phone", {{"phone", m_ctx.options.hall.phone}}),
                           {theme.font_body, false, theme.text_muted}, text, Align::Center);
}

} // namespace kiosk::ui
