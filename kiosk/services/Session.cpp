#include "kiosk/services/Session.h"

#include "kiosk/base/Log.h"

namespace kiosk::services {

const char* to_string(SessionEndReason reason) {
    switch (reason) {
    case SessionEndReason::Done:
        return "done";
    case SessionEndReason::Cancelled:
        return "cancelled";
    case SessionEndReason::Timeout:
        return "timeout";
    case SessionEndReason::CardRemoved:
        return "card-removed";
    }
    return "unknown";
}

Session::Session(const Clock& clock, Language default_language, AuditFn audit)
    : m_clock(clock), m_default_language(default_language), m_language(default_language),
      m_audit(std::move(audit)) {}

void Session::begin() {
    if (m_active)
        return;
    m_active = true;
    m_started_at = m_clock.now();
    if (m_audit)
        m_audit("session.started", "");
}

void Session::set_identity(domain::Identity identity) {
    if (m_identity)
        m_identity->wipe();
    m_identity = std::move(identity);
    begin();
}

void Session::end(SessionEndReason reason) {
    bool had_identity = m_identity.has_value();
    if (m_identity) {
        m_identity->wipe();
        m_identity.reset();
    }
    secure_wipe(m_selected_item);
    m_language = m_default_language;
    if (!m_active)
        return;
    m_active = false;
    ++m_sessions_ended;
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(m_clock.now() - m_started_at).count();
    std::string detail = std::string("reason=") + to_string(reason) +
                         " duration_s=" + std::to_string(seconds) +
                         " wiped=" + (had_identity ? "identity,selection" : "selection");
    log::info("session ended: {}", detail);
    if (m_audit)
        m_audit("session.wiped", detail);
}

} // namespace kiosk::services
