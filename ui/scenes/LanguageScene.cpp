#include "ui/scenes/LanguageScene.h"

namespace kiosk::ui {

LanguageScene::LanguageScene(SceneContext& context) : SceneWith<>(context) {
    m_chinese.on_click([this] {
        m_ctx.nav->set_language(Language::ZhCN);
        m_ctx.nav->back();
    });
    m_english.on_click([this] {
        m_ctx.nav->set_language(Language::En);
        m_ctx.nav->back();
    });
    m_root.add(m_chinese);
    m_root.add(m_english);
}

void LanguageScene::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    m_content = content;
    // Each choice is written in its own language, whatever the current one is.
    m_chinese.set_text("简体中文");
    m_chinese.set_subtitle("使用中文办理");
    m_chinese.set_icon("中");
    m_english.set_text("English");
    m_english.set_subtitle("Continue in English");
    m_english.set_icon("En");
    Rect area = content.inset(theme.px(theme.margin));
    area.take_top(theme.px(160));
    bool portrait = content.h > content.w;
    int tile_w = portrait ? area.w : std::min(theme.px(640), (area.w - theme.px(theme.gap)) / 2);
    int tile_h = theme.px(380);
    if (portrait) {
        m_chinese.set_bounds({area.x, area.y, tile_w, tile_h});
        m_english.set_bounds({area.x, area.y + tile_h + theme.px(theme.gap), tile_w, tile_h});
    } else {
        int x = area.x + (area.w - 2 * tile_w - theme.px(theme.gap)) / 2;
        m_chinese.set_bounds({x, area.y + theme.px(40), tile_w, tile_h});
        m_english.set_bounds({x + tile_w + theme.px(theme.gap), area.y + theme.px(40), tile_w, tile_h});
    }
}

void LanguageScene::draw(Painter& painter) {
    const Theme& theme = m_ctx.theme;
    Rect area = m_content.inset(theme.px(theme.margin));
    painter.draw_text_in(tr("language.title"), {theme.font_title, true, theme.text},
                         area.take_top(theme.px(120)), Align::Center);
    Scene::draw(painter);
}

} // namespace kiosk::ui
