#pragma once
// The maintenance screen (maintenance mode, after the PIN pad or a staff badge): a header with who is
// signed in (name, staff number, role), the tab bar (devices, tests, consumables, outbox and prints,
// service state, about, and for an engineer the config slots) and "leave maintenance", and the current tab's
// panel (StaffPanel.h) below. Tapping a tab shows its panel; events and ticks go to the panel on show.
// Leaving asks the desk (StaffDesk::leave: the self-test, then the kiosk's wiring navigates).
//
// Without a desk, or with nobody signed in (never entered, or the staff session timed out), it shows
// "not signed in" and a way back to the first screen — never a panel, never staff data. Not part of
// a citizen's visit: the staff session's timeout is the desk's (SceneManager notes every touch).
//
// The timeout is not silent: for its last kTimeoutWarning (or a third of it when shorter) a banner over
// the header counts down "N 秒后退出维护 — 点触屏幕继续" by the desk's clock. Any touch keeps the session
// (the scene manager tells the desk) and the banner goes at the next tick; a touch on the banner itself
// does only that (the "leave" button under it is not pressed).

#include "ui/scenes/Scene.h"
#include "ui/scenes/staff/StaffPanel.h"
#include "ui/toolkit/Button.h"
#include "ui/toolkit/Label.h"
#include "ui/toolkit/TapArea.h"

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace kiosk::ui {

class MaintenanceScene final : public SceneWith<StaffTab> {
public:
    static constexpr int kTabHeight = 76;                      // design px (the issue asks for at least 64)
    static constexpr std::chrono::seconds kTimeoutWarning{10}; // the countdown's length at most

    explicit MaintenanceScene(SceneContext& context);
    void on_enter(const StaffTab& argument) override;
    bool on_event(const services::AppEvent& event) override;
    bool on_tick() override;
    void layout(Rect content) override;
    void draw(Painter& painter) override;
    bool in_session() const override { return false; }
    bool ticks() const override { return true; }

    StaffTab tab() const { return m_tab; }
    // The panel on show; null when nobody is signed in.
    StaffPanel* panel() { return m_panel.get(); }
    bool signed_in() const;
    // Whether the tab bar has this tab for the member signed in (config: engineers only).
    bool tab_shown(StaffTab tab) const;
    // Where the tab's button is, for tests (empty for a tab not shown).
    Rect tab_bounds(StaffTab tab) const { return m_tabs[static_cast<int>(tab)].bounds(); }
    Rect leave_bounds() const { return m_leave.bounds(); }
    Rect back_bounds() const { return m_back.bounds(); }
    const std::string& who() const { return m_who.text(); } // "张伟（工号 S1024，值班员）"
    Rect panel_bounds() const { return m_panel_area; }
    // The timeout's countdown on screen: seconds shown (0: no banner), its text, where it is.
    int countdown() const { return m_countdown; }
    std::string countdown_text() const;
    Rect countdown_bounds() const { return m_header; }
    // When the countdown shows, for a staff timeout of `timeout`: its last 10 s, or a third of it.
    static std::chrono::milliseconds warning_window(std::chrono::milliseconds timeout);

private:
    void show(StaffTab tab);
    int countdown_due() const; // the seconds the banner should show now, 0 for none
    std::optional<domain::StaffRole> role() const;

    Rect m_content;
    Rect m_header;
    Rect m_panel_area;
    StaffTab m_tab = StaffTab::Devices;
    bool m_shown_signed_in = false;
    std::optional<domain::StaffRole> m_shown_role;
    std::unique_ptr<StaffPanel> m_panel;
    std::array<Button, kStaffTabCount> m_tabs;
    Button m_leave{Button::Kind::Secondary};
    Label m_title, m_who;
    Label m_not_signed_in{std::string(), TextStyle{}, Align::Center, true};
    Button m_back{Button::Kind::Primary};
    int m_countdown = 0;
    TapArea m_stay; // over the banner: a touch there only keeps the session
};

} // namespace kiosk::ui
