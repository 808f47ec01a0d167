#pragma once
// Language choice: 中文 or English. Applies at once and returns to where the citizen came from.

#include "ui/scenes/Scene.h"
#include "ui/toolkit/Button.h"

namespace kiosk::ui {

class LanguageScene final : public SceneWith<> {
public:
    explicit LanguageScene(SceneContext& context);
    void layout(Rect content) override;
    void draw(Painter& painter) override;

private:
    Rect m_content;
    Button m_chinese{Button::Kind::Tile};
    Button m_english{Button::Kind::Tile};
};

} // namespace kiosk::ui
