#pragma once
// Drag-to-scroll state shared by scrolling widgets: a finger that moves past the touch slop scrolls;
// one that does not is a tap.

#include "ui/toolkit/Widget.h"

#include <algorithm>

namespace kiosk::ui {

class Scroller {
public:
    void set_limits(int content_height, int viewport_height) {
        m_max = std::max(0, content_height - viewport_height);
        m_offset = std::clamp(m_offset, 0, m_max);
    }
    int offset() const { return m_offset; }
    int max_offset() const { return m_max; }
    void scroll_by(int delta) { m_offset = std::clamp(m_offset + delta, 0, m_max); }
    void reset() { m_offset = 0; }

    // Returns true when the gesture ended as a tap (no scroll).
    bool track(const PointerEvent& event, int slop) {
        switch (event.type) {
        case PointerEvent::Type::Down:
            m_start = event.position;
            m_start_offset = m_offset;
            m_dragging = false;
            return false;
        case PointerEvent::Type::Move:
            if (std::abs(event.position.y - m_start.y) > slop)
                m_dragging = true;
            if (m_dragging)
                m_offset = std::clamp(m_start_offset - (event.position.y - m_start.y), 0, m_max);
            return false;
        case PointerEvent::Type::Up:
            return !m_dragging;
        }
        return false;
    }

private:
    int m_offset = 0;
    int m_max = 0;
    int m_start_offset = 0;
    Point m_start;
    bool m_dragging = false;
};

} // namespace kiosk::ui
