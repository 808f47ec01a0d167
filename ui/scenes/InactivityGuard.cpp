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
    // Any touch answers "are you still there?"; left up, the dialog's countdown would freeze.
    if (event.type == PointerEvent::Type::Up && m_dialog.visible())
        m_dialog.set_visible(false);
}

InactivityGuard::Verdict InactivityGuard::tick() {
    auto idle = std::chrono::duration_cast<std::chrono::milliseconds>(m_clock.now() - m_last_activity);
    auto warn_after = std::chrono::seconds(m_options.inactivity_warning_s);
    auto end_after = warn_after + std::chrono::seconds(m_options.inactivity_countdown_s);
    if (idle >= end_after) {
        log::info("inactivity: ending session after {} s", idle.count() / 1000);
        return Verdict::TimedOut;
    }
    if (idle < warn_after)
        return Verdict::Quiet;
    auto left = std::chrono::duration_cast<std::chrono::seconds>(end_after - idle).count() + 1;
    if (m_dialog.visible() && left == m_last_countdown)
        return Verdict::Quiet;
    m_dialog.set_visible(true);
    m_dialog.set_message(m_tr.format("timeout.message", {{"seconds", std::to_string(left)}}));
    m_dialog.set_progress(float(left) / float(std::max(1, m_options.inactivity_countdown_s)));
    m_last_countdown = static_cast<int>(left);
    return Verdict::Redraw;
}

void InactivityGuard::layout(Rect screen) {
    m_dialog.set_bounds(screen);
    m_dialog.set_title(m_tr.tr("timeout.title"));
    m_dialog.primary().set_text(m_tr.tr("timeout.continue"));
    m_dialog.secondary().set_text(m_tr.tr("timeout.finish"));
}

} // namespace kiosk::ui
