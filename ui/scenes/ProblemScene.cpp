#include "ui/scenes/ProblemScene.h"

namespace kiosk::ui {

namespace {

// What the screen says about each problem, as keys of the translation table.
struct ProblemText {
    const char* title;
    const char* message;
};

ProblemText text_of(Problem problem) {
    switch (problem) {
    case Problem::CardInvalid:
        break;
    }
    return {"problem.card_invalid.title", "problem.card_invalid.message"};
}

} // namespace

ProblemScene::ProblemScene(SceneContext& context) : SceneWith<Problem>(context) {
    m_passport.on_click([this] { m_ctx.nav->go<SceneId::Identify>(IdentifyBy::Passport); });
    m_root.add(m_passport);
}

void ProblemScene::on_enter(const Problem& problem) {
    m_problem = problem;
}

void ProblemScene::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    m_content = content;
    Rect area = content.inset(theme.px(theme.margin));
    bool portrait = content.h > content.w;
    // Someone already identified (by a passport page, say) needs no other way in: the bar's back.
    m_passport.set_visible(m_ctx.citizen.identity() == nullptr);
    m_passport.set_text(tr("problem.use_passport"));
    int button_w = portrait ? area.w : theme.px(560);
    int button_h = theme.px(theme.button_height);
    Rect button = area.take_bottom(button_h);
    m_passport.set_bounds({button.x + (button.w - button_w) / 2, button.y, button_w, button_h});
    area.take_bottom(theme.px(24));
    m_text = area;
}

void ProblemScene::draw(Painter& painter) {
    const Theme& theme = m_ctx.theme;
    Rect area = m_text;
    bool portrait = m_content.h > m_content.w;
    area.take_top(portrait ? area.h / 10 : 0);
    int radius = theme.px(portrait ? 90 : 64);
    Point centre{area.x + area.w / 2, area.y + radius};
    painter.fill_circle(centre, radius, theme.danger);
    painter.draw_text_in("!", {portrait ? 120 : 90, true, theme.text_on_primary},
                         {centre.x - radius, centre.y - radius, 2 * radius, 2 * radius}, Align::Center);
    area.take_top(2 * radius + theme.px(portrait ? 40 : 24));
    ProblemText words = text_of(m_problem);
    TextStyle title{theme.font_title, true, theme.text};
    painter.draw_text_in(tr(words.title), title, area.take_top(painter.line_height(title)), Align::Center);
    area.take_top(theme.px(20));
    Rect text = area.inset(area.w > theme.px(1200) ? theme.px(160) : 0, 0);
    text.take_top(painter.draw_paragraph(tr(words.message), {theme.font_heading, false, theme.text_muted},
                                         text, Align::Center) +
                  theme.px(24));
    painter.draw_paragraph(m_ctx.tr.format("problem.staff", {{"phone", m_ctx.options.hall.phone}}),
                           {theme.font_body, false, theme.text_muted}, text, Align::Center);
    Scene::draw(painter);
}

} // namespace kiosk::ui
