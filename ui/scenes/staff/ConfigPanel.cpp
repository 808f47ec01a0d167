// The config tab, the vendor engineer's (StaffAction::ChangeSettings; the maintenance screen shows it to
// nobody else): the kiosk's A/B config slots (docs/ConfigSlots.md) — which one the content comes from,
// what slots A and B hold (bundle, version, installed, status, the last result and its reason) and the
// latest results — and "roll back" behind a dialog. The slots are the store worker's: the panel asks the
// desk (ask_config_slots) when it opens and every few seconds, says "loading…" until the first answer,
// and lays out again when an answer comes (StaffConfigSlotsAnswered); a rollback shows "working…" until
// its outcome comes the same way. Nothing is reloaded here: the kiosk serves the new slot once
// maintenance has ended, and the screen says so.

#include "ui/scenes/staff/PanelKit.h"
#include "ui/scenes/staff/StaffPanel.h"
#include "ui/scenes/staff/StaffWords.h"
#include "ui/toolkit/Dialog.h"
#include "ui/toolkit/Label.h"

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace kiosk::ui {
namespace {

constexpr std::chrono::seconds kRefresh{5}; // the slots re-read while the tab shows (kiosk-devctl may act)
constexpr size_t kSlotLines = 5;            // status, version (one row), bundle, installed, last result
constexpr size_t kSlotRows = 4;

// A keyword of the slots (a status, an outcome, a slot) in words; an unknown one as itself.
std::string slot_word(std::string_view keyword,
                      std::initializer_list<std::pair<std::string_view, const char*>> known,
                      const Translator& tr) {
    for (const auto& [word, key] : known) {
        if (word == keyword)
            return tr.tr(key);
    }
    return keyword.empty() ? std::string("—") : std::string(keyword.substr(0, 40));
}

std::string slot_name(std::string_view slot, const Translator& tr) {
    return slot_word(slot,
                     {{"a", "staff.config.slot.a"},
                      {"b", "staff.config.slot.b"},
                      {"factory", "staff.config.slot.factory"}},
                     tr);
}

std::string status_name(std::string_view status, const Translator& tr) {
    return slot_word(status,
                     {{"empty", "staff.config.status.empty"},
                      {"trial", "staff.config.status.trial"},
                      {"good", "staff.config.status.good"},
                      {"failed", "staff.config.status.failed"}},
                     tr);
}

std::string outcome_name(std::string_view outcome, const Translator& tr) {
    return slot_word(outcome,
                     {{"installed", "staff.config.outcome.installed"},
                      {"refused", "staff.config.outcome.refused"},
                      {"confirmed", "staff.config.outcome.confirmed"},
                      {"rolled_back", "staff.config.outcome.rolled_back"},
                      {"load_failed", "staff.config.outcome.load_failed"},
                      {"crash_loop", "staff.config.outcome.crash_loop"},
                      {"recovered", "staff.config.outcome.recovered"}},
                     tr);
}

// A bundle id in a history line: a long one (a UUID) by its first 8 characters, the version says the rest.
std::string short_bundle_id(const std::string& id) {
    constexpr size_t kLong = 24, kShown = 8;
    return id.size() > kLong ? id.substr(0, kShown) + "…" : id;
}

Color status_colour(std::string_view status, const Theme& theme) {
    if (status == "good")
        return theme.success;
    if (status == "trial")
        return theme.warning;
    if (status == "failed")
        return theme.danger;
    return theme.text_muted;
}

// Where a rollback goes from `view`'s current slot: the other slot when good, else the factory content;
// "" when already on the factory content (nothing to go back to).
std::string rollback_target(const ConfigSlotsView& view) {
    if (view.current != "a" && view.current != "b")
        return {};
    const auto& other = view.current == "a" ? view.b : view.a;
    return other.status == "good" ? (view.current == "a" ? "b" : "a") : "factory";
}

class ConfigPanel final : public StaffPanel {
public:
    std::vector<std::string> texts() const override { return staff_panel_texts(m_root); }
    using StaffPanel::StaffPanel;

    void layout(Rect content) override;
    void draw(Painter& painter) override {
        for (Rect card : m_cards)
            painter.fill_rounded_rect(card, m_ctx.theme.px(m_ctx.theme.radius), m_ctx.theme.surface);
        m_root.draw(painter);
    }
    bool on_tick() override {
        if (m_confirm.visible() || m_working || m_ctx.clock.now() - m_asked_at < kRefresh)
            return false;
        ask();
        return false; // the answer lays the panel out again
    }
    bool on_event(const services::AppEvent& event) override {
        const auto* answer = std::get_if<services::StaffConfigSlotsAnswered>(&event);
        if (!answer)
            return false;
        if (m_working && answer->action == "rollback") {
            m_working = false;
            m_rolled_to = answer->error ? std::string() : answer->now_current;
            m_last_answer = answer->error ? Result<void>(*answer->error) : Result<void>();
        }
        layout(m_content);
        return true;
    }

private:
    struct SlotCard {
        Label title;
        std::array<Label, kSlotLines> lines;
    };
    void ask() {
        m_asked_at = m_ctx.clock.now();
        m_desk.ask_config_slots();
    }
    void layout_slot(SlotCard& card, const ConfigSlotsView::Slot& slot, std::string_view name, bool current,
                     Rect box);
    void layout_history(Rect area);
    void ask_rollback();

    Rect m_content;
    SteadyTime m_asked_at{};
    bool m_asked = false;
    bool m_working = false; // a rollback waits for the store worker's outcome
    bool m_handlers_set = false;
    std::optional<ConfigSlotsView> m_view;
    std::optional<Result<void>> m_last_answer;
    std::string m_rolled_to; // the slot a rollback done here went to
    std::vector<Rect> m_cards;
    Label m_current, m_rollback_hint; // the hint is not shown: its text goes to the bottom line
    Label m_history_title, m_no_history, m_answer;
    std::array<SlotCard, 2> m_slots;
    std::array<Label, kConfigHistoryShown> m_history;
    Button m_rollback{Button::Kind::Secondary};
    Dialog m_confirm;
};

void ConfigPanel::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    const Translator& t = m_ctx.tr;
    if (!m_handlers_set) {
        m_rollback.on_click([this] { ask_rollback(); });
        m_confirm.set_visible(false);
        m_confirm.primary().on_click([this] {
            m_confirm.set_visible(false);
            auto queued = m_desk.roll_back_config();
            m_working = queued.ok();
            m_rolled_to.clear();
            m_last_answer = queued.ok() ? std::nullopt : std::optional<Result<void>>(std::move(queued));
            m_asked_at = m_ctx.clock.now(); // the outcome brings the slots as they are after it
            layout(m_content);
        });
        m_confirm.secondary().on_click([this] { m_confirm.set_visible(false); });
        m_handlers_set = true;
    }
    m_content = content;
    m_root.clear();
    m_cards.clear();
    if (!m_desk.may(domain::StaffAction::ChangeSettings)) { // the tab is the engineer's: nothing of it
        m_view.reset();
        m_current.set_text(
            t.format("staff.needs_role",
                     {{"role", t.tr(role_key(domain::minimum_role(domain::StaffAction::ChangeSettings)))}}));
        m_current.set_style({theme.font_body, false, theme.text_muted});
        m_current.set_bounds({content.x, content.y, content.w, theme.px(60)});
        m_root.add(m_current);
        return;
    }
    if (!m_asked) {
        m_asked = true;
        ask();
    }
    m_view = m_desk.config_slots();

    // The line at the bottom: a rollback's progress or outcome; else why the slots could not be read,
    // what the button needs, or what a rollback would do.
    Rect area = content;
    m_answer.set_bounds(area.take_bottom(theme.px(56)));
    m_rollback.set_text(t.tr("staff.config.rollback"));
    gate_button(m_rollback, m_rollback_hint, m_desk, t, domain::StaffAction::ChangeSettings);
    std::string target = m_view ? rollback_target(*m_view) : std::string();
    if (m_working || !m_view || !m_view->in_use || target.empty())
        m_rollback.set_enabled(false);
    show_answer(m_answer, m_last_answer, t, theme);
    if (m_last_answer && m_last_answer->ok() && !m_rolled_to.empty()) {
        std::string done = "✓ "; // piece by piece: GCC 12 -O3 and "literal" + std::string&&
        done += t.format("staff.config.rolled_back", {{"slot", slot_name(m_rolled_to, t)}});
        m_answer.set_text(std::move(done));
    }
    if (m_working) {
        m_answer.set_text(t.tr("staff.config.working"));
        m_answer.set_style({theme.font_body, false, theme.text_muted});
    } else if (!m_last_answer && m_view && m_view->in_use) {
        bool unreadable = !m_view->error.empty();
        m_answer.set_text(unreadable ? t.format("staff.config.unreadable", {{"error", m_view->error}})
                          : !m_rollback_hint.text().empty() ? m_rollback_hint.text()
                          : target.empty()                  ? t.tr("staff.config.nothing_to_roll_back")
                                                            : t.tr("staff.config.takes_effect"));
        m_answer.set_style({theme.font_small + 2, unreadable, unreadable ? theme.danger : theme.text_muted});
    }
    m_root.add(m_answer);

    // The head: which slot is in use, and "roll back" on the right.
    bool portrait = content.h > content.w;
    int button_width = std::min(area.w / 2, theme.px(440));
    Rect head = area.take_top(staff_button_height(theme));
    m_rollback.set_bounds({head.right() - button_width, head.y, button_width, head.h});
    m_current.set_style({theme.font_heading, true, theme.text});
    m_current.set_bounds({head.x, head.y, head.w - button_width - theme.px(theme.gap), head.h});
    m_root.add(m_current);
    if (!m_view) {
        m_current.set_text(t.tr("staff.config.loading"));
        return;
    }
    if (!m_view->in_use) {
        m_current.set_text(t.tr("staff.config.not_in_use"));
        m_current.set_bounds(head);
        return;
    }
    m_root.add(m_rollback);
    m_current.set_text(t.format("staff.config.current", {{"slot", slot_name(m_view->current, t)}}));
    area.take_top(theme.px(theme.gap) / 2);

    // Slots A and B: side by side in landscape, one over the other in portrait.
    int card_height = theme.px(50) + static_cast<int>(kSlotRows) * theme.px(40) + theme.px(20);
    Rect cards = area.take_top(portrait ? 2 * card_height + theme.px(theme.gap) : card_height);
    Rect first =
        portrait ? cards.take_top(card_height) : cards.take_left((cards.w - theme.px(theme.gap)) / 2);
    cards.take_top(portrait ? theme.px(theme.gap) : 0);
    if (!portrait)
        cards.take_left(theme.px(theme.gap));
    Rect second = cards;
    layout_slot(m_slots[0], m_view->a, "a", m_view->current == "a", first);
    layout_slot(m_slots[1], m_view->b, "b", m_view->current == "b", second);
    area.take_top(theme.px(theme.gap));
    layout_history(area);

    m_confirm.set_bounds(content);
    m_root.add(m_confirm);
}

void ConfigPanel::layout_slot(SlotCard& card, const ConfigSlotsView::Slot& slot, std::string_view name,
                              bool current, Rect box) {
    const Theme& theme = m_ctx.theme;
    const Translator& t = m_ctx.tr;
    m_cards.push_back(box);
    Rect inner = box.inset(theme.px(24), theme.px(10));
    std::string title = slot_name(name, t);
    if (current)
        title += "  ·  " + t.tr("staff.config.in_use");
    card.title.set_text(std::move(title));
    card.title.set_style({theme.font_body + 4, true, current ? theme.primary : theme.text});
    card.title.set_bounds(inner.take_top(theme.px(50)));
    m_root.add(card.title);
    bool empty = slot.status == "empty";
    std::string last =
        slot.last_result.empty() || empty ? std::string("—") : outcome_name(slot.last_result, t);
    if (!slot.reason.empty() && !empty) {
        last += " — ";
        last += slot.reason;
    }
    const std::array<std::string, kSlotLines> texts{
        t.format("staff.config.status", {{"status", status_name(slot.status, t)}}),
        t.format("staff.config.version", {{"version", empty ? "—" : std::to_string(slot.version)}}),
        t.format("staff.config.bundle", {{"id", empty || slot.bundle_id.empty() ? "—" : slot.bundle_id}}),
        t.format("staff.config.installed",
                 {{"when", slot.installed_at && !empty
                               ? format_staff_time(*slot.installed_at, m_ctx.clock.wall_now(), t)
                               : std::string("—")}}),
        t.format("staff.config.last_result", {{"result", last}}),
    };
    Rect first_row = inner.take_top(theme.px(40));
    for (size_t i = 0; i < kSlotLines; ++i) {
        card.lines[i].set_text(texts[i]);
        card.lines[i].set_style(
            {theme.font_small + 2, i == 0, i == 0 ? status_colour(slot.status, theme) : theme.text});
        if (i == 0)
            card.lines[i].set_bounds(first_row.take_left(first_row.w / 2));
        else if (i == 1)
            card.lines[i].set_bounds(first_row);
        else
            card.lines[i].set_bounds(inner.take_top(theme.px(40)));
        m_root.add(card.lines[i]);
    }
}

// The latest results, newest first: when, what, which slot and bundle, why.
void ConfigPanel::layout_history(Rect area) {
    const Theme& theme = m_ctx.theme;
    const Translator& t = m_ctx.tr;
    m_history_title.set_text(t.tr("staff.config.history"));
    m_history_title.set_style({theme.font_body + 4, true, theme.primary});
    m_history_title.set_bounds(area.take_top(theme.px(50)));
    m_root.add(m_history_title);
    if (m_view->history.empty()) {
        m_no_history.set_text(t.tr("staff.config.no_history"));
        m_no_history.set_style({theme.font_body, false, theme.text_muted});
        m_no_history.set_bounds(area.take_top(theme.px(48)));
        m_root.add(m_no_history);
        return;
    }
    int line = theme.px(38);
    for (size_t i = 0; i < kConfigHistoryShown && i < m_view->history.size() && area.h >= line; ++i) {
        const auto& entry = m_view->history[i];
        std::string text =
            entry.at ? format_staff_time(*entry.at, m_ctx.clock.wall_now(), t) : std::string("—");
        text += "  ";
        text += outcome_name(entry.outcome, t);
        text += "  ·  ";
        text += slot_name(entry.slot, t);
        if (!entry.bundle_id.empty()) {
            text += "  ";
            text += short_bundle_id(entry.bundle_id);
            text += " v";
            text += std::to_string(entry.version);
        }
        if (!entry.reason.empty()) {
            text += "  ·  ";
            text += entry.reason;
        }
        m_history[i].set_text(std::move(text));
        m_history[i].set_style({theme.font_small, false, theme.text});
        m_history[i].set_bounds(area.take_top(line));
        m_root.add(m_history[i]);
    }
}

void ConfigPanel::ask_rollback() {
    if (!m_view || !m_view->in_use)
        return;
    std::string target = rollback_target(*m_view);
    if (target.empty())
        return;
    const Translator& t = m_ctx.tr;
    m_confirm.set_title(t.tr("staff.config.rollback_title"));
    m_confirm.set_message(t.format("staff.config.rollback_message",
                                   {{"from", slot_name(m_view->current, t)}, {"to", slot_name(target, t)}}));
    m_confirm.primary().set_text(t.tr("staff.config.rollback"));
    m_confirm.secondary().set_text(t.tr("staff.panel.cancel"));
    m_confirm.set_visible(true);
}

} // namespace

std::unique_ptr<StaffPanel> make_config_panel(SceneContext& context, StaffDesk& desk) {
    return std::make_unique<ConfigPanel>(context, desk);
}

} // namespace kiosk::ui
