#pragma once
// A modal card over a dimmed screen: title, message, an optional progress bar, one or two buttons.
// While shown it takes every touch, so nothing behind it can be pressed by accident.

#include "ui/toolkit/Button.h"
#include "ui/toolkit/ProgressBar.h"
#include "ui/toolkit/Widget.h"

#include <string>

namespace kiosk::ui {

class Dialog final : public Widget {
public:
    Dialog();

    void set_title(std::string title) { m_title = std::move(title); }
    void set_message(std::string message) { m_message = std::move(message); }
    void set_progress(std::optional<float> fraction); // nullopt hides the bar
    const std::string& title() const { return m_title; }
    const std::string& message() const { return m_message; }
    // An empty text hides that button.
    Button& primary() { return m_primary; }
    Button& secondary() { return m_secondary; }
    const Button& primary() const { return m_primary; }
    const Button& secondary() const { return m_secondary; }

    void draw(Painter& painter) override;
    bool on_pointer(const PointerEvent& event) override;

private:
    void layout(Painter& painter);

    std::string m_title, m_message;
    bool m_show_progress = false;
    ProgressBar m_progress;
    Button m_primary{Button::Kind::Primary};
    Button m_secondary{Button::Kind::Secondary};
    Container m_buttons;
};

} // namespace kiosk::ui
