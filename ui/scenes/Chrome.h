#pragma once
// The chrome every screen of a flow shares: the header (emblem, hall name and product, date and
// clock) with the language toggle, and during a citizen's visit the back/home bar at the bottom. It
// places and draws itself; what its buttons do is the scene manager's (it wires their clicks).

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "ui/toolkit/Button.h"
#include "ui/toolkit/Painter.h"
#include "ui/toolkit/Theme.h"
#include "ui/toolkit/Translator.h"
#include "ui/toolkit/Widget.h"

namespace kiosk::ui {

class Chrome {
public:
    // What the screen shows around the scene.
    struct Shape {
        bool visit_bar = false;   // a scene of a citizen's visit: the back/home bar
        bool can_go_back = false; // something to go back to on the stack
        bool language = true;     // the language toggle (not on the out-of-service screen)
        bool clock = true;        // the header's date and time (dropped on narrow screens but the first)
    };

    Chrome(const Theme& theme, Translator& tr, const Clock& clock, const HallOptions& hall);

    Button& language_toggle() { return m_language_toggle; }
    Button& back() { return m_back; }
    Button& home() { return m_home; }
    // The buttons, for touch routing over the whole screen.
    Container& root() { return m_root; }

    Rect header(Rect screen) const;
    // What is left to the scene of `screen` with this shape.
    Rect content(Rect screen, bool visit_bar) const;
    void layout(Rect screen, const Shape& shape);
    void draw(Painter& painter);

private:
    void draw_header(Painter& painter);

    const Theme& m_theme;
    Translator& m_tr;
    const Clock& m_clock;
    const HallOptions& m_hall;
    Rect m_screen;
    Shape m_shape;
    Container m_root;
    Button m_language_toggle{Button::Kind::Secondary};
    Button m_back{Button::Kind::Secondary};
    Button m_home{Button::Kind::Secondary};
};

} // namespace kiosk::ui
