// The outbox and prints tab: how many applications wait and for how long, the uploader's state and
// "send now"; the applications the hub refused (by the first 8 hex of their id, never by who applied),
// each with retry and discard (behind a dialog); the recent prints, with "allow a reprint" where the
// print ledger needs staff to allow one. The outbox is the submissions worker's: the panel asks the desk
// (ask_outbox) when it opens and every few seconds, says "loading…" until the first answer, and lays out
// again when an answer comes (StaffOutboxAnswered); an action shows "working…" until its outcome comes the
// same way. The panel never waits for the worker.

#include "ui/scenes/staff/PanelKit.h"
#include "ui/scenes/staff/StaffPanel.h"
#include "ui/scenes/staff/StaffWords.h"
#include "ui/toolkit/Dialog.h"
#include "ui/toolkit/Label.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <utility>
#include <vector>

namespace kiosk::ui {
namespace {

constexpr std::chrono::seconds kRefresh{5}; // queue and ages re-read while the tab shows

// The application id as staff may see it: its first 8 hex digits, nothing more.
std::string short_id(const std::string& id) {
    std::string prefix = id.substr(0, 8);
    bool hex = prefix.size() == 8 && std::all_of(prefix.begin(), prefix.end(), [](char c) {
                   return std::isxdigit(static_cast<unsigned char>(c));
               });
    return hex ? prefix + "…" : std::string("?");
}

// A keyword from outside (the hub's code, the uploader's state): in words when known, else the keyword,
// cut to what a keyword can be.
std::string keyword_text(std::string_view keyword,
                         std::initializer_list<std::pair<std::string_view, const char*>> known,
                         const Translator& tr) {
    for (const auto& [word, key] : known) {
        if (word == keyword)
            return tr.tr(key);
    }
    std::string shown;
    for (char c : keyword.substr(0, 40)) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')
            shown += c;
    }
    return shown.empty() ? std::string("?") : shown;
}

std::string refusal_text(const std::string& reason, const Translator& tr) {
    // The hub's final refusals (docs/specs/hub-contract.md §8.1); the reason may go on after the code.
    std::string_view code = reason;
    code = code.substr(0, code.find_first_of(": "));
    return keyword_text(code,
                        {{"unknown-field", "staff.outbox.reason.unknown_field"},
                         {"invalid-field", "staff.outbox.reason.invalid_field"},
                         {"unknown-package", "staff.outbox.reason.unknown_matter"},
                         {"unknown-matter", "staff.outbox.reason.unknown_matter"},
                         {"matter-not-in-package", "staff.outbox.reason.unknown_matter"},
                         {"duplicate-matter", "staff.outbox.reason.duplicate_matter"},
                         {"bad-token", "staff.outbox.reason.bad_token"},
                         {"bad-time", "staff.outbox.reason.bad_time"},
                         {"bad-id-number", "staff.outbox.reason.bad_id_number"},
                         {"blob-size-mismatch", "staff.outbox.reason.blob_size_mismatch"},
                         {"application-conflict", "staff.outbox.reason.application_conflict"}},
                        tr);
}

class OutboxPanel final : public StaffPanel {
public:
    std::vector<std::string> texts() const override { return staff_panel_texts(m_root); }
    using StaffPanel::StaffPanel;

    void layout(Rect content) override;
    bool on_tick() override {
        if (m_confirm.visible() || m_ctx.clock.now() - m_asked_at < kRefresh)
            return false;
        ask();
        return false; // the answer lays the panel out again
    }
    bool on_event(const services::AppEvent& event) override {
        const auto* answer = std::get_if<services::StaffOutboxAnswered>(&event);
        if (!answer)
            return false;
        if (m_working && answer->action != "read") {
            m_working = false;
            m_last_answer = answer->error ? Result<void>(*answer->error) : Result<void>();
        }
        layout(m_content);
        return true;
    }

private:
    struct Row {
        Label title, detail;
        Button first{Button::Kind::Secondary}, second{Button::Kind::Secondary};
    };
    Row& refused_row(size_t index);
    Row& print_row(size_t index);
    void place(Row& row, Rect box, bool two_buttons, bool stacked);
    // An outbox action: refused at once, or queued on the worker, its outcome to come by event.
    void act_on_outbox(Result<void> queued) {
        m_working = queued.ok();
        m_last_answer = queued.ok() ? std::nullopt : std::optional<Result<void>>(std::move(queued));
        m_asked_at = m_ctx.clock.now(); // the answer brings the outbox as it is after the action
        layout(m_content);
    }
    void act(Result<void> answer) {
        m_working = false;
        m_last_answer = std::move(answer);
        layout(m_content);
    }
    void ask() {
        m_asked_at = m_ctx.clock.now();
        m_desk.ask_outbox();
    }
    void ask_discard(size_t index);

