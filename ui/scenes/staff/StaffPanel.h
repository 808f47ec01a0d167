#pragma once
// One tab of the maintenance screen (ui/scenes/staff/MaintenanceScene.h): the device panel, tests,
// consumables, outbox and prints, service state, about. A panel is a view over the StaffDesk: it reads
// what it shows from the desk each time it is laid out or ticked, and every button it has calls one
// desk action — which checks the staff member's role, so a panel may show a button greyed with the
// role it needs, never do what the role may not.

#include "ui/scenes/Scene.h"
#include "ui/scenes/staff/StaffDesk.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

class StaffPanel {
public:
    StaffPanel(SceneContext& context, StaffDesk& desk) : m_ctx(context), m_desk(desk) {}
    virtual ~StaffPanel() = default;
    StaffPanel(const StaffPanel&) = delete;
    StaffPanel& operator=(const StaffPanel&) = delete;

    // Places widgets and sets their translated texts; called when the tab is shown, on language
    // change and resize, and after an action changed what the desk answers.
    virtual void layout(Rect content) = 0;
    virtual void draw(Painter& painter) { m_root.draw(painter); }
    // Device and service events while the tab shows (test results, status changes); true: redraw.
    virtual bool on_event(const services::AppEvent& event) {
        (void)event;
        return false;
    }
    // Several times a second; true: redraw (countdowns, a forecast that moved).
    virtual bool on_tick() { return false; }

    // What the panel shows, as text in reading order: for tests (what a tap changed) and nothing else.
    virtual std::vector<std::string> texts() const { return {}; }

    Container& root() { return m_root; }

protected:
    const std::string& tr(std::string_view key) const { return m_ctx.tr.tr(key); }

    SceneContext& m_ctx;
    StaffDesk& m_desk;
    Container m_root;
};

// The tabs (StaffTab, to_string) are scene arguments: ui/scenes/SceneArguments.h.
std::unique_ptr<StaffPanel> make_devices_panel(SceneContext& context, StaffDesk& desk);
std::unique_ptr<StaffPanel> make_tests_panel(SceneContext& context, StaffDesk& desk);
std::unique_ptr<StaffPanel> make_consumables_panel(SceneContext& context, StaffDesk& desk);
std::unique_ptr<StaffPanel> make_outbox_panel(SceneContext& context, StaffDesk& desk);
std::unique_ptr<StaffPanel> make_service_panel(SceneContext& context, StaffDesk& desk);
std::unique_ptr<StaffPanel> make_about_panel(SceneContext& context, StaffDesk& desk);
std::unique_ptr<StaffPanel> make_config_panel(SceneContext& context, StaffDesk& desk); // engineers only

} // namespace kiosk::ui
