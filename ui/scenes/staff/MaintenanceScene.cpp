#include "ui/scenes/staff/MaintenanceScene.h"

#include "ui/scenes/staff/StaffWords.h"

#include <algorithm>

namespace kiosk::ui {

namespace {

using PanelFactory = std::unique_ptr<StaffPanel> (*)(SceneContext&, StaffDesk&);
// In StaffTab order.
constexpr PanelFactory kPanels[] = {make_devices_panel, make_tests_panel,   make_consumables_panel,
                                    make_outbox_panel,  make_service_panel, make_about_panel,
                                    make_config_panel};
static_assert(std::size(kPanels) == kStaffTabCount, "one panel per tab");

} // namespace

MaintenanceScene::MaintenanceScene(SceneContext& context) : SceneWith<StaffTab>(context) {
    for (int i = 0; i < kStaffTabCount; ++i)
        m_tabs[i].on_click([this, i] { show(static_cast<StaffTab>(i)); });
    m_leave.on_click([this] {
        if (m_ctx.staff)
            m_ctx.staff->leave();
    });
    m_back.on_click([this] { m_ctx.nav->end_session(services::SessionEndReason::Cancelled); });
    m_stay.set_visible(false);
    m_stay.on_tap([this] {
        if (m_ctx.staff)
            m_ctx.staff->note_activity();
        m_countdown = 0;
        m_stay.set_visible(false);
    });
}

std::chrono::milliseconds MaintenanceScene::warning_window(std::chrono::milliseconds timeout) {
    return std::min<std::chrono::milliseconds>(kTimeoutWarning, timeout / 3);
}

int MaintenanceScene::countdown_due() const {
    if (!m_ctx.staff || !m_shown_signed_in)
        return 0;
    auto idle = m_ctx.staff->idle_left();
    if (!idle || idle->timeout.count() <= 0 || idle->left > warning_window(idle->timeout))
        return 0;
    // Whole seconds, rounded up: "1" until the very end, never "0".
    return std::max(1, static_cast<int>((idle->left.count() + 999) / 1000));
}

std::string MaintenanceScene::countdown_text() const {
    if (m_countdown <= 0)
        return {};
    return m_ctx.tr.format("staff.timeout_warning", {{"n", std::to_string(m_countdown)}});
}

bool MaintenanceScene::signed_in() const {
    return m_ctx.staff && m_ctx.staff->staff();
}

bool MaintenanceScene::tab_shown(StaffTab tab) const {
    return tab != StaffTab::Config || (m_ctx.staff && m_ctx.staff->may(domain::StaffAction::ChangeSettings));
}

std::optional<domain::StaffRole> MaintenanceScene::role() const {
    auto member = m_ctx.staff ? m_ctx.staff->staff() : std::nullopt;
    return member ? std::optional(member->role) : std::nullopt;
}

void MaintenanceScene::on_enter(const StaffTab& argument) {
    m_tab = argument;
}

void MaintenanceScene::show(StaffTab tab) {
    if (tab == m_tab && m_panel)
        return; // what it shows (a test's result) stays
    m_tab = tab;
    m_panel.reset();
    layout(m_content);
}

bool MaintenanceScene::on_event(const services::AppEvent& event) {
    return m_panel && m_panel->on_event(event);
}

bool MaintenanceScene::on_tick() {
    // Signed out under us (the staff session timed out), or another member took over: the tabs and the
    // panel are the new member's (the engineer's config tab goes with the engineer).
    if (signed_in() != m_shown_signed_in || role() != m_shown_role) {
        m_panel.reset();
        layout(m_content);
        return true;
    }
    bool changed = false;
    if (int due = countdown_due(); due != m_countdown) {
        m_countdown = due;
        m_stay.set_visible(due > 0);
        changed = true;
    }
    return (m_panel && m_panel->on_tick()) || changed;
}

void MaintenanceScene::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    m_content = content;
    m_root.clear();
    m_shown_signed_in = signed_in();
    m_shown_role = role();
    if (!m_shown_signed_in) {
        m_countdown = 0;
        m_stay.set_visible(false);
    }
    Rect area = content.inset(theme.px(32), theme.px(24));
    if (!m_shown_signed_in) {
        m_panel.reset();
        m_who.set_text({}); // no staff data once nobody is signed in
        m_not_signed_in.set_text(tr("staff.not_signed_in"));
        m_not_signed_in.set_style({theme.font_heading, true, theme.text});
        Rect middle{area.x, area.y + area.h / 3, area.w, theme.px(140)};
        m_not_signed_in.set_bounds(middle);
        int width = std::min(area.w, theme.px(600));
        m_back.set_text(tr("staff.back_to_start"));
        m_back.set_bounds({area.x + (area.w - width) / 2, middle.bottom() + theme.px(40), width,
                           theme.px(theme.button_height)});
        m_root.add(m_not_signed_in);
        m_root.add(m_back);
        return;
    }
    auto member = *m_ctx.staff->staff();
    bool portrait = content.h > content.w;

