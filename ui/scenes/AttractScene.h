#pragma once
// The idle screen: hall name, the date and time, announcements, and "touch to start". Right after a
// session ended with the citizen's card still on the reader (Farewell::TakeYourCard) it asks,
// big and first, for the card to be taken — until it is, or for a minute.
//
// Hall staff open maintenance mode from here with a hidden gesture: a finger held still for 3 s on
// the top-left corner square of the screen below the header (160 px at scale 1) opens the staff PIN
// pad. A shorter touch there is a tap like anywhere else, and starts a citizen's visit.

#include "ui/scenes/Scene.h"
#include "ui/toolkit/Button.h"
#include "ui/toolkit/Callout.h"
#include "ui/toolkit/HoldArea.h"
#include "ui/toolkit/Label.h"
#include "ui/toolkit/ScrollText.h"
#include "ui/toolkit/TapArea.h"

#include <optional>

namespace kiosk::ui {

class AttractScene final : public SceneWith<Farewell> {
public:
    static constexpr std::chrono::seconds kStaffHold{3};
    static constexpr int kStaffCorner = 160; // design px: the side of the corner square

    explicit AttractScene(SceneContext& context);
    void on_enter(const Farewell& argument) override;
    bool on_event(const services::AppEvent& event) override;
    bool on_tick() override;
    void layout(Rect content) override;
    void draw(Painter& painter) override;
    bool in_session() const override { return false; }
    bool ticks() const override { return true; }

    bool reminding_to_take_card() const;

private:
    void start();

    Rect m_content;
    Rect m_title_block;
    TapArea m_anywhere;
    HoldArea m_staff_corner; // over m_anywhere, under the buttons
    SteadyTime m_corner_pressed_at{};
    Button m_start{Button::Kind::Primary};
    Button m_language{Button::Kind::Secondary};
    ScrollText m_announcements;
    Callout m_take_card; // in place of the title block
    std::optional<SteadyTime> m_remind_until;
};

} // namespace kiosk::ui
