#pragma once
// Browse the catalog: one-thing packages (一件事) or single matters (事项), each row with its
// departments and time limit; a tap opens the published checklist.

#include "ui/scenes/Scene.h"
#include "ui/toolkit/Button.h"
#include "ui/toolkit/ListView.h"

namespace kiosk::ui {

class CatalogScene final : public SceneWith<CatalogShelf> {
public:
    explicit CatalogScene(SceneContext& context);
    void on_enter(const CatalogShelf& argument) override;
    void layout(Rect content) override;
    void draw(Painter& painter) override;
    ListView& list() { return m_list; }

private:
    void fill_rows();

    bool m_show_packages = true;
    Rect m_content;
    Button m_packages_tab{Button::Kind::Primary};
    Button m_matters_tab{Button::Kind::Secondary};
    ListView m_list;
};

} // namespace kiosk::ui
