#pragma once
// Home: how to identify (place ID card, scan a QR code, passport page) or browse without identifying.
// Once a card is read it greets the citizen by name (with their card photo when the reader decodes
// it) and offers to start an application. When the card brought back a visit a restarted kiosk had
// left as a draft (services/case/CaseDrafts.h), a dialog first asks: continue the application
// for <item> (to the scan screen, or the confirm screen when it was submitted already), or start over.

#include "ui/scenes/Scene.h"
#include "ui/toolkit/Button.h"
#include "ui/toolkit/Dialog.h"
#include "ui/toolkit/GreetingCard.h"
#include "ui/toolkit/Picture.h"

namespace kiosk::ui {

class HomeScene final : public SceneWith<> {
public:
    explicit HomeScene(SceneContext& context);
    void layout(Rect content) override;
    void draw(Painter& painter) override;
    bool on_event(const services::AppEvent& event) override;

    // The "ID card" option as shown (for tests and UI drivers).
    const Button& idcard_option() const { return m_idcard; }
    const Button& start_button() const { return m_start; }
    const Button& certificates_button() const { return m_certificates; }
    // The "continue your application?" dialog (visible while the case offers a resume).
    Dialog& resume_dialog() { return m_resume; }

private:
    void refresh_availability();
    void layout_resume_offer();

    Rect m_content;
    Button m_idcard{Button::Kind::Tile};
    Button m_qr{Button::Kind::Tile};
    Button m_passport{Button::Kind::Tile};
    Button m_browse{Button::Kind::Secondary};
    GreetingCard m_greeting;
    Picture m_photo; // this identity's photo, uploaded on first draw; destroyed with the scene
    Button m_start{Button::Kind::Primary};
    Button m_finish{Button::Kind::Secondary};
    Button m_certificates{Button::Kind::Secondary}; // self-print of certificates issued to the citizen
    Dialog m_resume;                                // continue the visit a restart interrupted?
};

} // namespace kiosk::ui
