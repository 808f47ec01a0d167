#pragma once
// The published checklist (办事指南) of a package or matter: departments, time limit, fee, every
// material once (original or copies), the steps, and what the form will ask and where it comes from.

#include "ui/scenes/Scene.h"
#include "ui/toolkit/Button.h"
#include "ui/toolkit/Dialog.h"
#include "ui/toolkit/ScrollText.h"

namespace kiosk::ui {

class ChecklistScene final : public Scene {
public:
    explicit ChecklistScene(SceneContext& context);
    void on_enter(const std::string& argument) override;
    void layout(Rect content) override;
    void draw(Painter& painter) override;
    bool on_event(const services::AppEvent& event) override;

private:
    std::vector<TextBlock> build_blocks(const domain::Checklist& checklist) const;
    void refresh_apply();

    const domain::Package* m_package = nullptr;
    const domain::Matter* m_matter = nullptr;
    domain::Checklist m_checklist;
    Rect m_content;
    ScrollText m_text;
    Button m_apply{Button::Kind::Primary};
    Dialog m_notice;
};

} // namespace kiosk::ui
