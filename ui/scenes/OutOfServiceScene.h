#pragma once
// Shown while the kiosk cannot serve (taken out of service by staff, or a fault it cannot work
// around): says so plainly and where to go instead.

// Staff reach the sign-in pad from here as from the attract screen (a 3 s press in the top-left
// corner): a kiosk out of paper is the one they most need to get into. With the staff desk's waiting
// message (maintenance, the hall's hours, staff's notice: StaffDesk::waiting_message) it says that.

#include "ui/scenes/Scene.h"
#include "ui/toolkit/HoldArea.h"

namespace kiosk::ui {

class OutOfServiceScene final : public SceneWith<> {
public:
    static constexpr std::chrono::seconds kStaffHold{3};
    static constexpr int kStaffCorner = 160; // px at the theme's scale

    explicit OutOfServiceScene(SceneContext& context);
    void layout(Rect content) override;
    void draw(Painter& painter) override;
    bool on_tick() override;
    bool in_session() const override { return false; }

private:
    Rect m_content;
    HoldArea m_staff_corner;
    SteadyTime m_corner_pressed_at{};
};

} // namespace kiosk::ui
