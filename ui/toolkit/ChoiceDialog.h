#pragma once
// A modal choice over a dimmed screen: a title, a line of message, one large button per choice (full
// width, stacked) and "cancel" below them. While shown it takes every touch. A tap on a choice hides
// the dialog and calls on_choose with the choice's index; cancel hides it and calls on_cancel.
// Buttons are placed as the dialog is drawn (text height needs the painter), as Dialog's are.

#include "ui/toolkit/Button.h"
#include "ui/toolkit/Widget.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kiosk::ui {

class ChoiceDialog final : public Widget {
public:
    static constexpr int kChoiceHeight = 88; // design px per choice (touch targets ≥ 64 px)

    ChoiceDialog();

    void set_title(std::string title) { m_title = std::move(title); }
    void set_message(std::string message) { m_message = std::move(message); }
    // The choices' texts, in order; the handlers stay.
    void set_choices(const std::vector<std::string>& texts);
    void set_cancel_text(std::string text) { m_cancel.set_text(std::move(text)); }
    void on_choose(std::function<void(size_t)> handler) { m_on_choose = std::move(handler); }
    void on_cancel(std::function<void()> handler) { m_on_cancel = std::move(handler); }

    const std::string& title() const { return m_title; }
    size_t choice_count() const { return m_choices.size(); }
    const Button& choice(size_t index) const { return *m_choices.at(index); }
    const Button& cancel() const { return m_cancel; }

    void draw(Painter& painter) override;
    bool on_pointer(const PointerEvent& event) override;

private:
    std::string m_title, m_message;
    std::vector<std::unique_ptr<Button>> m_choices;
    Button m_cancel{Button::Kind::Secondary};
    Container m_buttons;
    std::function<void(size_t)> m_on_choose;
    std::function<void()> m_on_cancel;
};

} // namespace kiosk::ui
