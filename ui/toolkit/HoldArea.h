#pragma once
// An invisible widget that tells a tap from a finger held still: it reports the press, the release
// (a tap, unless the hold was used), and whether the finger is still down within the touch slop. How
// long is long is the scene's to say with its own clock (widgets keep no time): it asks held_still()
// on its tick and calls take_hold() when the hold did something, so the release is not also a tap.

#include "ui/toolkit/Widget.h"

#include <cstdlib>
#include <functional>

namespace kiosk::ui {

class HoldArea final : public Widget {
public:
    explicit HoldArea(int slop_px = 24) : m_slop(slop_px) {}

    void set_slop(int slop_px) { m_slop = slop_px; }
    void on_press(std::function<void()> callback) { m_on_press = std::move(callback); }
    void on_tap(std::function<void()> callback) { m_on_tap = std::move(callback); }

    // A finger is down here and has not moved further than the slop since it landed.
    bool held_still() const { return m_down && m_still; }
    // The hold was used (it opened something): the release that follows is not a tap.
    void take_hold() { m_down = false; }

    void draw(Painter&) override {}
    bool on_pointer(const PointerEvent& event) override {
        switch (event.type) {
        case PointerEvent::Type::Down:
            m_down = true;
            m_still = true;
            m_landed = event.position;
            if (m_on_press)
                m_on_press();
            return true;
        case PointerEvent::Type::Move:
            if (std::abs(event.position.x - m_landed.x) > m_slop ||
                std::abs(event.position.y - m_landed.y) > m_slop)
                m_still = false;
            return true;
        case PointerEvent::Type::Up: {
            bool tap = m_down && bounds().contains(event.position);
            m_down = false;
            if (tap && m_on_tap)
                m_on_tap();
            return true;
        }
        }
        return false;
    }

private:
    int m_slop;
    bool m_down = false;
    bool m_still = false;
    Point m_landed;
    std::function<void()> m_on_press, m_on_tap;
};

} // namespace kiosk::ui
