#pragma once
// Inactivity during a citizen's visit, in one place: after `inactivity_warning_s` without a touch it
// asks "are you still there?" with a countdown; when the countdown runs out, the visit is to end.
// Any touch, or the dialog's "continue", answers it. The scene manager owns one, tells it of
// activity, asks it every tick, and ends the session when it says so.

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "ui/toolkit/Dialog.h"
#include "ui/toolkit/Translator.h"

#include <functional>

namespace kiosk::ui {

class InactivityGuard {
public:
    enum class Verdict {
        Quiet,   // nothing changed on screen
        Redraw,  // the dialog appeared or its countdown moved
        TimedOut // end the visit
    };

    InactivityGuard(const Clock& clock, const SessionOptions& options, Translator& tr);

    // The dialog's "finish now" button.
    void on_finish(std::function<void()> finish);
    void note_activity();
    // A touch while the dialog shows: a touch outside it is swallowed (returns false), and any
    // lifted touch dismisses it.
    bool let_through(const PointerEvent& event) const;
    void after_pointer(const PointerEvent& event);
    void dismiss() { m_dialog.set_visible(false); }
    bool warning_shown() const { return m_dialog.visible(); }

    // Called on every tick while a scene of the visit shows.
    Verdict tick();
    void layout(Rect screen);

    Dialog& dialog() { return m_dialog; }

private:
    const Clock& m_clock;
    const SessionOptions& m_options;
    Translator& m_tr;
    Dialog m_dialog;
    SteadyTime m_last_activity{};
    int m_last_countdown = -1;
};

} // namespace kiosk::ui
