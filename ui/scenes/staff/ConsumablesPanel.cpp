// The consumables tab: one card per consumable (its level in a word and a bar, what was used of a full
// load, the printer's own report, when it was replaced, the forecast) and "replaced / refilled" behind
// a dialog that says what staff loaded.

#include "ui/scenes/Format.h"
#include "ui/scenes/staff/PanelKit.h"
#include "ui/scenes/staff/StaffPanel.h"
#include "ui/toolkit/Dialog.h"
#include "ui/toolkit/Label.h"
#include "ui/toolkit/ProgressBar.h"

#include <fmt/format.h>
#include <memory>
#include <vector>

namespace kiosk::ui {
namespace {

using Level = ConsumableView::Level;

std::string consumable_name(const std::string& id, const Translator& tr) {
    if (id == "receipt-paper")
        return tr.tr("consumable.receipt_paper");
    if (id == "a4-paper")
        return tr.tr("consumable.a4_paper");
    if (id == "toner")
        return tr.tr("consumable.toner");
    return id;
}

std::string metres(std::int64_t millimetres) {
    if (millimetres % 1000 == 0)
        return std::to_string(millimetres / 1000);
    return fmt::format("{:.1f}", static_cast<double>(millimetres) / 1000.0);
}

std::string used_text(const ConsumableView& view, const Translator& tr) {
    if (view.capacity > 0 && view.unit == "mm")
        return tr.format("staff.consumables.used_metres",
                         {{"used", metres(view.used)}, {"capacity", metres(view.capacity)}});
    if (view.capacity > 0 && view.unit == "sheets")
        return tr.format("staff.consumables.used_sheets",
                         {{"used", std::to_string(view.used)}, {"capacity", std::to_string(view.capacity)}});
    return tr.tr("staff.consumables.not_counted");
}

// "预计今天约 15:40 用完": the day in words (today, tomorrow, a weekday) within a week.
std::string forecast_text(const ConsumableView& view, WallTime now, const Translator& tr) {
    static constexpr const char* kWeekdays[] = {"weekday.sun", "weekday.mon", "weekday.tue", "weekday.wed",
                                                "weekday.thu", "weekday.fri", "weekday.sat"};
    if (view.level == Level::Out)
        return "★ " + tr.tr("staff.consumables.forecast_out");
    if (!view.runs_out_at)
        return "★ " + tr.tr(view.forecast_ready ? "staff.consumables.forecast_week"
                                                : "staff.consumables.forecast_unknown");
    if (*view.runs_out_at <= now)
        return "★ " + tr.tr("staff.consumables.forecast_now");
    CivilTime when = to_local_civil(*view.runs_out_at);
    CivilTime today = to_local_civil(now);
    auto midnight = [](CivilTime civil) {
        civil.hour = 12; // noon: a day apart whatever a daylight-saving change does to midnight
        civil.minute = civil.second = 0;
        return from_local_civil(civil);
    };
    auto days = std::chrono::duration_cast<std::chrono::hours>(midnight(when) - midnight(today)).count() / 24;
    std::string time = format_time(when);
    if (days == 0)
        return "★ " + tr.format("staff.consumables.forecast_today", {{"time", time}});
    if (days == 1)
        return "★ " + tr.format("staff.consumables.forecast_tomorrow", {{"time", time}});
    if (days < 7)
        return "★ " + tr.format("staff.consumables.forecast_weekday",
                                {{"weekday", tr.tr(kWeekdays[when.weekday % 7])}, {"time", time}});
    return "★ " + tr.tr("staff.consumables.forecast_week");
}

class ConsumablesPanel final : public StaffPanel {
public:
    std::vector<std::string> texts() const override { return staff_panel_texts(m_root); }
    using StaffPanel::StaffPanel;

    void layout(Rect content) override;
    void draw(Painter& painter) override {
        for (Rect card : m_cards)
            painter.fill_rounded_rect(card, m_ctx.theme.px(m_ctx.theme.radius), m_ctx.theme.surface);
        m_root.draw(painter);
    }

private:
    struct Row {
        Label name, level, used, report, replaced, forecast, hint;
        ProgressBar bar;
        Button replace{Button::Kind::Secondary};
    };
    Row& row(size_t index);
    void place(Row& row, const ConsumableView& view, Rect card, bool wide);
    void confirm_replace(size_t index);
    void replace_confirmed();

