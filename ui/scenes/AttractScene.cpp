#include "ui/scenes/AttractScene.h"

#include "ui/scenes/Format.h"

namespace kiosk::ui {

AttractScene::AttractScene(SceneContext& context) : Scene(context) {
    m_start.on_click([this] { start(); });
    m_anywhere.on_tap([this] { start(); });
    m_language.on_click([this] { m_ctx.nav->go(SceneId::Language); });
    m_root.add(m_anywhere); // first: below everything else
    m_root.add(m_announcements);
    m_root.add(m_language);
    m_root.add(m_start);
}

void AttractScene::start() {
    m_ctx.session.begin();
    m_ctx.nav->go(SceneId::Home);
}

void AttractScene::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    m_content = content;
    m_anywhere.set_bounds(content);
    m_start.set_text(tr("attract.touch_to_start"));
    m_start.set_font_size(theme.font_title);
    m_language.set_text(tr("attract.language"));
    std::vector<TextBlock> blocks{{TextBlock::Kind::Heading, tr("attract.announcements")}};
    for (auto& announcement : m_ctx.options.hall.announcements)
        blocks.push_back({TextBlock::Kind::Bullet, announcement.in(language())});
    m_announcements.set_blocks(std::move(blocks));

    bool portrait = content.h > content.w;
    Rect area = content.inset(theme.px(theme.margin));
    Rect bottom = area.take_bottom(theme.px(150));
    int start_width = std::min(bottom.w, theme.px(860));
    m_start.set_bounds({bottom.x + (bottom.w - start_width) / 2, bottom.y, start_width, bottom.h});
    m_language.set_bounds({area.right() - theme.px(300), area.y, theme.px(300), theme.px(84)});
    // Title block above, announcements below it (portrait) or to the right (landscape).
    Rect notes = portrait ? Rect{area.x, area.y + area.h / 2, area.w, area.h / 2 - theme.px(40)}
                          : Rect{area.x + area.w / 2 + theme.px(40), area.y + theme.px(140),
                                 area.w / 2 - theme.px(40), area.h - theme.px(180)};
    m_announcements.set_bounds(notes.inset(theme.px(32)));
}

void AttractScene::draw(Painter& painter) {
    const Theme& theme = m_ctx.theme;
    bool portrait = m_content.h > m_content.w;
    Rect area = m_content.inset(theme.px(theme.margin));
    Rect left = portrait ? Rect{area.x, area.y + theme.px(120), area.w, area.h / 2 - theme.px(160)}
                         : Rect{area.x, area.y + theme.px(140), area.w / 2, area.h - theme.px(340)};

    auto now = to_local_civil(m_ctx.clock.wall_now());
    TextStyle time_style{150, true, theme.primary};
    painter.draw_text_in(format_time(now), time_style, left.take_top(painter.line_height(time_style)));
    TextStyle date_style{theme.font_heading, false, theme.text_muted};
    painter.draw_text_in(format_date(now, m_ctx.tr), date_style,
                         left.take_top(painter.line_height(date_style)));
    left.take_top(theme.px(48));
    TextStyle title{theme.font_display, true, theme.text};
    left.take_top(painter.draw_paragraph(tr("attract.title"), title, left));
    left.take_top(theme.px(16));
    painter.draw_paragraph(tr("attract.subtitle"), {theme.font_heading - 4, false, theme.text_muted}, left);

    Rect notes = m_announcements.bounds().inset(-theme.px(32));
    painter.fill_rounded_rect(notes, theme.px(theme.radius), theme.border);
    painter.fill_rounded_rect(notes.inset(theme.px(2)), theme.px(theme.radius) - 2, theme.surface);
    Scene::draw(painter);
}

} // namespace kiosk::ui
