#pragma once
// Runs a flow: a table of scenes, a back stack, the chrome every screen shares (header with hall
// name, clock and language; the back/home bar), and — in this one place — inactivity: a warning
// with a countdown, then the session is wiped and the kiosk returns to the attract screen.

#include "ui/scenes/Scene.h"
#include "ui/toolkit/Button.h"
#include "ui/toolkit/Dialog.h"

#include <functional>
#include <span>
#include <vector>

namespace kiosk::ui {

class SceneManager final : public Navigator {
public:
    SceneManager(SceneContext& context, std::span<const SceneEntry> flow, Rect screen);
    ~SceneManager() override;

    // Navigator
    void go(SceneId id, std::string argument = {}) override;
    void back() override;
    void end_session(services::SessionEndReason reason) override;
    void set_language(Language language) override;

    // Starts the flow at its first scene (or at a named one, for screenshots).
    void start();
    bool start_at(std::string_view scene_name, const std::string& argument = {});

    void handle_pointer(const PointerEvent& event);
    void handle_event(const services::AppEvent& event);
    // Checks inactivity and the out-of-service state; returns true when the screen must be redrawn.
    bool tick();
    void draw(Painter& painter);

    SceneId current_id() const { return m_stack.back().id; }
    const char* current_name() const;
    Scene& current() { return *m_scene; }
    bool inactivity_warning_shown() const { return m_timeout_dialog.visible(); }
    bool wants_redraw() const { return m_dirty || m_root.animating(); }
    void mark_drawn() { m_dirty = false; }
    void mark_dirty() { m_dirty = true; }
    // Observer of scene changes ("scene home"); the e2e test reads it from stdout. No personal data.
    void set_trace(std::function<void(std::string_view)> trace) { m_trace = std::move(trace); }
    void set_out_of_service(std::string reason); // empty: back in service
    Rect content_rect() const;

private:
    struct StackEntry {
        SceneId id;
        std::string argument;
    };
    const SceneEntry* find(SceneId id) const;
    void enter(StackEntry entry);
    void relayout();
    void draw_header(Painter& painter);
    void note_activity();

    SceneContext& m_ctx;
    std::span<const SceneEntry> m_flow;
    Rect m_screen;
    std::vector<StackEntry> m_stack;
    std::unique_ptr<Scene> m_scene;
    Container m_root;   // scene + chrome + dialog, topmost last
    Container m_chrome; // header and nav bar buttons
    Button m_language_toggle{Button::Kind::Secondary};
    Button m_back{Button::Kind::Secondary};
    Button m_home{Button::Kind::Secondary};
    Dialog m_timeout_dialog;
    SteadyTime m_last_activity{};
    int m_last_minute = -1;
    int m_last_countdown = -1;
    bool m_dirty = true;
    std::function<void(std::string_view)> m_trace;
};

} // namespace kiosk::ui
