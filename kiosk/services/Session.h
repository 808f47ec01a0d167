#pragma once
// One citizen's visit, from the first touch to its end. It holds the only copy of their identity in
// memory; end() wipes it and records (without personal data) that it did.

#include "kiosk/base/Clock.h"
#include "kiosk/base/LocalizedText.h"
#include "kiosk/domain/Identity.h"
#include "kiosk/domain/MaterialMatch.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::services {

// A material the citizen scanned in this session (the pages themselves are files in the scan
// folder, kiosk/services/intake/MaterialIntake.h).
struct ScannedMaterial {
    int pages = 0;
    bool checked = false; // the kiosk could check it (the catalog declares evidence for its kind)
    domain::Verdict verdict = domain::Verdict::Unreadable;
    size_t pdf_bytes = 0;
    // Accepted for the application: it matches, or it cannot be checked and the citizen vouched.
    bool accepted() const { return !checked || verdict == domain::Verdict::Matches; }
};

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

    // Materials scanned so far, by catalog material id, and the form values read from them (form
    // field id → value). A rescan replaces the material and the values it pre-filled.
    void set_material(const std::string& material_id, ScannedMaterial material,
                      const std::map<std::string, std::string>& prefill);
    const std::map<std::string, ScannedMaterial>& materials() const { return m_materials; }
    const std::map<std::string, std::string>& prefill() const { return m_prefill; }

    // The form as the citizen filled it in on the form screen (field id → value): typed values, and
    // read values they kept or corrected. An empty value removes the field.
    void set_form_value(const std::string& field_id, std::string value);
    const std::map<std::string, std::string>& form() const { return m_form; }

    // Applications sealed in this session, by the item applied for ("package:newborn"): coming back
    // to the confirm screen shows that one instead of sending the same application twice.
    struct Submitted {
        std::string application_id, query_token;
    };
    void note_submitted(const std::string& item, Submitted submitted) {
        m_submitted[item] = std::move(submitted);
    }
    const Submitted* submitted(const std::string& item) const {
        auto found = m_submitted.find(item);
        return found == m_submitted.end() ? nullptr : &found->second;
    }

    // Runs at every end(), after the session's own data is wiped: other services wipe what they hold
    // for the citizen (the scan folder). Registered once, at start-up.
    void on_end(std::function<void()> hook) { m_end_hooks.push_back(std::move(hook)); }

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
    std::map<std::string, ScannedMaterial> m_materials;
    std::map<std::string, std::string> m_prefill;
    std::map<std::string, std::string> m_prefill_source; // form field id → material id it came from
    std::map<std::string, std::string> m_form;
    std::map<std::string, Submitted> m_submitted;
    std::vector<std::function<void()>> m_end_hooks;
    int m_sessions_ended = 0;
};

} // namespace kiosk::services
