#include "ui/scenes/CatalogScene.h"

#include "ui/scenes/Format.h"

namespace kiosk::ui {

CatalogScene::CatalogScene(SceneContext& context) : SceneWith<CatalogShelf>(context) {
    m_packages_tab.on_click([this] {
        m_show_packages = true;
        layout(m_content);
    });
    m_matters_tab.on_click([this] {
        m_show_packages = false;
        layout(m_content);
    });
    m_list.on_select([this](size_t index) {
        const auto& catalog = m_ctx.catalog;
        if (m_show_packages)
            m_ctx.nav->go<SceneId::Checklist>({"package:" + catalog.packages()[index].id});
        else
            m_ctx.nav->go<SceneId::Checklist>({"matter:" + catalog.matters()[index].id});
    });
    m_root.add(m_packages_tab);
    m_root.add(m_matters_tab);
    m_root.add(m_list);
}

void CatalogScene::on_enter(const CatalogShelf& argument) {
    m_show_packages = argument == CatalogShelf::Packages;
}

void CatalogScene::fill_rows() {
    const auto& catalog = m_ctx.catalog;
    std::vector<ListRow> rows;
    if (m_show_packages) {
        for (const auto& package : catalog.packages()) {
            auto checklist = catalog.checklist_for_package(package);
            rows.push_back({package.name.in(language()), join_departments(checklist.departments, language()),
                            m_ctx.tr.format(
                                "catalog.package_trailing",
                                {{"matters", std::to_string(checklist.matters.size())},
                                 {"days", format_working_days(checklist.promised_working_days, m_ctx.tr)}})});
        }
    } else {
        for (const auto& matter : catalog.matters()) {
            const auto* department = catalog.find_department(matter.department_id);
            rows.push_back({matter.name.in(language()), department ? department->name.in(language()) : "",
                            format_working_days(matter.promised_working_days, m_ctx.tr)});
        }
    }
    m_list.set_rows(std::move(rows));
}

void CatalogScene::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    m_content = content;
    m_packages_tab.set_kind(m_show_packages ? Button::Kind::Primary : Button::Kind::Secondary);
    m_matters_tab.set_kind(m_show_packages ? Button::Kind::Secondary : Button::Kind::Primary);
    m_packages_tab.set_text(tr("catalog.tab_packages"));
    m_matters_tab.set_text(tr("catalog.tab_matters"));
    Rect area = content.inset(theme.px(theme.margin), theme.px(32));
    area.take_top(theme.px(96)); // title
    Rect tabs = area.take_top(theme.px(96));
    int tab_w = std::min((tabs.w - theme.px(theme.gap)) / 2, theme.px(420));
    m_packages_tab.set_bounds({tabs.x, tabs.y, tab_w, tabs.h});
    m_matters_tab.set_bounds({tabs.x + tab_w + theme.px(theme.gap), tabs.y, tab_w, tabs.h});
    area.take_top(theme.px(20));
    m_list.set_row_height(theme.px(150));
    m_list.set_bounds(area);
    fill_rows();
}

void CatalogScene::draw(Painter& painter) {
    const Theme& theme = m_ctx.theme;
    Rect area = m_content.inset(theme.px(theme.margin), theme.px(32));
    painter.draw_text_in(tr("catalog.title"), {theme.font_title, true, theme.text},
                         area.take_top(theme.px(96)));
    Scene::draw(painter);
}

} // namespace kiosk::ui
