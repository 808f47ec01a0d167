// The service state tab: in service or out (CUSS style: one reason, its detail, the notice the attract
// screen shows), the maintenance state and the hall's hours; "take out of service" opens a chooser of
// the reasons staff may give and a few preset notices, "back in service" asks the desk to serve again.

#include "ui/scenes/staff/PanelKit.h"
#include "ui/scenes/staff/StaffPanel.h"
#include "ui/toolkit/Label.h"

#include <array>
#include <memory>
#include <optional>
#include <string_view>

namespace kiosk::ui {
namespace {

struct Choice {
    std::string_view word; // what goes to the desk ("" for no notice)
    const char* key;
};

// The reasons a staff member may choose; the kiosk itself sets out-of-hours and internal.
constexpr std::array<Choice, 5> kReasons{{{"hardware", "staff.service.reason.hardware"},
                                          {"consumables", "staff.service.reason.consumables"},
                                          {"network", "staff.service.reason.network"},
                                          {"maintenance", "staff.service.reason.maintenance"},
                                          {"staff", "staff.service.reason.staff"}}};
constexpr std::array<Choice, 4> kNotices{{{"", "staff.service.notice.none"},
                                          {"maintenance", "staff.service.notice.maintenance"},
                                          {"paper", "staff.service.notice.paper"},
                                          {"network", "staff.service.notice.network"}}};

std::string reason_text(std::string_view reason, const Translator& tr) {
    for (const auto& choice : kReasons) {
        if (choice.word == reason)
            return tr.tr(choice.key);
    }
    if (reason == "out-of-hours")
        return tr.tr("staff.service.reason.out_of_hours");
    if (reason == "internal")
        return tr.tr("staff.service.reason.internal");
    return std::string(reason);
}

class ServicePanel final : public StaffPanel {
public:
    std::vector<std::string> texts() const override { return staff_panel_texts(m_root); }
    using StaffPanel::StaffPanel;
    void layout(Rect content) override;

private:
    void layout_state(Rect area);
    void layout_chooser(Rect area);
    void act(Result<void> answer) {
        m_last_answer = std::move(answer);
        m_choosing = false;
        layout(m_content);
    }
    void set_handlers();

