#pragma once
// One citizen's visit, from the first touch to its end. It holds the only copy of their identity in
// memory; end() wipes it and records (without personal data) that it did.

#include "kiosk/base/Clock.h"
#include "kiosk/base/LocalizedText.h"
#include "kiosk/domain/Identity.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::services {

enum class SessionEndReason { Done, Cancelled, Timeout, CardRemoved };
const char* to_string(SessionEndReason reason);

class Session {
public:
    // audit(kind, detail) records staff-visible facts; detail never holds personal data.
    using AuditFn = std::function<void(std::string_view kind, std::string_view detail)>;

    Session(const Clock& clock, Language default_language, AuditFn audit);

    bool active() const { return m_active; }
    void begin();
    void end(SessionEndReason reason);

    Language language() const { return m_language; }
    void set_language(Language language) { m_language = language; }

    void set_identity(domain::Identity identity);
    const domain::Identity* identity() const { return m_identity ? &*m_identity : nullptr; }

    // The package or matter being looked at or applied for (catalog id), if any.
    const std::string& selected_item() const { return m_selected_item; }
    void select_item(std::string id) { m_selected_item = std::move(id); }

    int sessions_ended() const { return m_sessions_ended; }

private:
    const Clock& m_clock;
    Language m_default_language;
    Language m_language;
    AuditFn m_audit;
    bool m_active = false;
    SteadyTime m_started_at{};
    std::optional<domain::Identity> m_identity;
    std::string m_selected_item;
    int m_sessions_ended = 0;
};

} // namespace kiosk::services
