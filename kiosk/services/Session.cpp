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

void Session::set_material(const std::string& material_id, ScannedMaterial material,
                           const std::map<std::string, std::string>& prefill) {
    begin();
    m_materials[material_id] = material;
    for (auto it = m_prefill_source.begin(); it != m_prefill_source.end();) {
        if (it->second == material_id) {
            secure_wipe(m_prefill[it->first]);
            m_prefill.erase(it->first);
            it = m_prefill_source.erase(it);
        } else {
            ++it;
        }
    }
    for (const auto& [field, value] : prefill) {
        m_prefill[field] = value;
        m_prefill_source[field] = material_id;
    }
}

void Session::set_form_value(const std::string& field_id, std::string value) {
    begin();
    if (auto it = m_form.find(field_id); it != m_form.end()) {
        secure_wipe(it->second);
        if (value.empty()) {
            m_form.erase(it);
            return;
        }
    }
    if (!value.empty())
        m_form[field_id] = std::move(value);
}

void Session::end(SessionEndReason reason) {
    bool had_identity = m_identity.has_value();
    bool had_materials = !m_materials.empty();
    if (m_identity) {
        m_identity->wipe();
        m_identity.reset();
    }
    secure_wipe(m_selected_item);
    for (auto& [field, value] : m_prefill)
        secure_wipe(value);
    m_prefill.clear();
    m_prefill_source.clear();
    for (auto& [field, value] : m_form)
        secure_wipe(value);
    m_form.clear();
    for (auto& [item, submitted] : m_submitted)
        secure_wipe(submitted.query_token);
    m_submitted.clear();
    m_materials.clear();
    for (const auto& hook : m_end_hooks)
        hook();
    m_language = m_default_language;
    if (!m_active)
        return;
    m_active = false;
    ++m_sessions_ended;
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(m_clock.now() - m_started_at).count();
    std::string detail =
        std::string("reason=") + to_string(reason) + " duration_s=" + std::to_string(seconds) +
        " wiped=" + (had_identity ? "identity,selection" : "selection") + (had_materials ? ",materials" : "");
    log::info("session ended: {}", detail);
    if (m_audit)
        m_audit("session.wiped", detail);
}

} // namespace kiosk::services
