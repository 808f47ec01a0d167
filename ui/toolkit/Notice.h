#pragma once
// A short message over the screen (a banner): one calm sentence with a tone (info, warning, error).
// It spans the width of the area its owner gives it, at the top, as tall as its text needs (wrapped,
// at most three lines). It knows nothing of time: its owner shows it, hides it after a while, and
// chooses the area so that it never covers chrome the citizen needs. A tap on it dismisses it and
// goes no further; a touch anywhere else passes it by.

#include "ui/toolkit/Widget.h"

#include <string>

namespace kiosk::ui {

class Notice final : public Widget {
public:
    enum class Tone { Info, Warning, Error };

    Notice() { set_visible(false); }

    void show(std::string text, Tone tone) {
        m_text = std::move(text);
        m_tone = tone;
        set_visible(true);
    }
    void set_text(std::string text) { m_text = std::move(text); } // e.g. after a language switch
    void dismiss() { set_visible(false); }

    const std::string& text() const { return m_text; }
    Tone tone() const { return m_tone; }
    // Where the card was last drawn (empty before the first draw); only there does it take touches.
    Rect card() const { return m_card; }

    void draw(Painter& painter) override;
    bool on_pointer(const PointerEvent& event) override;

private:
    std::string m_text;
    Tone m_tone = Tone::Info;
    Rect m_card;
    bool m_pressed = false;
};

} // namespace kiosk::ui
