#pragma once
// Widgets draw themselves and react to pointer input; they know nothing about scenes, services or
// strings' languages (scenes hand them translated text).

#include "ui/toolkit/Geometry.h"

#include <vector>

namespace kiosk::ui {

class Painter;

// Touch and mouse arrive as the same three events (the window converts SDL finger coordinates).
struct PointerEvent {
    enum class Type { Down, Move, Up };
    Type type = Type::Down;
    Point position;
};

class Widget {
public:
    virtual ~Widget() = default;

    void set_bounds(Rect bounds) {
        m_bounds = bounds;
        on_resize();
    }
    Rect bounds() const { return m_bounds; }
    bool visible() const { return m_visible; }
    void set_visible(bool visible) { m_visible = visible; }

    virtual void draw(Painter& painter) = 0;
    // Returns true when the widget took the event (a Down it takes captures the Move/Up that follow).
    virtual bool on_pointer(const PointerEvent&) { return false; }
    // Animation or scrolling in progress: the window keeps redrawing.
    virtual bool animating() const { return false; }

protected:
    virtual void on_resize() {}

private:
    Rect m_bounds;
    bool m_visible = true;
};

// Holds (does not own) children; routes pointer events to the topmost child under the finger, which
// then receives the rest of that gesture.
class Container final : public Widget {
public:
    void add(Widget& child) { m_children.push_back(&child); }
    // Also forgets a gesture in progress: its widget may be gone (a long press that changed the scene).
    void clear() {
        m_children.clear();
        m_captured = nullptr;
    }
    // In the order they were added (drawn bottom to top): for tests that find a widget by its text.
    const std::vector<Widget*>& children() const { return m_children; }

    void draw(Painter& painter) override {
        for (auto* child : m_children) {
            if (child->visible())
                child->draw(painter);
        }
    }

    bool on_pointer(const PointerEvent& event) override {
        if (event.type == PointerEvent::Type::Down) {
            m_captured = nullptr;
            for (auto it = m_children.rbegin(); it != m_children.rend(); ++it) {
                if ((*it)->visible() && (*it)->bounds().contains(event.position) &&
                    (*it)->on_pointer(event)) {
                    m_captured = *it;
                    return true;
                }
            }
            return false;
        }
        if (!m_captured)
            return false;
        Widget* target = m_captured;
        if (event.type == PointerEvent::Type::Up)
            m_captured = nullptr;
        return target->on_pointer(event);
    }

    bool animating() const override {
        for (auto* child : m_children) {
            if (child->visible() && child->animating())
                return true;
        }
        return false;
    }

private:
    std::vector<Widget*> m_children;
    Widget* m_captured = nullptr;
};

} // namespace kiosk::ui
