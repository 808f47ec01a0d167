#pragma once
// Inactivity during a citizen's visit, in one place: after `inactivity_warning_s` without a touch it
// asks "are you still there?" with a countdown; when the countdown runs out, the visit is to end.
// Any touch, or the dialog's "continue", answers it. The scene manager owns one, tells it of
// activity, asks it every tick, and ends the session when it says so.
//
// The same dialog guards a visit whose ID card was taken off the reader (card_removed(): the scene
// manager calls it only for a citizen the card identified). After `card_removed_grace_s` it says
// the card was taken — put it back to continue — and counts down `inactivity_countdown_s`; then the
// visit is to end (CardGone). Only the card coming back (card_back()) answers it: touches do not,
// and the dialog offers no "continue", only "sign out".

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "ui/toolkit/Dialog.h"
#include "ui/toolkit/Translator.h"

#include <chrono>
#include <functional>
#include <optional>

namespace kiosk::ui {

class InactivityGuard {
public:
    enum class Verdict {
        Quiet,    // nothing changed on screen
        Redraw,   // the dialog appeared or its countdown moved
        TimedOut, // end the visit: nobody touched the screen
        CardGone  // end the visit: the card stayed off the reader
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

    // The identifying card left the reader / came back (or the visit ended).
    void card_removed();
    void card_back();
    bool card_missing() const { return m_card_gone_since.has_value(); }
    // The warning shown is the card's ("put your card back"), not the idle one.
    bool card_warning_shown() const { return m_dialog.visible() && m_mode == Mode::Card; }

    // Called on every tick while a scene of the visit shows.
    Verdict tick();
    void layout(Rect screen);

    Dialog& dialog() { return m_dialog; }

private:
    enum class Mode { Idle, Card };
    Verdict show_countdown(Mode mode, std::chrono::milliseconds left_ms);
    void apply_texts();

    const Clock& m_clock;
    const SessionOptions& m_options;
    Translator& m_tr;
    Dialog m_dialog;
    SteadyTime m_last_activity{};
    int m_last_countdown = -1;
    Mode m_mode = Mode::Idle;
    std::optional<SteadyTime> m_card_gone_since;
};

} // namespace kiosk::ui
