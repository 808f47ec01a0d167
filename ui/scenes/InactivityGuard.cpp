#include "ui/scenes/InactivityGuard.h"

#include "core/base/Log.h"

#include <algorithm>
#include <string>

namespace kiosk::ui {

InactivityGuard::InactivityGuard(const Clock& clock, const SessionOptions& options, Translator& tr)
    : m_clock(clock), m_options(options), m_tr(tr) {
    m_dialog.set_visible(false);
    m_dialog.primary().on_click([this] {
        m_dialog.set_visible(false);
        note_activity();
    });
}

void InactivityGuard::on_finish(std::function<void()> finish) {
    m_dialog.secondary().on_click(std::move(finish));
}

void InactivityGuard::note_activity() {
    m_last_activity = m_clock.now();
}

bool InactivityGuard::let_through(const PointerEvent& event) const {
    return !(event.type == PointerEvent::Type::Down && m_dialog.visible() &&
             !m_dialog.bounds().contains(event.position));
}

void InactivityGuard::after_pointer(const PointerEvent& event) {
    // Any touch answers "are you still there?"; left up, the dialog's countdown would freeze. A touch
    // does not bring a card back: that warning stays.
    if (event.type == PointerEvent::Type::Up && m_dialog.visible() && m_mode == Mode::Idle)
        m_dialog.set_visible(false);
}

void InactivityGuard::card_removed() {
    if (!m_card_gone_since)
        m_card_gone_since = m_clock.now();
}

void InactivityGuard::card_back() {
    m_card_gone_since.reset();
    if (m_mode == Mode::Card)
        m_dialog.set_visible(false);
}

InactivityGuard::Verdict InactivityGuard::tick() {
    using std::chrono::milliseconds;
    auto now = m_clock.now();
    auto countdown = std::chrono::seconds(m_options.inactivity_countdown_s);
    if (m_card_gone_since) {
        auto gone = std::chrono::duration_cast<milliseconds>(now - *m_card_gone_since);
        auto warn_after = std::chrono::seconds(m_options.card_removed_grace_s);
        if (gone >= warn_after + countdown) {
            log::info("card removed: ending session after {} s without it", gone.count() / 1000);
            return Verdict::CardGone;
        }
        if (gone >= warn_after)
            return show_countdown(Mode::Card, warn_after + countdown - gone);
    }
    auto idle = std::chrono::duration_cast<milliseconds>(now - m_last_activity);
    auto warn_after = std::chrono::seconds(m_options.inactivity_warning_s);
    if (idle >= warn_after + countdown) {
        log::info("inactivity: ending session after {} s", idle.count() / 1000);
        return Verdict::TimedOut;
    }
    if (idle < warn_after)
        return Verdict::Quiet;
    return show_countdown(Mode::Idle, warn_after + countdown - idle);
}

InactivityGuard::Verdict InactivityGuard::show_countdown(Mode mode, std::chrono::milliseconds left_ms) {
    auto left = std::chrono::duration_cast<std::chrono::seconds>(left_ms).count() + 1;
    if (m_dialog.visible() && mode == m_mode && left == m_last_countdown)
        return Verdict::Quiet;
    if (mode != m_mode) {
        m_mode = mode;
        apply_texts();
    }
    m_dialog.set_visible(true);
    m_dialog.set_message(m_tr.format(mode == Mode::Card ? "card.gone_message" : "timeout.message",
                                     {{"seconds", std::to_string(left)}}));
    m_dialog.set_progress(float(left) / float(std::max(1, m_options.inactivity_countdown_s)));
    m_last_countdown = static_cast<int>(left);
    return Verdict::Redraw;
}

void InactivityGuard::apply_texts() {
    bool card = m_mode == Mode::Card;
    m_dialog.set_title(m_tr.tr(card ? "card.gone_title" : "timeout.title"));
    // Without the card there is nothing to continue with: the card itself is the answer.
    m_dialog.primary().set_text(card ? std::string() : m_tr.tr("timeout.continue"));
    m_dialog.secondary().set_text(m_tr.tr("timeout.finish"));
    m_last_countdown = -1; // the message is rewritten in the new language at the next tick
}

void InactivityGuard::layout(Rect screen) {
    m_dialog.set_bounds(screen);
    apply_texts();
}

} // namespace kiosk::ui
