#pragma once
// A coloured card that greets someone: a large title line and a detail line, with their photo at the
// left (twice its pixel size, thin white border) when there is one. Without a photo the text is
// centred on the card and nothing stands in for the picture.

#include "ui/toolkit/Picture.h"
#include "ui/toolkit/Theme.h"
#include "ui/toolkit/Widget.h"

#include <string>

namespace kiosk::ui {

class GreetingCard final : public Widget {
public:
    void set_title(std::string title) { m_title = std::move(title); }
    void set_detail(std::string detail) { m_detail = std::move(detail); }
    // Not owned; it must outlive the card's drawing. nullptr or an empty picture: no photo.
    void set_photo(const Picture* photo) { m_photo = photo; }

    // The height the card wants (px): taller when a photo must fit.
    static int height_for(const Theme& theme, bool with_photo);

    void draw(Painter& painter) override;

private:
    std::string m_title, m_detail;
    const Picture* m_photo = nullptr;
};

} // namespace kiosk::ui
