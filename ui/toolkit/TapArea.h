#pragma once
// An invisible widget that reports a tap (press and release inside it): "touch anywhere to start".
// Put it under the other widgets of its container; they keep their own taps.

#include "ui/toolkit/Widget.h"

#include <functional>

namespace kiosk::ui {

class TapArea final : public Widget {
public:
    void on_tap(std::function<void()> callback) { m_on_tap = std::move(callback); }

    void draw(Painter&) override {}
    bool on_pointer(const PointerEvent& event) override {
        if (event.type == PointerEvent::Type::Up && bounds().contains(event.position) && m_on_tap)
            m_on_tap();
        return true;
    }

private:
    std::function<void()> m_on_tap;
};

} // namespace kiosk::ui