    Rect m_content;
    SteadyTime m_asked_at{};
    bool m_asked = false;   // asked once, when first laid out
    bool m_working = false; // an action waits for the worker's outcome
    OutboxView m_outbox;    // what the desk last answered; empty while loading
    bool m_loading = true;
    std::vector<PrintView> m_prints;
    std::vector<std::unique_ptr<Row>> m_refused_rows, m_print_rows;
    std::string m_pending; // the application the discard dialog asks about
    std::optional<Result<void>> m_last_answer;
    Label m_queued, m_state, m_oldest, m_send_hint, m_refused_title, m_prints_title;
    Label m_refused_hint{{}, {}, Align::End}, m_prints_hint{{}, {}, Align::End}; // over the buttons they gate
    Label m_no_refused, m_no_prints, m_answer;
    Button m_send{Button::Kind::Primary};
    Dialog m_confirm;
    bool m_handlers_set = false;
};

OutboxPanel::Row& OutboxPanel::refused_row(size_t index) {
    while (m_refused_rows.size() <= index) {
        auto row = std::make_unique<Row>();
        size_t at = m_refused_rows.size();
        row->first.on_click([this, at] {
            if (at < m_outbox.refused.size())
                act_on_outbox(m_desk.retry_refused(m_outbox.refused[at].application_id));
        });
        row->second.on_click([this, at] { ask_discard(at); });
        m_refused_rows.push_back(std::move(row));
    }
    return *m_refused_rows[index];
}

OutboxPanel::Row& OutboxPanel::print_row(size_t index) {
    while (m_print_rows.size() <= index) {
        auto row = std::make_unique<Row>();
        size_t at = m_print_rows.size();
        row->first.on_click([this, at] {
            if (at < m_prints.size())
                act(m_desk.authorise_reprint(m_prints[at].ledger_id));
        });
        m_print_rows.push_back(std::move(row));
    }
    return *m_print_rows[index];
}

void OutboxPanel::place(Row& row, Rect box, bool two_buttons, bool stacked) {
    const Theme& theme = m_ctx.theme;
    int button_width = theme.px(stacked ? 240 : 280);
    int button_height = staff_button_height(theme);
    int buttons_width = two_buttons ? 2 * button_width + theme.px(16) : button_width;
    Rect text = box;
    Rect buttons;
    if (stacked) { // narrow: the texts across the whole row, the buttons under them on the right
        buttons = {box.right() - buttons_width, box.y + theme.px(46 + 38 + 8), buttons_width, button_height};
    } else {
        text.w -= buttons_width + theme.px(theme.gap);
        buttons = {box.right() - buttons_width, box.y + (box.h - button_height) / 2, buttons_width,
                   button_height};
    }
    row.first.set_bounds({buttons.x, buttons.y, button_width, button_height});
    row.second.set_bounds({buttons.right() - button_width, buttons.y, button_width, button_height});
    row.second.set_visible(two_buttons);
    row.title.set_style({theme.font_body, true, theme.text});
    row.detail.set_style({theme.font_small, false, theme.text_muted});
    row.title.set_bounds(text.take_top(theme.px(46)));
    row.detail.set_bounds(text.take_top(theme.px(38)));
    for (Widget* widget : std::initializer_list<Widget*>{&row.title, &row.detail, &row.first, &row.second})
        m_root.add(*widget);
}

void OutboxPanel::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    const Translator& t = m_ctx.tr;
    if (!m_handlers_set) {
        m_send.on_click([this] { act_on_outbox(m_desk.send_outbox_now()); });
        m_confirm.set_visible(false);
        m_confirm.primary().on_click([this] {
            m_confirm.set_visible(false);
            act_on_outbox(m_desk.discard_refused(m_pending));
        });
        m_confirm.secondary().on_click([this] { m_confirm.set_visible(false); });
        m_handlers_set = true;
    }
    m_content = content;
    if (!m_asked) {
        m_asked = true;
        ask();
    }
    auto answered = m_desk.outbox();
    m_loading = !answered.has_value();
    m_outbox = answered.value_or(OutboxView{});
    m_root.clear();

    Rect area = content;
    m_answer.set_bounds(area.take_bottom(theme.px(60)));
    show_answer(m_answer, m_last_answer, t, theme);
    if (m_working) {
        m_answer.set_text(t.tr("staff.outbox.working"));
        m_answer.set_style({theme.font_body, false, theme.text_muted});
    }

