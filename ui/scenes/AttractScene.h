#pragma once
// The idle screen: hall name, the date and time, announcements, and "touch to start".

#include "ui/scenes/Scene.h"
#include "ui/toolkit/Button.h"
#include "ui/toolkit/Label.h"
#include "ui/toolkit/ScrollText.h"
#include "ui/toolkit/TapArea.h"

namespace kiosk::ui {

class AttractScene final : public Scene {
public:
    explicit AttractScene(SceneContext& context);
    void layout(Rect content) override;
    void draw(Painter& painter) override;
    bool in_session() const override { return false; }
    bool ticks() const override { return true; }

private:
    void start();

    Rect m_content;
    TapArea m_anywhere;
    Button m_start{Button::Kind::Primary};
    Button m_language{Button::Kind::Secondary};
    ScrollText m_announcements;
};

} // namespace kiosk::ui
