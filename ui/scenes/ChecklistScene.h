#pragma once
// The published checklist (办事指南) of a package or matter: departments, time limit, fee, every
// material once (original or copies), the steps, and what the form will ask and where it comes from.

#include "ui/scenes/Scene.h"
#include "ui/toolkit/Button.h"
#include "ui/toolkit/Dialog.h"
#include "ui/toolkit/ScrollText.h"

#include <optional>

namespace kiosk::ui {

class ChecklistScene final : public SceneWith<ItemKey> {
public:
    explicit ChecklistScene(SceneContext& context);
    void on_enter(const ItemKey& argument) override;
    void layout(Rect content) override;
    void draw(Painter& painter) override;
    bool on_event(const services::AppEvent& event) override;

    const Button& apply_button() const { return m_apply; } // for tests

private:
    std::vector<TextBlock> build_blocks(const domain::Checklist& checklist) const;
    void refresh_apply();
    void refresh_print();
    void print();
    void set_notice_texts();

    const domain::Package* m_package = nullptr;
    const domain::Matter* m_matter = nullptr;
    domain::Checklist m_checklist;
    Rect m_content;
    ScrollText m_text;
    Button m_apply{Button::Kind::Primary};
    Button m_print{Button::Kind::Secondary};
    std::optional<services::PrintTicket> m_printing; // this scene's print, until it ends
    std::optional<services::PrintTicket> m_failed;   // … and if it failed: what "print again" reprints
    Dialog m_notice;                                 // why a print was refused
};

} // namespace kiosk::ui
