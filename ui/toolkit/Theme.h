#pragma once
// Colours and sizes of the kiosk, in one place. Sizes are for a 1080-px short side and scale with it.

#include "ui/toolkit/Geometry.h"

#include <cmath>

namespace kiosk::ui {

struct Theme {
    Color primary{0x1E, 0x5B, 0xB8}; // government blue: headers, primary buttons
    Color primary_pressed{0x17, 0x48, 0x94};
    Color accent{0xC8, 0x10, 0x2E}; // emblem red, used sparingly
    Color background{0xF2, 0xF4, 0xF8};
    Color surface{0xFF, 0xFF, 0xFF};
    Color surface_pressed{0xE4, 0xEA, 0xF4};
    Color text{0x1F, 0x29, 0x37};
    Color text_muted{0x5B, 0x64, 0x72};
    Color text_on_primary{0xFF, 0xFF, 0xFF};
    Color border{0xD5, 0xDB, 0xE5};
    Color disabled{0xC9, 0xCE, 0xD6};
    Color disabled_text{0x8A, 0x91, 0x9C};
    Color success{0x1F, 0x8A, 0x4C};
    Color warning{0xB4, 0x53, 0x09};
    Color danger{0xB9, 0x1C, 0x1C};
    Color scrim{0x10, 0x18, 0x28, 0xA0}; // behind dialogs

    float scale = 1.0f; // short side / 1080

    int px(int design_px) const { return static_cast<int>(std::lround(design_px * scale)); }

    // Font sizes (design px).
    int font_display = 76;
    int font_title = 52;
    int font_heading = 40;
    int font_body = 30;
    int font_small = 24;
    int font_button = 34;

    int header_height = 112;
    int footer_height = 64;
    int margin = 48;
    int gap = 24;
    int radius = 18;
    int button_height = 104;
    int touch_slop = 24; // px a finger may move and still count as a tap
};

} // namespace kiosk::ui
