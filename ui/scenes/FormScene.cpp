#include "ui/scenes/FormScene.h"

#include "ui/toolkit/TextLayout.h"

#include <algorithm>

namespace kiosk::ui {

using domain::FieldProblem;
using domain::FieldSource;
using domain::FieldType;

namespace {

// Typing stops at the longest value the field accepts, so a citizen never types what would be refused.
bool fits(const domain::FormField& field, const std::string& value) {
    switch (field.type) {
    case FieldType::Phone:
        return value.size() <= domain::kPhoneDigits;
    case FieldType::Number:
        return value.size() <= domain::kMaxNumberDigits;
    case FieldType::Date:
        return value.size() <= 10;
    case FieldType::Text:
    case FieldType::Choice:
        break;
    }
    return domain::count_code_points(value) <= domain::kMaxTextCodePoints;
}

void erase_last_code_point(std::string& text) {
    size_t cut = text.size();
    while (cut > 0 && (static_cast<unsigned char>(text[--cut]) & 0xC0) == 0x80) {
    }
    text.resize(cut);
}

} // namespace

FormScene::FormScene(SceneContext& context)
    : SceneWith<>(context), m_keyboard(context.theme, context.pinyin) {
    m_list.on_select([this](size_t index) { edit(index); });
    m_keyboard.on_action([this](const KeyboardAction& action) { type(action); });
    m_next.on_click([this] {
        if (m_ctx.nav)
            m_ctx.nav->go<SceneId::Confirm>();
    });
    m_root.add(m_list);
    m_root.add(m_keyboard);
    for (size_t i = 0; i < kMaxChoices; ++i) {
        m_choices[i].on_click([this, i] { pick(i); });
        m_root.add(m_choices[i]);
    }
    m_root.add(m_next);
}

void FormScene::on_enter(const NoArgument& /*argument*/) {
    const auto* item = m_ctx.citizen.item();
    m_rows.clear();
    if (item)
        for (const auto& entry : item->checklist.fields)
            m_rows.push_back({entry.field, domain::from_document(*entry.field, m_ctx.citizen.identity())});
    m_current = m_rows.size();
    next_field();
}

void FormScene::on_exit() {
    m_keyboard.set_mode(OnScreenKeyboard::Mode::Digits); // drops pinyin letters not yet converted
}

std::vector<std::string> FormScene::field_ids() const {
    std::vector<std::string> ids;
    for (const auto& row : m_rows)
        ids.push_back(row.field->id);
    return ids;
}

std::string FormScene::editing() const {
    return current() ? current()->field->id : std::string();
}

size_t FormScene::find(std::string_view field_id) const {
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].field->id == field_id)
            return i;
    return m_rows.size();
}

std::string FormScene::value(const Row& row) const {
    return m_ctx.citizen.field_value(*row.field); // the one rule: card, else typed or kept, else read
}

std::string FormScene::shown_value(std::string_view field_id) const {
    size_t index = find(field_id);
    if (index == m_rows.size())
        return {};
    const Row& row = m_rows[index];
    std::string text = value(row);
    if (row.from_card)
        return domain::shown_value(*row.field, text); // the screen faces the hall: the ID number masked
    if (row.field->type == FieldType::Choice)
        for (const auto& choice : row.field->choices)
            if (text == choice.zh)
                return choice.in(language());
    return text;
}

FieldProblem FormScene::problem(const Row& row) const {
    return row.from_card ? FieldProblem::None : domain::check_field(*row.field, value(row));
}

std::string FormScene::problem_key(const Row& row) const {
    switch (problem(row)) {
    case FieldProblem::None:
        return {};
    case FieldProblem::Missing:
        return "form.problem.missing";
    case FieldProblem::Phone:
        return "form.problem.phone";
    case FieldProblem::Date:
        return "form.problem.date";
    case FieldProblem::Number:
        return "form.problem.number";
    case FieldProblem::TooLong:
        return "form.problem.too_long";
    case FieldProblem::BadChars:
        return "form.problem.bad_chars";
    case FieldProblem::NotAChoice:
        return "form.problem.not_a_choice";
    }
    return {};
}

std::string FormScene::problem_text(std::string_view field_id) const {
    size_t index = find(field_id);
    std::string key = index < m_rows.size() ? problem_key(m_rows[index]) : std::string();
    return key.empty() ? key : tr(key);
}

