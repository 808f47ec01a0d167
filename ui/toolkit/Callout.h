#pragma once
// A card that must not be missed: a round badge with a glyph, a large title and a line under it,
// centred on a strong colour ("please take your ID card"). It takes no touches.

#include "ui/toolkit/Geometry.h"
#include "ui/toolkit/Widget.h"

#include <optional>
#include <string>

namespace kiosk::ui {

class Callout final : public Widget {
public:
    void set_badge(std::string glyph) { m_badge = std::move(glyph); } // one character
    void set_title(std::string title) { m_title = std::move(title); }
    void set_detail(std::string detail) { m_detail = std::move(detail); }
    void set_colour(Color colour) { m_colour = colour; } // default: the theme's warning colour

    void draw(Painter& painter) override;

private:
    std::string m_badge, m_title, m_detail;
    std::optional<Color> m_colour;
};

} // namespace kiosk::ui
