#include "ui/scenes/AttractScene.h"

#include "ui/scenes/Format.h"

namespace kiosk::ui {

namespace {
// Long enough for a citizen turning back at the door; then the screen is the next citizen's again.
constexpr std::chrono::seconds kTakeCardReminder{60};
} // namespace

AttractScene::AttractScene(SceneContext& context) : SceneWith<Farewell>(context) {
    m_start.on_click([this] { start(); });
    m_anywhere.on_tap([this] { start(); });
    m_staff_corner.on_press([this] { m_corner_pressed_at = m_ctx.clock.now(); });
    m_staff_corner.on_tap([this] { start(); });
    m_language.on_click([this] { m_ctx.nav->go<SceneId::Language>(); });
    m_root.add(m_anywhere); // first: below everything else
    m_root.add(m_staff_corner);
    m_root.add(m_announcements);
    m_root.add(m_language);
    m_root.add(m_start);
    m_root.add(m_take_card);
}

void AttractScene::on_enter(const Farewell& argument) {
    if (argument == Farewell::TakeYourCard)
        m_remind_until = m_ctx.clock.now() + kTakeCardReminder;
}

bool AttractScene::reminding_to_take_card() const {
    return m_remind_until && m_ctx.clock.now() < *m_remind_until;
}

bool AttractScene::on_event(const services::AppEvent& event) {
    if (!m_remind_until || !std::holds_alternative<services::CardRemoved>(event))
        return false;
    m_remind_until.reset(); // taken
    return true;
}

bool AttractScene::on_tick() {
    if (m_staff_corner.held_still() && m_ctx.clock.now() - m_corner_pressed_at >= kStaffHold) {
        m_staff_corner.take_hold(); // the lift that follows starts no visit
        m_ctx.nav->go<SceneId::StaffSignIn>();
        return true;
    }
    if (!m_remind_until || reminding_to_take_card())
        return false;
    m_remind_until.reset(); // the minute is up
    return true;
}

void AttractScene::start() {
    m_ctx.citizen.begin();
    m_ctx.nav->go<SceneId::Home>();
}

void AttractScene::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    m_content = content;
    m_anywhere.set_bounds(content);
    m_staff_corner.set_bounds({content.x, content.y, theme.px(kStaffCorner), theme.px(kStaffCorner)});
    m_staff_corner.set_slop(theme.px(theme.touch_slop));
    m_start.set_text(tr("attract.touch_to_start"));
    m_start.set_font_size(theme.font_title);
    m_language.set_text(tr("attract.language"));
    std::vector<TextBlock> blocks{{TextBlock::Kind::Heading, tr("attract.announcements")}};
    for (auto& announcement : m_ctx.options.hall.announcements)
        blocks.push_back({TextBlock::Kind::Bullet, announcement.in(language())});
    m_announcements.set_blocks(std::move(blocks));
    m_take_card.set_badge("证");
    m_take_card.set_title(tr("card.take_reminder"));
    m_take_card.set_detail(tr("card.take_reminder_detail"));

    bool portrait = content.h > content.w;
    Rect area = content.inset(theme.px(theme.margin));
    // Title block (or the take-card reminder in its place) above the announcements (portrait) or to
    // their left (landscape).
    m_title_block = portrait ? Rect{area.x, area.y + theme.px(120), area.w, area.h / 2 - theme.px(160)}
                             : Rect{area.x, area.y + theme.px(140), area.w / 2, area.h - theme.px(340)};
    Rect bottom = area.take_bottom(theme.px(150));
    int start_width = std::min(bottom.w, theme.px(860));
    m_start.set_bounds({bottom.x + (bottom.w - start_width) / 2, bottom.y, start_width, bottom.h});
    m_language.set_bounds({area.right() - theme.px(300), area.y, theme.px(300), theme.px(84)});
    Rect notes = portrait ? Rect{area.x, area.y + area.h / 2, area.w, area.h / 2 - theme.px(40)}
                          : Rect{area.x + area.w / 2 + theme.px(40), area.y + theme.px(140),
                                 area.w / 2 - theme.px(40), area.h - theme.px(180)};
    m_announcements.set_bounds(notes.inset(theme.px(32)));
    Rect reminder = m_title_block; // ends where the announcements' box does, or above it
    reminder.h = portrait ? notes.y - reminder.y - theme.px(40) : notes.bottom() - reminder.y;
    m_take_card.set_bounds(reminder);
}

void AttractScene::draw(Painter& painter) {
    const Theme& theme = m_ctx.theme;
    m_take_card.set_visible(reminding_to_take_card());
    if (!m_take_card.visible()) {
        Rect left = m_title_block;
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
        painter.draw_paragraph(tr("attract.subtitle"), {theme.font_heading - 4, false, theme.text_muted},
                               left);
    }
    Rect notes = m_announcements.bounds().inset(-theme.px(32));
    painter.fill_rounded_rect(notes, theme.px(theme.radius), theme.border);
    painter.fill_rounded_rect(notes.inset(theme.px(2)), theme.px(theme.radius) - 2, theme.surface);
    Scene::draw(painter);
}

} // namespace kiosk::ui
