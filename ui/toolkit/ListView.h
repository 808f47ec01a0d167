#pragma once
// A vertical list of tappable rows (title, subtitle, a trailing note), scrolled by dragging.

#include "ui/toolkit/Scroller.h"
#include "ui/toolkit/Widget.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::ui {

struct ListRow {
    std::string title;
    std::string subtitle;
    std::string trailing; // short note at the right ("3 个部门", "5 个工作日")
    bool enabled = true;
    std::optional<Color> trailing_colour; // default: the theme's primary (warning when disabled)
};

class ListView final : public Widget {
public:
    void set_rows(std::vector<ListRow> rows) {
        m_rows = std::move(rows);
        m_scroller.reset();
        on_resize();
    }
    // New texts for the same rows (a form being filled in): the list stays where it was scrolled.
    void update_rows(std::vector<ListRow> rows) {
        m_rows = std::move(rows);
        on_resize();
    }
    // Scrolls the least that shows row `index` whole.
    void scroll_into_view(size_t index) {
        Rect row = row_bounds(index), box = bounds();
        if (row.y < box.y)
            m_scroller.scroll_by(row.y - box.y);
        else if (row.bottom() > box.bottom())
            m_scroller.scroll_by(row.bottom() - box.bottom());
    }
    const std::vector<ListRow>& rows() const { return m_rows; }
    void set_row_height(int px) { m_row_height = px; }
    void on_select(std::function<void(size_t)> handler) { m_on_select = std::move(handler); }
    void select(size_t index) {
        if (index < m_rows.size() && m_rows[index].enabled && m_on_select)
            m_on_select(index);
    }
    // Row rectangle on screen (for tests and for drivers of the UI such as xdotool scripts).
    Rect row_bounds(size_t index) const;

    void draw(Painter& painter) override;
    bool on_pointer(const PointerEvent& event) override;

protected:
    void on_resize() override {
        m_scroller.set_limits(static_cast<int>(m_rows.size()) * m_row_height, bounds().h);
    }

private:
    std::vector<ListRow> m_rows;
    int m_row_height = 132;
    int m_pressed = -1;
    int m_slop = 24;
    Scroller m_scroller;
    std::function<void(size_t)> m_on_select;
};

} // namespace kiosk::ui