    Rect m_content;
    std::vector<std::unique_ptr<Row>> m_rows;
    std::vector<ConsumableView> m_views; // what the rows show, as the desk answered at the last layout
    std::vector<Rect> m_cards;
    std::string m_pending; // the consumable the dialog asks about
    std::optional<Result<void>> m_last_answer;
    Label m_empty, m_answer;
    Dialog m_confirm;
    bool m_dialog_ready = false;
};

ConsumablesPanel::Row& ConsumablesPanel::row(size_t index) {
    while (m_rows.size() <= index) {
        auto added = std::make_unique<Row>();
        size_t at = m_rows.size();
        added->replace.on_click([this, at] { confirm_replace(at); });
        m_rows.push_back(std::move(added));
    }
    return *m_rows[index];
}

void ConsumablesPanel::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    if (!m_dialog_ready) {
        m_confirm.set_visible(false);
        m_confirm.primary().on_click([this] { replace_confirmed(); });
        m_confirm.secondary().on_click([this] { m_confirm.set_visible(false); });
        m_dialog_ready = true;
    }
    m_content = content;
    m_views = m_desk.consumables();
    m_root.clear();
    m_cards.clear();
    show_answer(m_answer, m_last_answer, m_ctx.tr, theme);

    Rect area = content;
    Rect answer = area.take_bottom(theme.px(60));
    m_answer.set_bounds(answer);
    bool wide = content.w >= theme.px(1300);
    int line = theme.px(46);
    // Wide: name, level and bar beside four lines; narrow: all of them stacked.
    int card_height = (wide ? 4 * line : theme.px(56 + 20 + 16) + 5 * line) + 2 * theme.px(16);
    m_empty.set_visible(m_views.empty());
    if (m_views.empty()) {
        m_empty.set_text(tr("staff.consumables.none"));
        m_empty.set_style({theme.font_heading, false, theme.text_muted});
        m_empty.set_bounds(area.take_top(theme.px(80)));
        m_root.add(m_empty);
    }
    for (size_t i = 0; i < m_views.size(); ++i) {
        Row& shown = row(i);
        if (area.h < card_height)
            break; // more than the screen holds: the first ones (the desk lists the ones that matter first)
        Rect card = area.take_top(card_height);
        area.take_top(theme.px(theme.gap));
        m_cards.push_back(card);
        place(shown, m_views[i], card.inset(theme.px(28), theme.px(16)), wide);
    }
    m_root.add(m_answer);
    m_confirm.set_bounds(content);
    m_root.add(m_confirm);
}

void ConsumablesPanel::place(Row& row, const ConsumableView& view, Rect box, bool wide) {
    const Theme& theme = m_ctx.theme;
    const Translator& t = m_ctx.tr;
    int line = theme.px(46);
    int button_width = theme.px(wide ? 300 : 260);

    row.name.set_text(consumable_name(view.id, t));
    row.name.set_style({theme.font_heading, true, theme.text});
    static constexpr const char* kLevelKeys[] = {"staff.consumables.level_ok", "staff.consumables.level_low",
                                                 "staff.consumables.level_out",
                                                 "staff.consumables.level_unknown"};
    static constexpr const char* kLevelMarks[] = {"● ", "▲ ", "■ ", "? "};
    Color level_colours[] = {theme.success, theme.warning, theme.danger, theme.text_muted};
    auto level = static_cast<size_t>(view.level);
    std::string level_text = kLevelMarks[level] + t.tr(kLevelKeys[level]);
    if (view.percent >= 0)
        level_text +=
            "  " + t.format("staff.consumables.percent_left", {{"percent", std::to_string(view.percent)}});
    row.level.set_text(level_text);
    row.level.set_style({theme.font_body, true, level_colours[level]});
    row.bar.set_fraction(view.percent >= 0 ? static_cast<float>(view.percent) / 100.0f : 0.0f);
    row.bar.set_colour(level_colours[level]);
    row.bar.set_visible(view.percent >= 0);
    TextStyle body{theme.font_body, false, theme.text};
    row.used.set_text(used_text(view, t));
    row.used.set_style(body);
    row.report.set_text(view.printer_report.empty()
                            ? std::string()
                            : t.format("staff.consumables.printer_report",
                                       {{"report", printer_reason_text(view.printer_report, t)}}));
    row.report.set_style(body);
    row.replaced.set_text(
        view.replaced_at
            ? t.format("staff.consumables.replaced_at",
                       {{"when", format_staff_time(*view.replaced_at, m_ctx.clock.wall_now(), t)}})
            : t.tr("staff.consumables.replaced_never"));
    row.replaced.set_style({theme.font_body, false, theme.text_muted});
    row.forecast.set_text(forecast_text(view, m_ctx.clock.wall_now(), t));
    row.forecast.set_style({theme.font_body, true, view.level == Level::Ok ? theme.text : theme.warning});
    row.replace.set_text(
        t.tr(view.unit == "sheets" ? "staff.consumables.refilled" : "staff.consumables.replaced"));
    row.replace.set_visible(view.replaceable);
    row.hint.set_visible(view.replaceable);
    gate_button(row.replace, row.hint, m_desk, t, domain::StaffAction::ReplaceConsumable);
    row.hint.set_style({theme.font_small, false, theme.text_muted});

    Rect right = box; // the button column comes off its right
    Rect button_column{right.right() - button_width, right.y, button_width, right.h};
    right.w -= button_width + theme.px(theme.gap);
    row.replace.set_bounds(button_column.take_top(staff_button_height(theme)));
    row.hint.set_bounds(button_column.take_top(theme.px(40)));
    Rect left = right;
    if (wide) {
        left = right.take_left(right.w * 2 / 5);
        right.take_left(theme.px(theme.gap));
    }
    row.name.set_bounds(left.take_top(theme.px(56)));
    row.level.set_bounds(left.take_top(line));
    row.bar.set_bounds(left.take_top(theme.px(20)));
    if (!wide) {
        left.take_top(theme.px(16));
        right = left;
    }
    row.used.set_bounds(right.take_top(line));
    if (!view.printer_report.empty())
        row.report.set_bounds(right.take_top(line));
    row.replaced.set_bounds(right.take_top(line));
    row.forecast.set_bounds(right.take_top(line));
    for (Widget* widget :
         std::initializer_list<Widget*>{&row.name, &row.level, &row.bar, &row.used, &row.report,
                                        &row.replaced, &row.forecast, &row.replace, &row.hint})
        m_root.add(*widget);
}

void ConsumablesPanel::confirm_replace(size_t index) {
    if (index >= m_views.size())
        return;
    const ConsumableView& view = m_views[index];
    const Translator& t = m_ctx.tr;
    std::string loaded;
    if (view.unit == "mm" && view.capacity > 0)
        loaded = t.format("staff.consumables.loaded_roll", {{"length", metres(view.capacity)}});
    else if (view.unit == "sheets" && view.capacity > 0)
        loaded = t.format("staff.consumables.loaded_tray", {{"sheets", std::to_string(view.capacity)}});
    else
        loaded = t.format("staff.consumables.loaded_other", {{"name", consumable_name(view.id, t)}});
    m_pending = view.id;
    m_confirm.set_title(t.format("staff.consumables.confirm_title", {{"name", consumable_name(view.id, t)}}));
    m_confirm.set_message(loaded);
    m_confirm.primary().set_text(t.tr("staff.panel.confirm"));
    m_confirm.secondary().set_text(t.tr("staff.panel.cancel"));
    m_confirm.set_visible(true);
}

void ConsumablesPanel::replace_confirmed() {
    m_confirm.set_visible(false);
    m_last_answer = m_desk.replace_consumable(m_pending, 0);
    layout(m_content);
}

} // namespace

std::unique_ptr<StaffPanel> make_consumables_panel(SceneContext& context, StaffDesk& desk) {
    return std::make_unique<ConsumablesPanel>(context, desk);
}

} // namespace kiosk::ui