    // The queue: count, oldest, the uploader's state, send now.
    int line = theme.px(48);
    Rect head = area.take_top(2 * line + theme.px(40));
    Rect send = {head.right() - theme.px(360), head.y, theme.px(360), staff_button_height(theme)};
    m_send.set_bounds(send);
    m_send_hint.set_bounds({send.x, send.bottom(), send.w, theme.px(40)});
    m_send.set_text(t.tr("staff.outbox.send_now"));
    gate_button(m_send, m_send_hint, m_desk, t, domain::StaffAction::OutboxActions);
    m_send_hint.set_style({theme.font_small, false, theme.text_muted});
    head.w -= send.w + theme.px(theme.gap);
    m_queued.set_text(m_loading ? t.tr("staff.outbox.loading")
                                : t.format("staff.outbox.queued", {{"n", std::to_string(m_outbox.queued)}}));
    m_queued.set_style({theme.font_heading, true, theme.text});
    m_state.set_text(
        t.format("staff.outbox.delivery",
                 {{"state", keyword_text(m_outbox.delivery_state,
                                         {{"starting", "staff.outbox.state.starting"},
                                          {"idle", "staff.outbox.state.idle"},
                                          {"sending", "staff.outbox.state.sending"},
                                          {"waiting-for-hub", "staff.outbox.state.waiting_for_hub"},
                                          {"no-hub-configured", "staff.outbox.state.no_hub_configured"},
                                          {"outbox-unavailable", "staff.outbox.state.outbox_unavailable"}},
                                         t)}}));
    m_state.set_style({theme.font_body, false, theme.text});
    if (m_loading)
        m_state.set_text({});
    m_oldest.set_text(
        m_loading ? std::string()
        : m_outbox.queued > 0 && m_outbox.oldest_queued_age
            ? t.format("staff.outbox.oldest", {{"age", format_age(*m_outbox.oldest_queued_age, t)}})
            : t.tr("staff.outbox.nothing_queued"));
    m_oldest.set_style({theme.font_body, false, theme.text_muted});
    bool wide = content.w >= theme.px(1300);
    Rect first_line = head.take_top(line + theme.px(8));
    if (wide) {
        m_queued.set_bounds(first_line.take_left(first_line.w / 2));
        m_state.set_bounds(first_line);
        m_oldest.set_bounds(head.take_top(line));
    } else {
        m_queued.set_bounds(first_line);
        m_state.set_bounds(head.take_top(line));
        m_oldest.set_bounds(head.take_top(line));
    }
    for (Widget* widget :
         std::initializer_list<Widget*>{&m_queued, &m_state, &m_oldest, &m_send, &m_send_hint})
        m_root.add(*widget);

    // Room for the rows of both lists: the prints keep at least half of it when they have some.
    int title_height = theme.px(60);
    int print_height = staff_button_height(theme) + theme.px(16);
    int refused_height = wide ? print_height : theme.px(46 + 38 + 8 + 16) + staff_button_height(theme);
    area.take_top(theme.px(theme.gap));
    int room = area.h - 2 * title_height - theme.px(theme.gap);
    m_prints = m_desk.recent_prints(std::max(1, room / print_height));
    room -= m_outbox.refused.empty() ? print_height : 0;
    room -= m_prints.empty() ? print_height : 0;
    int kept = std::min<int>(static_cast<int>(m_prints.size()), room / 2 / print_height) * print_height;
    int refused_rows =
        std::min<int>(static_cast<int>(m_outbox.refused.size()), (room - kept) / refused_height);
    int print_rows = std::min<int>(static_cast<int>(m_prints.size()),
                                   (room - refused_rows * refused_height) / print_height);
    m_prints.resize(static_cast<size_t>(std::max(0, print_rows)));

