#pragma once
// The scene harness (tests/unit/scenes/SceneHarness.h: the real flow, strings, config, simulated
// devices, a FakeClock, the offscreen window) with a MemoryStaffDesk behind SceneContext::staff, for
// the staff screens: the PIN pad and the maintenance screen with its panels.

#include "../scenes/SceneHarness.h"
#include "MemoryStaffDesk.h"
#include "ui/scenes/staff/MaintenanceScene.h"
#include "ui/scenes/staff/StaffSignInScene.h"

#include <algorithm>
#include <string>
#include <vector>

namespace kiosk::ui::test {

// The attract screen's top-left corner, inside the hidden gesture's square (content starts below the
// 112-px header).
inline constexpr Point kAttractCorner{40, 152};

class StaffSceneTest : public SceneTest {
protected:
    void SetUp() override {
        SceneTest::SetUp();
        m_context->staff = &m_desk;
    }

    static domain::StaffMember member(domain::StaffRole role) {
        return {"S1024", role == domain::StaffRole::DutyStaff ? "王值班" : "李工", role};
    }

    void open_pad() {
        m_scenes->start();
        m_scenes->go<SceneId::StaffSignIn>();
        ASSERT_EQ(m_scenes->current_id(), SceneId::StaffSignIn);
    }
    StaffSignInScene& pad() { return dynamic_cast<StaffSignInScene&>(m_scenes->current()); }
    void press(std::string_view key) {
        Rect bounds = pad().key_bounds(key);
        ASSERT_GT(bounds.w, 0) << key;
        tap(bounds.centre());
    }
    void press_all(std::string_view digits) {
        for (char digit : digits)
            press(std::string_view(&digit, 1));
    }

    void open_maintenance(domain::StaffRole role, StaffTab tab) {
        m_desk.member = member(role);
        m_scenes->start();
        m_scenes->go<SceneId::Maintenance>(tab);
        ASSERT_EQ(m_scenes->current_id(), SceneId::Maintenance);
    }
    MaintenanceScene& maintenance() { return dynamic_cast<MaintenanceScene&>(m_scenes->current()); }
    std::vector<std::string> panel_texts() {
        auto* panel = maintenance().panel();
        return panel ? panel->texts() : std::vector<std::string>{};
    }
    bool shows(const std::string& text) {
        auto texts = panel_texts();
        return std::find(texts.begin(), texts.end(), text) != texts.end();
    }
    bool shows_part(const std::string& part) {
        auto texts = panel_texts();
        return std::any_of(texts.begin(), texts.end(),
                           [&](const std::string& text) { return text.find(part) != std::string::npos; });
    }

    MemoryStaffDesk m_desk;
};

} // namespace kiosk::ui::test
