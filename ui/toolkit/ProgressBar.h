#pragma once
// A horizontal bar filled to a fraction (countdowns, scanning, printing).

#include "ui/toolkit/Painter.h"
#include "ui/toolkit/Widget.h"

#include <algorithm>
#include <optional>

namespace kiosk::ui {

class ProgressBar final : public Widget {
public:
    void set_fraction(float fraction) { m_fraction = std::clamp(fraction, 0.0f, 1.0f); }
    float fraction() const { return m_fraction; }
    void set_colour(Color colour) { m_colour = colour; }

    void draw(Painter& painter) override {
        const Theme& theme = painter.theme();
        Rect box = bounds();
        painter.fill_rounded_rect(box, box.h / 2, theme.border);
        int filled = static_cast<int>(box.w * m_fraction);
        if (filled > 0)
            painter.fill_rounded_rect({box.x, box.y, std::max(filled, box.h), box.h}, box.h / 2,
                                      m_colour ? *m_colour : theme.primary);
    }

private:
    float m_fraction = 0;
    std::optional<Color> m_colour;
};

} // namespace kiosk::ui
