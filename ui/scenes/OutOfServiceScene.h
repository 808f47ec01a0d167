#pragma once
// Shown while the kiosk cannot serve (taken out of service by staff, or a fault it cannot work
// around): says so plainly and where to go instead.

#include "ui/scenes/Scene.h"

namespace kiosk::ui {

class OutOfServiceScene final : public SceneWith<> {
public:
    using SceneWith::SceneWith;
    void layout(Rect content) override { m_content = content; }
    void draw(Painter& painter) override;
    bool in_session() const override { return false; }

private:
    Rect m_content;
};

} // namespace kiosk::ui
