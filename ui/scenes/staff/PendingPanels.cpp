// Placeholders for the four tabs whose panels are built beside this one (consumables, outbox and
// prints, service state, about): each says the tab is not ready yet. Deleted when those panels are
// merged.

#include "ui/scenes/staff/StaffPanel.h"
#include "ui/toolkit/Label.h"

namespace kiosk::ui {

namespace {

class PendingPanel final : public StaffPanel {
public:
    using StaffPanel::StaffPanel;
    void layout(Rect content) override {
        m_label.set_text(tr("staff.panel_pending"));
        m_label.set_style({m_ctx.theme.font_heading, false, m_ctx.theme.text_muted});
        m_label.set_bounds({content.x, content.y + content.h / 3, content.w, m_ctx.theme.px(120)});
        m_root.clear();
        m_root.add(m_label);
    }

private:
    Label m_label{std::string(), TextStyle{}, Align::Center, true};
};

} // namespace

std::unique_ptr<StaffPanel> make_consumables_panel(SceneContext& context, StaffDesk& desk) {
    return std::make_unique<PendingPanel>(context, desk);
}
std::unique_ptr<StaffPanel> make_outbox_panel(SceneContext& context, StaffDesk& desk) {
    return std::make_unique<PendingPanel>(context, desk);
}
std::unique_ptr<StaffPanel> make_service_panel(SceneContext& context, StaffDesk& desk) {
    return std::make_unique<PendingPanel>(context, desk);
}
std::unique_ptr<StaffPanel> make_about_panel(SceneContext& context, StaffDesk& desk) {
    return std::make_unique<PendingPanel>(context, desk);
}

} // namespace kiosk::ui