    auto section = [&](Label& title, Label& hint, std::string text, domain::StaffAction action) {
        Rect box = area.take_top(title_height);
        title.set_text(std::move(text));
        title.set_style({theme.font_body + 4, true, theme.primary});
        hint.set_text(
            m_desk.may(action)
                ? std::string()
                : t.format("staff.needs_role", {{"role", t.tr(role_key(domain::minimum_role(action)))}}));
        hint.set_style({theme.font_small, false, theme.text_muted});
        title.set_bounds(box.take_left(box.w * 5 / 8));
        hint.set_bounds(box);
        m_root.add(title);
        m_root.add(hint);
    };
    auto refused_count = std::to_string(m_outbox.refused.size());
    section(m_refused_title, m_refused_hint,
            m_loading ? t.tr("staff.outbox.loading")
            : static_cast<int>(m_outbox.refused.size()) > refused_rows
                ? t.format("staff.outbox.refused_some",
                           {{"n", refused_count}, {"shown", std::to_string(refused_rows)}})
                : t.format("staff.outbox.refused", {{"n", refused_count}}),
            domain::StaffAction::OutboxActions);
    m_no_refused.set_visible(m_outbox.refused.empty() && !m_loading);
    if (m_outbox.refused.empty() && !m_loading) {
        m_no_refused.set_text(t.tr("staff.outbox.no_refused"));
        m_no_refused.set_style({theme.font_body, false, theme.text_muted});
        m_no_refused.set_bounds(area.take_top(print_height));
        m_root.add(m_no_refused);
    }
    for (int i = 0; i < refused_rows; ++i) {
        const auto& refused = m_outbox.refused[static_cast<size_t>(i)];
        Row& row = refused_row(static_cast<size_t>(i));
        std::string title = t.format("staff.outbox.application", {{"id", short_id(refused.application_id)}});
        if (refused.sealed_at)
            title += "  ·  " +
                     t.format("staff.outbox.sealed_at",
                              {{"when", format_staff_time(*refused.sealed_at, m_ctx.clock.wall_now(), t)}});
        row.title.set_text(std::move(title));
        row.detail.set_text(refusal_text(refused.reason, t));
        row.first.set_text(t.tr("staff.outbox.retry"));
        row.second.set_text(t.tr("staff.outbox.discard"));
        bool allowed = m_desk.may(domain::StaffAction::OutboxActions);
        row.first.set_enabled(allowed);
        row.second.set_enabled(allowed);
        row.first.set_visible(true);
        place(row, area.take_top(refused_height), true, !wide);
    }

    area.take_top(theme.px(theme.gap));
    section(m_prints_title, m_prints_hint, t.tr("staff.outbox.prints"),
            domain::StaffAction::AuthoriseReprint);
    m_no_prints.set_visible(m_prints.empty());
    if (m_prints.empty()) {
        m_no_prints.set_text(t.tr("staff.outbox.no_prints"));
        m_no_prints.set_style({theme.font_body, false, theme.text_muted});
        m_no_prints.set_bounds(area.take_top(print_height));
        m_root.add(m_no_prints);
    }
    static constexpr std::pair<std::string_view, const char*> kStateMarks[] = {
        {"completed", "✓ "}, {"failed", "× "}, {"unknown", "? "}, {"queued", "… "}, {"printing", "… "}};
    for (size_t i = 0; i < m_prints.size(); ++i) {
        const PrintView& print = m_prints[i];
        Row& row = print_row(i);
        std::string mark;
        for (const auto& [state, sign] : kStateMarks) {
            if (state == print.state)
                mark = sign;
        }
        row.title.set_text(mark +
                           keyword_text(print.kind,
                                        {{"receipt", "staff.outbox.kind.receipt"},
                                         {"certificate", "staff.outbox.kind.certificate"},
                                         {"checklist", "staff.outbox.kind.checklist"},
                                         {"form", "staff.outbox.kind.form"},
                                         {"test-page", "staff.outbox.kind.test_page"}},
                                        t) +
                           "  ·  " +
                           keyword_text(print.state,
                                        {{"queued", "staff.outbox.print_state.queued"},
                                         {"printing", "staff.outbox.print_state.printing"},
                                         {"completed", "staff.outbox.print_state.completed"},
                                         {"failed", "staff.outbox.print_state.failed"},
                                         {"unknown", "staff.outbox.print_state.unknown"}},
                                        t));
        std::string detail =
            print.at ? format_staff_time(*print.at, m_ctx.clock.wall_now(), t) : std::string();
        if (!print.reason.empty())
            detail += (detail.empty() ? "" : "  ·  ") + printer_reason_text(print.reason, t);
        row.detail.set_text(std::move(detail));
        row.first.set_text(t.tr("staff.outbox.allow_reprint"));
        row.first.set_visible(print.reprint_needs_authorisation);
        row.first.set_enabled(m_desk.may(domain::StaffAction::AuthoriseReprint));
        place(row, area.take_top(print_height), false, false);
        row.first.set_visible(print.reprint_needs_authorisation);
    }

    m_root.add(m_answer);
    m_confirm.set_bounds(content);
    m_root.add(m_confirm);
}

void OutboxPanel::ask_discard(size_t index) {
    if (index >= m_outbox.refused.size())
        return;
    const Translator& t = m_ctx.tr;
    m_pending = m_outbox.refused[index].application_id;
    m_confirm.set_title(t.tr("staff.outbox.discard_title"));
    m_confirm.set_message(t.format("staff.outbox.discard_message", {{"id", short_id(m_pending)}}));
    m_confirm.primary().set_text(t.tr("staff.outbox.discard"));
    m_confirm.secondary().set_text(t.tr("staff.panel.cancel"));
    m_confirm.set_visible(true);
}

} // namespace

std::unique_ptr<StaffPanel> make_outbox_panel(SceneContext& context, StaffDesk& desk) {
    return std::make_unique<OutboxPanel>(context, desk);
}

} // namespace kiosk::ui
