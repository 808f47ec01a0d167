#include "ui/scenes/OutOfServiceScene.h"

#include "ui/scenes/staff/StaffDesk.h"

namespace kiosk::ui {

OutOfServiceScene::OutOfServiceScene(SceneContext& context) : SceneWith<>(context) {
    m_staff_corner.on_press([this] { m_corner_pressed_at = m_ctx.clock.now(); });
    m_root.add(m_staff_corner);
}

void OutOfServiceScene::layout(Rect content) {
    m_content = content;
    m_staff_corner.set_bounds(
        {content.x, content.y, m_ctx.theme.px(kStaffCorner), m_ctx.theme.px(kStaffCorner)});
    m_staff_corner.set_slop(m_ctx.theme.px(m_ctx.theme.touch_slop));
}

bool OutOfServiceScene::on_tick() {
    if (m_ctx.staff && m_staff_corner.held_still() && m_ctx.clock.now() - m_corner_pressed_at >= kStaffHold) {
        m_staff_corner.take_hold();
        m_ctx.nav->go<SceneId::StaffSignIn>();
        return true;
    }
    return false;
}

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
    std::string waiting = m_ctx.staff ? m_ctx.staff->waiting_message(m_ctx.tr.language()) : std::string();
    if (m_ctx.out_of_service_reason == kWaitingReason && !waiting.empty())
        text.take_top(
            painter.draw_paragraph(waiting, {theme.font_body, false, theme.warning}, text, Align::Center));
    else if (m_ctx.tr.has(reason_key))
        text.take_top(painter.draw_paragraph(tr(reason_key), {theme.font_body, false, theme.warning}, text,
                                             Align::Center));
    text.take_top(theme.px(30));
    painter.draw_paragraph(m_ctx.tr.format("out_of_service.phone", {{"phone", m_ctx.options.hall.phone}}),
                           {theme.font_body, false, theme.text_muted}, text, Align::Center);
}

} // namespace kiosk::ui
