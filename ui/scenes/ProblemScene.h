#pragma once
// A failure that stops the citizen's way, as a screen of its own rather than a notice that fades:
// what happened in one calm sentence, what to do instead, and a way on. Today one problem: an ID card
// whose contents failed the checks (the reader reads a card once per placement, so trying again gives
// the same bytes); a passport page or a receipt's QR code still identify, and staff can help.

#include "ui/scenes/Scene.h"
#include "ui/toolkit/Button.h"

namespace kiosk::ui {

class ProblemScene final : public SceneWith<Problem> {
public:
    explicit ProblemScene(SceneContext& context);
    void on_enter(const Problem& problem) override;
    void layout(Rect content) override;
    void draw(Painter& painter) override;

    const Button& passport_button() const { return m_passport; }

private:
    Problem m_problem = Problem::CardInvalid;
    Rect m_content;
    Rect m_text; // above the button
    // Only while nobody is identified; back and home are the chrome's bar, as on every visit screen.
    Button m_passport{Button::Kind::Primary};
};

} // namespace kiosk::ui
