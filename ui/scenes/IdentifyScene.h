#pragma once
// Identification by QR code or passport page: tells the citizen what to do and reports what the
// device read. A scanned code is classified before anything acts on it (core/domain/QrPayload.h):
// one of our receipt codes, a link on the allowlist, or plain text — shown, never opened or run.
// No QR code identifies a citizen yet (no e-ID code is specified), and the scene says so.
// A passport or permit page is scanned and its MRZ read (MaterialIntake::read_identity_page); a page
// whose MRZ holds every check and is not expired identifies the citizen, who is greeted at home.

#include "ui/scenes/Scene.h"
#include "ui/toolkit/Button.h"
#include "ui/toolkit/ProgressBar.h"

namespace kiosk::ui {

class IdentifyScene final : public SceneWith<IdentifyBy> {
public:
    explicit IdentifyScene(SceneContext& context);
    void on_enter(const IdentifyBy& argument) override;
    void layout(Rect content) override;
    void draw(Painter& painter) override;
    bool on_event(const services::AppEvent& event) override;

    // For tests: the status line as shown, and the passport page's scan button.
    std::string status() const { return m_status_text.empty() ? tr(m_status_key) : m_status_text; }
    const Button& scan_button() const { return m_scan; }

private:
    void show_code(const std::string& payload);
    enum class Mode { Qr, Passport };
    Mode m_mode = Mode::Qr;
    std::string m_status_key;  // translation key of the status line
    std::string m_status_text; // … or the status line itself, when it quotes what a code said
    bool m_scanning = false;   // this scene's scan is under way
    bool m_reading = false;    // … and its page is with the intake, for the MRZ
    Rect m_content;
    Button m_scan{Button::Kind::Primary};
    ProgressBar m_progress;
};

} // namespace kiosk::ui