void FormScene::edit(size_t index) {
    if (index >= m_rows.size())
        return;
    m_current = index;
    const auto& field = *m_rows[index].field;
    bool digits =
        field.type == FieldType::Phone || field.type == FieldType::Number || field.type == FieldType::Date;
    m_keyboard.set_digit_extra(field.type == FieldType::Date ? "-" : "");
    m_keyboard.set_mode(digits         ? OnScreenKeyboard::Mode::Digits
                        : m_ctx.pinyin ? OnScreenKeyboard::Mode::Pinyin
                                       : OnScreenKeyboard::Mode::Latin);
    place_editor();
    refresh();
    if (m_list.bounds().h > 0) // before the first layout the list has no size to scroll in
        m_list.scroll_into_view(index);
}

// To the next field, after the current one (wrapping round), that still needs a value or a fix; when
// none is left, nothing is edited and the panel points at "Next".
void FormScene::next_field() {
    size_t count = m_rows.size();
    size_t start = m_current < count ? m_current + 1 : 0;
    for (size_t step = 0; step < count; ++step) {
        size_t index = (start + step) % count;
        if (problem(m_rows[index]) != FieldProblem::None)
            return edit(index);
    }
    m_current = count;
    place_editor();
    refresh();
}

void FormScene::type(const KeyboardAction& action) {
    const Row* row = current();
    if (!row || row->from_card)
        return;
    if (action.type == KeyboardAction::Type::Done)
        return next_field();
    std::string text = value(*row);
    if (action.type == KeyboardAction::Type::Backspace)
        erase_last_code_point(text);
    else if (fits(*row->field, text + action.text))
        text += action.text;
    if (row->field->type == FieldType::Date)
        text = domain::normalise_date(text);
    m_ctx.citizen.set_field(row->field->id, std::move(text));
    refresh();
}

// A choice is stored in Chinese, the language of the departments' systems, whichever language shows.
void FormScene::pick(size_t choice) {
    const Row* row = current();
    if (!row || row->field->type != FieldType::Choice || choice >= row->field->choices.size())
        return;
    m_ctx.citizen.set_field(row->field->id, row->field->choices[choice].zh);
    next_field();
}

void FormScene::refresh() {
    std::vector<ListRow> rows;
    int unfinished = 0;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        const Row& row = m_rows[i];
        std::string label = row.field->label.in(language());
        if (!row.field->required)
            label = m_ctx.tr.format("form.optional", {{"label", label}});
        std::string title = (i == m_current ? "▶ " : "") + label;
        std::string shown = shown_value(row.field->id);
        std::string key = problem_key(row);
        std::string subtitle = shown.empty() ? tr("form.empty") : shown;
        if (!key.empty() && !shown.empty())
            subtitle += " — " + tr(key);
        ListRow list_row{std::move(title), std::move(subtitle), {}, true};
        if (row.from_card) {
            list_row.trailing = tr("form.from_card");
            list_row.trailing_colour = m_ctx.theme.success;
        } else if (!key.empty()) {
            ++unfinished;
            list_row.trailing = tr(shown.empty() ? "form.status_todo" : "form.status_fix");
            list_row.trailing_colour = shown.empty() ? m_ctx.theme.warning : m_ctx.theme.danger;
        } else {
            list_row.trailing =
                tr(row.field->source == FieldSource::Ocr && !shown.empty() ? "form.from_scan"
                                                                           : "form.status_done");
            list_row.trailing_colour = m_ctx.theme.success;
        }
        rows.push_back(std::move(list_row));
    }
    m_list.update_rows(std::move(rows));
    m_next.set_enabled(unfinished == 0 && !m_rows.empty());
    m_next.set_text(unfinished == 0
                        ? tr("form.next")
                        : m_ctx.tr.format("form.unfinished", {{"n", std::to_string(unfinished)}}));
}

// The keyboard for the field's type, or a button per choice, under the field being edited.
void FormScene::place_editor() {
    const Theme& theme = m_ctx.theme;
    const Row* row = current();
    bool choice = row && !row->from_card && row->field->type == FieldType::Choice;
    bool keys = row && !row->from_card && !choice;
    m_keyboard.set_visible(keys);
    if (keys) {
        Rect area = m_input_area;
        int height = OnScreenKeyboard::preferred_height(theme, m_keyboard.mode());
        m_keyboard.set_bounds(area.take_top(std::min(area.h, height)));
    }
    Rect buttons = m_input_area;
    for (size_t i = 0; i < kMaxChoices; ++i) {
        bool shown = choice && i < row->field->choices.size();
        m_choices[i].set_visible(shown);
        if (!shown)
            continue;
        const LocalizedText& text = row->field->choices[i];
        m_choices[i].set_text(text.in(language()));
        m_choices[i].set_kind(value(*row) == text.zh ? Button::Kind::Primary : Button::Kind::Secondary);
        m_choices[i].set_bounds(buttons.take_top(theme.px(theme.button_height)));
        buttons.take_top(theme.px(theme.gap));
    }
}

