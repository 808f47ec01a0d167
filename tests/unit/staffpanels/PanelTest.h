#pragma once
// The staff panels on a real SceneContext (tests/unit/scenes/SceneHarness.h: strings, theme, config, a
// FakeClock at 2026-11-25 09:30 local, a Wednesday) over an in-memory desk (MemoryStaffDesk): a panel
// built by its factory, laid out in a content area like the maintenance scene's, tapped at its
// buttons' bounds, and drawn with the real fonts into an offscreen picture of either orientation.

#include "tests/unit/scenes/SceneHarness.h"
#include "tests/unit/staff/MemoryStaffDesk.h"
#include "ui/scenes/staff/StaffPanel.h"
#include "ui/toolkit/Button.h"
#include "ui/toolkit/Dialog.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui::test {

// The content area the maintenance scene leaves a panel (below its header and tab bar), on the
// 1920x1080 landscape screen and the 1080x1920 portrait one.
inline constexpr Rect kLandscapeContent{60, 220, 1800, 800};
inline constexpr Rect kPortraitContent{40, 300, 1000, 1500};

using PanelFactory = std::unique_ptr<StaffPanel> (*)(SceneContext&, StaffDesk&);

class PanelTest : public SceneTest {
protected:
    void SetUp() override;

    void sign_in(domain::StaffRole role);
    void sign_out() { m_desk.member.reset(); }
    // Builds the panel with its factory and lays it out as the maintenance scene would.
    StaffPanel& open(PanelFactory factory, Rect content = kLandscapeContent);
    void relayout() { m_panel->layout(m_content); }

    // Visible buttons whose text is `text` (a mark like "✓ " in front allowed), in layout order.
    std::vector<Button*> buttons(std::string_view text) const;
    Button& button(std::string_view text, size_t index = 0) const; // fails the test when absent
    // A finger on the panel: down and up at the button's centre (a disabled one swallows it).
    void press(const Button& button);
    // The dialog on screen, or null. Its buttons have bounds once the panel was drawn (draw_panel).
    Dialog* dialog() const;
    // Every text on the panel: labels, buttons, and the dialog's title, message and buttons.
    std::vector<std::string> texts() const;
    bool shows(std::string_view text) const; // one of texts() contains it
    std::string all_text() const;            // texts() joined, for failure messages

    // Renders the panel (and its dialog) into the picture of its orientation; returns it.
    void draw_panel();
    // Writes the last drawing as a PNG into the test's build folder (png/NAME.png); returns its path.
    std::string save_png(const std::string& name);
    // Visible widgets that reach outside the content area, overlap another, or have text wider than
    // their box (cut with "…"): each described in one line. Empty when the layout is clean.
    std::vector<std::string> layout_problems();

    MemoryStaffDesk m_desk;
    std::unique_ptr<StaffPanel> m_panel;
    Rect m_content;
};

} // namespace kiosk::ui::test