    Rect m_content;
    bool m_handlers_set = false;
    bool m_choosing = false;
    std::optional<size_t> m_reason; // index into kReasons
    size_t m_notice = 0;            // index into kNotices
    std::optional<Result<void>> m_last_answer;
    Label m_status, m_reason_line, m_detail, m_notice_line, m_maintenance, m_hours, m_hint, m_answer;
    Label m_choose_reason, m_choose_notice;
    Button m_take_out{Button::Kind::Primary}, m_back_in{Button::Kind::Primary};
    std::array<Button, kReasons.size()> m_reason_buttons;
    std::array<Button, kNotices.size()> m_notice_buttons;
    Button m_confirm{Button::Kind::Primary}, m_cancel{Button::Kind::Secondary};
};

void ServicePanel::set_handlers() {
    m_take_out.on_click([this] {
        m_choosing = true;
        m_reason.reset();
        m_notice = 0;
        layout(m_content);
    });
    m_back_in.on_click([this] { act(m_desk.set_in_service()); });
    for (size_t i = 0; i < kReasons.size(); ++i) {
        m_reason_buttons[i].on_click([this, i] {
            m_reason = i;
            layout(m_content);
        });
    }
    for (size_t i = 0; i < kNotices.size(); ++i) {
        m_notice_buttons[i].on_click([this, i] {
            m_notice = i;
            layout(m_content);
        });
    }
    m_confirm.on_click([this] {
        if (!m_reason)
            return;
        LocalizedText notice;
        if (!kNotices[m_notice].word.empty())
            notice = both_languages(m_ctx.tr, kNotices[m_notice].key);
        act(m_desk.set_out_of_service(std::string(kReasons[*m_reason].word), notice));
    });
    m_cancel.on_click([this] {
        m_choosing = false;
        layout(m_content);
    });
    m_handlers_set = true;
}

void ServicePanel::layout(Rect content) {
    if (!m_handlers_set)
        set_handlers();
    m_content = content;
    m_root.clear();
    Rect area = content;
    m_answer.set_bounds(area.take_bottom(m_ctx.theme.px(60)));
    show_answer(m_answer, m_last_answer, m_ctx.tr, m_ctx.theme);
    if (m_choosing)
        layout_chooser(area);
    else
        layout_state(area);
    m_root.add(m_answer);
}

void ServicePanel::layout_state(Rect area) {
    const Theme& theme = m_ctx.theme;
    const Translator& t = m_ctx.tr;
    ServiceView service = m_desk.service();
    int line = theme.px(50);
    m_status.set_text(service.in_service ? "✓ " + t.tr("staff.service.in_service")
                                         : "■ " + t.tr("staff.service.out_of_service"));
    m_status.set_style({theme.font_title, true, service.in_service ? theme.success : theme.warning});
    m_status.set_bounds(area.take_top(theme.px(80)));
    m_root.add(m_status);
    TextStyle body{theme.font_body, false, theme.text};
    auto add_line = [&](Label& label, std::string text) {
        label.set_text(std::move(text));
        label.set_style(body);
        label.set_bounds(area.take_top(line));
        m_root.add(label);
    };
    if (!service.in_service) {
        add_line(m_reason_line,
                 t.format("staff.service.reason_line", {{"reason", reason_text(service.reason, t)}}));
        if (!service.detail.empty())
            add_line(m_detail, t.format("staff.service.detail_line", {{"detail", service.detail}}));
        const std::string& notice = service.notice.in(t.language());
        add_line(m_notice_line, notice.empty() ? t.tr("staff.service.no_notice")
                                               : t.format("staff.service.notice_line", {{"notice", notice}}));
    }
    static constexpr const char* kMaintenance[] = {"staff.service.maintenance.inactive",
                                                   "staff.service.maintenance.pending",
                                                   "staff.service.maintenance.active"};
    add_line(m_maintenance, t.format("staff.service.maintenance_line",
                                     {{"state", t.tr(kMaintenance[static_cast<int>(service.maintenance)])}}));
    const std::string& hours = service.opening_hours.in(t.language());
    add_line(m_hours, t.format("staff.service.hours_line",
                               {{"hours", hours.empty() ? t.tr("staff.service.hours_unset") : hours}}));

    area.take_top(theme.px(theme.gap));
    Rect buttons = area.take_top(staff_button_height(theme));
    int width = std::min(theme.px(440), (buttons.w - theme.px(theme.gap)) / 2);
    Button& main = service.in_service ? m_take_out : m_back_in;
    main.set_text(t.tr(service.in_service ? "staff.service.take_out" : "staff.service.back_in"));
    main.set_bounds(buttons.take_left(width));
    m_root.add(main);
    gate_button(main, m_hint, m_desk, t, domain::StaffAction::SetServiceState);
    if (!service.in_service) {
        // Out already: staff may change the reason or the notice.
        buttons.take_left(theme.px(theme.gap));
        m_take_out.set_text(t.tr("staff.service.change_reason"));
        m_take_out.set_kind(Button::Kind::Secondary);
        m_take_out.set_enabled(m_back_in.enabled());
        m_take_out.set_bounds(buttons.take_left(width));
        m_root.add(m_take_out);
    } else {
        m_take_out.set_kind(Button::Kind::Primary);
    }
    m_hint.set_style({theme.font_small, false, theme.text_muted});
    m_hint.set_bounds(area.take_top(theme.px(44)));
    m_root.add(m_hint);
}

void ServicePanel::layout_chooser(Rect area) {
    const Theme& theme = m_ctx.theme;
    const Translator& t = m_ctx.tr;
    int height = staff_button_height(theme);
    int gap = theme.px(16);
    bool wide = area.w >= theme.px(1300);
    TextStyle title{theme.font_body + 4, true, theme.primary};
    m_choose_reason.set_text(t.tr("staff.service.choose_reason"));
    m_choose_reason.set_style(title);
    m_choose_reason.set_bounds(area.take_top(theme.px(56)));
    m_root.add(m_choose_reason);
    // Reasons: five in a row when wide, two columns otherwise. The chosen one says so in a mark too.
    int columns = wide ? static_cast<int>(kReasons.size()) : 2;
    int width = (area.w - (columns - 1) * gap) / columns;
    for (size_t i = 0; i < kReasons.size(); ++i) {
        int column = static_cast<int>(i) % columns;
        if (column == 0 && i > 0)
            area.take_top(height + gap);
        bool chosen = m_reason == i;
        Button& button = m_reason_buttons[i];
        button.set_text((chosen ? "✓ " : "") + t.tr(kReasons[i].key));
        button.set_kind(chosen ? Button::Kind::Primary : Button::Kind::Secondary);
        button.set_bounds({area.x + column * (width + gap), area.y, width, height});
        m_root.add(button);
    }
    area.take_top(height + theme.px(theme.gap));
    m_choose_notice.set_text(t.tr("staff.service.choose_notice"));
    m_choose_notice.set_style(title);
    m_choose_notice.set_bounds(area.take_top(theme.px(56)));
    m_root.add(m_choose_notice);
    // Notices are sentences: one per row, two columns when wide.
    columns = wide ? 2 : 1;
    width = (area.w - (columns - 1) * gap) / columns;
    for (size_t i = 0; i < kNotices.size(); ++i) {
        int column = static_cast<int>(i) % columns;
        if (column == 0 && i > 0)
            area.take_top(height + gap);
        bool chosen = m_notice == i;
        Button& button = m_notice_buttons[i];
        button.set_text((chosen ? "✓ " : "") + t.tr(kNotices[i].key));
        button.set_kind(chosen ? Button::Kind::Primary : Button::Kind::Secondary);
        button.set_font_size(theme.font_body);
        button.set_bounds({area.x + column * (width + gap), area.y, width, height});
        m_root.add(button);
    }
    area.take_top(height + theme.px(theme.gap) + theme.px(theme.gap));
    Rect row = area.take_top(height);
    int button_width = std::min(theme.px(440), (row.w - theme.px(theme.gap)) / 2);
    m_confirm.set_text(t.tr("staff.service.confirm_out"));
    m_confirm.set_bounds(row.take_left(button_width));
    gate_button(m_confirm, m_hint, m_desk, t, domain::StaffAction::SetServiceState);
    if (!m_reason && m_confirm.enabled()) {
        m_confirm.set_enabled(false); // a reason first
        m_hint.set_text(t.tr("staff.service.reason_first"));
    }
    row.take_left(theme.px(theme.gap));
    m_cancel.set_text(t.tr("staff.panel.cancel"));
    m_cancel.set_bounds(row.take_left(button_width));
    m_hint.set_style({theme.font_small, false, theme.text_muted});
    m_hint.set_bounds(area.take_top(theme.px(44)));
    for (Widget* widget : std::initializer_list<Widget*>{&m_confirm, &m_cancel, &m_hint})
        m_root.add(*widget);
}

} // namespace

std::unique_ptr<StaffPanel> make_service_panel(SceneContext& context, StaffDesk& desk) {
    return std::make_unique<ServicePanel>(context, desk);
}

} // namespace kiosk::ui