void FormScene::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    m_content = content;
    Rect area = content.inset(theme.px(theme.margin), theme.px(32));
    bool wide = area.w > area.h;
    int editor_h = theme.px(184);
    int input_h = OnScreenKeyboard::preferred_height(theme, OnScreenKeyboard::Mode::Pinyin);
    // Landscape: the title heads the list, so the keyboard has the right side's full height.
    Rect left = wide ? area.take_left(area.w * 2 / 5)
                     : area.take_top(std::max(theme.px(480), area.h - editor_h - input_h - theme.px(40)));
    if (wide)
        area.take_left(theme.px(32));
    else
        area.take_top(theme.px(24));
    left.take_top(theme.px(120)); // title, drawn in draw() (two lines when long)
    m_next.set_bounds(left.take_bottom(theme.px(theme.button_height)));
    left.take_bottom(theme.px(24));
    m_list.set_row_height(theme.px(104));
    m_list.set_bounds(left);
    m_editor = area.take_top(editor_h);
    area.take_top(theme.px(16));
    m_input_area = area;
    m_keyboard.set_labels({tr("keyboard.done"), tr("keyboard.backspace"), tr("keyboard.space")});
    place_editor();
    refresh();
    if (current())
        m_list.scroll_into_view(m_current);
}

void FormScene::draw_editor(Painter& painter, const Row& row) {
    const Theme& theme = m_ctx.theme;
    Rect inner = m_editor.inset(theme.px(32), theme.px(16));
    std::string label = row.field->label.in(language());
    painter.draw_text_in(label, {theme.font_body, true, theme.text_muted}, inner.take_top(theme.px(44)));
    Rect box = inner.take_top(theme.px(76));
    bool editable = !row.from_card;
    if (editable) {
        painter.fill_rounded_rect(box, theme.px(10), theme.primary);
        painter.fill_rounded_rect(box.inset(theme.px(3)), theme.px(8), theme.surface);
    }
    Rect text_box = box.inset(theme.px(20), 0);
    TextStyle style{theme.font_heading, false, theme.text};
    std::string text = shown_value(row.field->id);
    // The end of a long value stays in sight, where the caret is.
    while (!text.empty() && painter.text_width(text, style) > text_box.w - theme.px(8)) {
        size_t cut = 0;
        next_code_point(text, cut);
        text.erase(0, cut);
    }
    int width = text.empty() ? 0 : painter.text_width(text, style);
    if (!text.empty())
        painter.draw_text_in(text, style, text_box);
    if (editable && row.field->type != FieldType::Choice)
        painter.fill_rect(
            {text_box.x + width + theme.px(2), box.y + theme.px(16), theme.px(3), box.h - theme.px(32)},
            theme.primary);
    inner.take_top(theme.px(8));
    std::string key = problem_key(row);
    std::string note_key = row.from_card                           ? "form.card_note"
                           : !key.empty() && !value(row).empty()   ? key
                           : row.field->type == FieldType::Date    ? "form.date_hint"
                           : row.field->source == FieldSource::Ocr ? "form.scan_note"
                           : row.field->type == FieldType::Choice  ? "form.choose"
                                                                   : "";
    if (!note_key.empty())
        painter.draw_text_in(
            tr(note_key),
            {theme.font_small, note_key == key, note_key == key ? theme.danger : theme.text_muted}, inner);
}

void FormScene::draw(Painter& painter) {
    const Theme& theme = m_ctx.theme;
    Rect area = m_content.inset(theme.px(theme.margin), theme.px(32));
    Rect title{area.x, area.y, m_list.bounds().w, theme.px(120)};
    std::string heading = m_ctx.tr.format(
        "form.title", {{"item", m_ctx.citizen.item() ? m_ctx.citizen.item()->name().in(language()) : ""}});
    painter.draw_paragraph(heading, {theme.font_heading, true, theme.text}, title);

    painter.fill_rounded_rect(m_editor, theme.px(theme.radius), theme.border);
    painter.fill_rounded_rect(m_editor.inset(theme.px(2)), theme.px(theme.radius) - 2, theme.surface);
    if (const Row* row = current())
        draw_editor(painter, *row);
    else if (!m_rows.empty())
        painter.draw_paragraph(tr("form.all_done"), {theme.font_body, true, theme.success},
                               m_editor.inset(theme.px(32), theme.px(24)));
    Scene::draw(painter);
}

} // namespace kiosk::ui
