// The about tab: what runs on this kiosk (software, catalog and template versions), who it is, its hub
// and whether it answers, disk space and uptime; "restart the app" (hall IT) behind a dialog.

#include "ui/scenes/staff/PanelKit.h"
#include "ui/scenes/staff/StaffPanel.h"
#include "ui/scenes/staff/StaffWords.h"
#include "ui/toolkit/Dialog.h"
#include "ui/toolkit/Label.h"

#include <array>
#include <memory>

namespace kiosk::ui {
namespace {

constexpr std::chrono::seconds kRefresh{5}; // uptime, disk and hub re-read while the tab shows

class AboutPanel final : public StaffPanel {
public:
    std::vector<std::string> texts() const override { return staff_panel_texts(m_root); }
    using StaffPanel::StaffPanel;
    void layout(Rect content) override;
    void layout_log(const AboutView& about, Rect area);
    bool on_tick() override {
        if (m_confirm.visible() || m_ctx.clock.now() - m_read_at < kRefresh)
            return false;
        layout(m_content);
        return true;
    }

private:
    static constexpr size_t kFacts = 8;
    static constexpr size_t kLogLines = 8;
    Rect m_content;
    SteadyTime m_read_at{};
    bool m_handlers_set = false;
    std::optional<Result<void>> m_last_answer;
    std::array<Label, kFacts> m_names, m_values;
    Label m_hint, m_answer;
    Label m_log_title, m_log_hint;
    std::array<Label, kLogLines> m_log;
    Button m_restart{Button::Kind::Secondary};
    Dialog m_confirm;
};

void AboutPanel::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    const Translator& t = m_ctx.tr;
    if (!m_handlers_set) {
        m_restart.on_click([this] {
            m_confirm.set_title(m_ctx.tr.tr("staff.about.restart_title"));
            m_confirm.set_message(m_ctx.tr.tr("staff.about.restart_message"));
            m_confirm.primary().set_text(m_ctx.tr.tr("staff.about.restart"));
            m_confirm.secondary().set_text(m_ctx.tr.tr("staff.panel.cancel"));
            m_confirm.set_visible(true);
        });
        m_confirm.set_visible(false);
        m_confirm.primary().on_click([this] {
            m_confirm.set_visible(false);
            m_last_answer = m_desk.restart_app();
            layout(m_content);
        });
        m_confirm.secondary().on_click([this] { m_confirm.set_visible(false); });
        m_handlers_set = true;
    }
    m_content = content;
    m_read_at = m_ctx.clock.now();
    AboutView about = m_desk.about();
    m_root.clear();
    Rect area = content;
    m_answer.set_bounds(area.take_bottom(theme.px(60)));
    show_answer(m_answer, m_last_answer, t, theme);

    std::string hub_state = about.hub_state == "connected"     ? "✓ " + t.tr("staff.about.hub_connected")
                            : about.hub_state == "unreachable" ? "× " + t.tr("staff.about.hub_unreachable")
                            : about.hub_state == "not-configured" ? t.tr("staff.about.hub_not_configured")
                                                                  : about.hub_state;
    auto or_unknown = [&](const std::string& value) {
        return value.empty() ? t.tr("staff.about.unknown") : value;
    };
    const std::array<std::pair<const char*, std::string>, kFacts> facts{{
        {"staff.about.app_version", or_unknown(about.app_version)},
        {"staff.about.catalog_version", or_unknown(about.catalog_version)},
        {"staff.about.templates_version", or_unknown(about.templates_version)},
        {"staff.about.kiosk_id", or_unknown(about.kiosk_id)},
        {"staff.about.hub", about.hub_url.empty() ? t.tr("staff.about.hub_not_configured") : about.hub_url},
        {"staff.about.hub_state", hub_state},
        {"staff.about.disk_free",
         about.disk_free_bytes >= 0 ? format_bytes(about.disk_free_bytes) : t.tr("staff.about.unknown")},
        {"staff.about.uptime", format_age(about.uptime, t)},
    }};
    bool wide = content.w >= theme.px(1300);
    Rect log_area; // wide: facts left, the log right
    if (wide) {
        log_area = area;
        area = log_area.take_left(area.w / 2);
    }
    int line = theme.px(54);
    int name_width = theme.px(wide ? 420 : 330);
    for (size_t i = 0; i < kFacts; ++i) {
        Rect row = area.take_top(line);
        m_names[i].set_text(t.tr(facts[i].first));
        m_names[i].set_style({theme.font_body, false, theme.text_muted});
        m_names[i].set_bounds(row.take_left(name_width));
        m_values[i].set_text(facts[i].second);
        m_values[i].set_style({theme.font_body, true, theme.text});
        m_values[i].set_bounds(row);
        m_root.add(m_names[i]);
        m_root.add(m_values[i]);
    }
    area.take_top(theme.px(theme.gap) * 2);
    m_restart.set_text(t.tr("staff.about.restart"));
    m_restart.set_bounds(
        area.take_top(staff_button_height(theme)).take_left(std::min(area.w, theme.px(440))));
    gate_button(m_restart, m_hint, m_desk, t, domain::StaffAction::RestartApp);
    m_hint.set_style({theme.font_small, false, theme.text_muted});
    m_hint.set_bounds(area.take_top(theme.px(44)));
    m_root.add(m_restart);
    m_root.add(m_hint);
    m_root.add(m_answer);
    layout_log(about, wide ? log_area.inset(theme.px(theme.gap), 0) : area.inset(0, theme.px(theme.gap)));
    m_confirm.set_bounds(content);
    m_root.add(m_confirm);
}

// The audit log's latest entries, for hall IT and up (the desk gives none to others): time, kind and
// the detail our code wrote — never a citizen's data, by the log's own rule.
void AboutPanel::layout_log(const AboutView& about, Rect area) {
    const Theme& theme = m_ctx.theme;
    const Translator& t = m_ctx.tr;
    m_log_title.set_text(t.tr("staff.about.log"));
    m_log_title.set_style({theme.font_heading, true, theme.text});
    m_log_title.set_bounds(area.take_top(theme.px(60)));
    m_root.add(m_log_title);
    if (!m_desk.may(domain::StaffAction::ViewLogs)) {
        m_log_hint.set_text(
            t.format("staff.needs_role",
                     {{"role", t.tr(role_key(domain::minimum_role(domain::StaffAction::ViewLogs)))}}));
        m_log_hint.set_style({theme.font_small, false, theme.text_muted});
        m_log_hint.set_bounds(area.take_top(theme.px(44)));
        m_root.add(m_log_hint);
        return;
    }
    int line = theme.px(48);
    for (size_t i = 0; i < kLogLines && i < about.recent_log.size() && area.h >= line; ++i) {
        const auto& entry = about.recent_log[i];
        std::string when = entry.at ? format_staff_time(*entry.at, m_ctx.clock.wall_now(), t) : "";
        m_log[i].set_text(when + "  " + entry.kind + "  " + entry.detail);
        m_log[i].set_style({theme.font_small, false, theme.text});
        m_log[i].set_bounds(area.take_top(line));
        m_root.add(m_log[i]);
    }
}

} // namespace

std::unique_ptr<StaffPanel> make_about_panel(SceneContext& context, StaffDesk& desk) {
    return std::make_unique<AboutPanel>(context, desk);
}

} // namespace kiosk::ui