    // Header: title and who, "leave maintenance" on the right.
    m_header = area.take_top(theme.px(portrait ? 150 : 96));
    int leave_w = theme.px(portrait ? 400 : 380);
    m_leave.set_text(tr("staff.leave"));
    m_leave.set_font_size(theme.font_body);
    m_leave.set_bounds(
        {m_header.right() - leave_w, m_header.y + (m_header.h - theme.px(84)) / 2, leave_w, theme.px(84)});
    Rect words = m_header;
    words.w -= leave_w + theme.px(24);
    m_title.set_text(tr("staff.title"));
    m_title.set_style({theme.font_heading, true, theme.primary});
    m_who.set_text(m_ctx.tr.format(
        "staff.who", {{"name", member.name}, {"id", member.id}, {"role", tr(role_key(member.role))}}));
    m_who.set_style({theme.font_body, false, theme.text});
    if (portrait) {
        m_title.set_bounds(words.take_top(words.h / 2));
        m_who.set_bounds(words);
    } else {
        m_title.set_bounds(words.take_left(std::min(words.w / 3, theme.px(360))));
        m_who.set_bounds(words);
    }
    area.take_top(theme.px(16));

    // Tab bar: one row (landscape) or two rows (portrait: three and three, four and three with the
    // engineer's config tab). A tab the member may not see has no button and is never shown.
    if (!tab_shown(m_tab)) {
        m_tab = StaffTab::Devices;
        m_panel.reset();
    }
    int shown = 0;
    for (int i = 0; i < kStaffTabCount; ++i)
        shown += tab_shown(static_cast<StaffTab>(i));
    int rows = portrait ? 2 : 1, per_row = (shown + rows - 1) / rows;
    int gap = theme.px(12), tab_h = theme.px(kTabHeight);
    int tab_w = (area.w - (per_row - 1) * gap) / per_row;
    for (int i = 0, at = 0; i < kStaffTabCount; ++i) {
        Button& button = m_tabs[i];
        bool visible = tab_shown(static_cast<StaffTab>(i));
        button.set_visible(visible);
        if (!visible) {
            button.set_bounds({});
            continue;
        }
        button.set_text(tr(tab_key(static_cast<StaffTab>(i))));
        button.set_kind(static_cast<StaffTab>(i) == m_tab ? Button::Kind::Primary : Button::Kind::Secondary);
        // Seven tabs to a row (the engineer's) are narrower: "Outbox & prints" still fits.
        button.set_font_size(tab_w < theme.px(280) ? theme.font_small + 2 : theme.font_body);
        int row = at / per_row, column = at % per_row;
        ++at;
        button.set_bounds({area.x + column * (tab_w + gap), area.y + row * (tab_h + gap), tab_w, tab_h});
        m_root.add(button);
    }
    area.take_top(rows * tab_h + (rows - 1) * gap + theme.px(24));
    m_root.add(m_leave);

    if (!m_panel)
        m_panel = kPanels[static_cast<int>(m_tab)](m_ctx, *m_ctx.staff);
    m_panel_area = area;
    m_panel->layout(area);
    m_panel->root().set_bounds(area);
    m_root.add(m_panel->root());
    m_stay.set_bounds(m_header);
    m_stay.set_visible(m_countdown > 0);
    m_root.add(m_stay); // topmost: over "leave maintenance"
}

void MaintenanceScene::draw(Painter& painter) {
    const Theme& theme = m_ctx.theme;
    if (!m_shown_signed_in)
        return Scene::draw(painter);
    painter.fill_rect({m_content.x, m_header.bottom() + theme.px(4), m_content.w, theme.px(2)}, theme.border);
    m_title.draw(painter);
    m_who.draw(painter);
    m_leave.draw(painter);
    for (auto& tab : m_tabs)
        if (tab.visible())
            tab.draw(painter);
    if (m_panel)
        m_panel->draw(painter);
    if (m_countdown > 0) {
        painter.fill_rounded_rect(m_header, theme.px(theme.radius), theme.warning);
        painter.draw_text_in(countdown_text(), {theme.font_heading, true, theme.text_on_primary},
                             m_header.inset(theme.px(24), 0), Align::Center);
    }
}

} // namespace kiosk::ui
