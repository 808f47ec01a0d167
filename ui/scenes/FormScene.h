#pragma once
// The application form of the chosen package or matter, each field once: the fields on the left with
// their values and what is wrong with them, the field being edited on the right with the on-screen
// keyboard (or big buttons for a choice). Values read from the ID card are shown, not edited; values
// read from scanned pages are there to check and correct; the rest are typed. Every change goes to
// the citizen's case at once (wiped with it), so leaving for the review screen and coming back keeps
// them; what shows is the case's one resolved form (domain::resolve_form).

#include "core/domain/FormRules.h"
#include "ui/scenes/Scene.h"
#include "ui/toolkit/Button.h"
#include "ui/toolkit/ListView.h"
#include "ui/toolkit/OnScreenKeyboard.h"

#include <array>
#include <string_view>
#include <vector>

namespace kiosk::ui {

class FormScene final : public SceneWith<> {
public:
    static constexpr size_t kMaxChoices = 6; // more would not fit as buttons; the catalog has at most 3

    explicit FormScene(SceneContext& context);
    void on_enter(const NoArgument& argument) override;
    void on_exit() override;
    void layout(Rect content) override;
    void draw(Painter& painter) override;

    // For tests and UI drivers: the fields in order, what each shows, and where to touch.
    std::vector<std::string> field_ids() const;
    std::string editing() const;                               // the field being edited; empty when none
    std::string shown_value(std::string_view field_id) const;  // as on screen (ID numbers masked)
    std::string problem_text(std::string_view field_id) const; // why it cannot be sent; empty when it can
    const ListView& fields_list() const { return m_list; }
    const OnScreenKeyboard& keyboard() const { return m_keyboard; }
    const Button& next_button() const { return m_next; }
    const Button& choice_button(size_t index) const { return m_choices.at(index); }

private:
    struct Row {
        const domain::FormField* field = nullptr;
        bool from_card = false; // an IdCard field the document holds: shown, never edited
    };

    const Row* current() const { return m_current < m_rows.size() ? &m_rows[m_current] : nullptr; }
    size_t find(std::string_view field_id) const;
    std::string value(const Row& row) const;
    domain::FieldProblem problem(const Row& row) const;
    std::string problem_key(const Row& row) const;
    void edit(size_t index);
    void type(const KeyboardAction& action);
    void pick(size_t choice);
    void next_field();
    void refresh();
    void place_editor();
    void draw_editor(Painter& painter, const Row& row);

    std::vector<Row> m_rows;
    size_t m_current = 0; // m_rows.size(): none
    Rect m_content, m_editor, m_input_area;
    ListView m_list;
    OnScreenKeyboard m_keyboard;
    std::array<Button, kMaxChoices> m_choices;
    Button m_next{Button::Kind::Primary};
};

} // namespace kiosk::ui
