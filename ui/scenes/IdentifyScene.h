#pragma once
// Identification by QR code or passport page: tells the citizen what to do and reports what the
// device read. Decoding e-licence QR codes and passport MRZs arrives with the scanning issue; until
// then this scene says so plainly instead of pretending.

#include "ui/scenes/Scene.h"
#include "ui/toolkit/Button.h"
#include "ui/toolkit/ProgressBar.h"

namespace kiosk::ui {

class IdentifyScene final : public Scene {
public:
    explicit IdentifyScene(SceneContext& context);
    void on_enter(const std::string& argument) override;
    void layout(Rect content) override;
    void draw(Painter& painter) override;
    bool on_event(const services::AppEvent& event) override;

private:
    enum class Mode { Qr, Passport };
    Mode m_mode = Mode::Qr;
    std::string m_status_key; // translation key of the status line
    Rect m_content;
    Button m_scan{Button::Kind::Primary};
    ProgressBar m_progress;
};

} // namespace kiosk::ui
