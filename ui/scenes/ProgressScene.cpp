#include "ui/scenes/ProgressScene.h"

#include "services/hubquery/HubQueries.h"

namespace kiosk::ui {

void ProgressScene::on_enter(const ReceiptToken& argument) {
    m_token = argument.token;
    m_answer.reset();
    if (m_ctx.hub)
        m_ctx.hub->query_progress(m_token);
    else
        m_answer = services::ProgressAnswered{m_token, "not_configured", {}, {}, {}, {}};
}

bool ProgressScene::on_event(const services::AppEvent& event) {
    if (auto* answer = std::get_if<services::ProgressAnswered>(&event); answer && answer->token == m_token) {
        m_answer = *answer;
        return true;
    }
    return false;
}

std::vector<std::string> ProgressScene::lines() const {
    if (!m_answer)
        return {tr("progress.querying")};
    if (!m_answer->failure.empty())
        return {tr("progress.failure." + m_answer->failure)};
    std::vector<std::string> lines;
    lines.push_back(m_ctx.tr.format("progress.number", {{"number", m_answer->application_number},
                                                        {"date", m_answer->submitted_at.substr(0, 10)}}));
    lines.push_back(tr("progress.status." + m_answer->status));
    for (const auto& matter : m_answer->matters) {
        const auto* known = m_ctx.catalog.find_matter(matter.matter_id);
        const auto* department = m_ctx.catalog.find_department(matter.department_id);
        std::string line = m_ctx.tr.format(
            "progress.matter_line",
            {{"matter", known ? known->name.in(language()) : matter.matter_id},
             {"department", department ? department->name.in(language()) : matter.department_id},
             {"state", tr("progress.state." + matter.state)}});
        if (matter.state == "pending")
            line += "  " + m_ctx.tr.format("progress.promised", {{"date", matter.promised_date}}) +
                    (matter.overdue ? "  " + tr("progress.overdue") : "");
        if (!matter.reason.empty())
            line += "  " + m_ctx.tr.format("progress.reason", {{"reason", matter.reason}});
        if (matter.certificate_ready)
            line += "  " + tr("progress.certificate_ready");
        lines.push_back(std::move(line));
    }
    return lines;
}

void ProgressScene::draw(Painter& painter) {
    const Theme& theme = m_ctx.theme;
    Rect area = m_content.inset(theme.px(theme.margin), theme.px(32));
    painter.draw_text_in(tr("progress.title"), {theme.font_title, true, theme.text},
                         area.take_top(theme.px(86)));
    area.take_top(theme.px(16));
    painter.fill_rounded_rect(area, theme.px(theme.radius), theme.border);
    painter.fill_rounded_rect(area.inset(theme.px(2)), theme.px(theme.radius) - 2, theme.surface);
    Rect inner = area.inset(theme.px(40), theme.px(32));
    auto shown = lines();
    bool failed = m_answer && !m_answer->failure.empty();
    for (size_t i = 0; i < shown.size(); ++i) {
        // The number and the overall status first, then one paragraph per matter.
        TextStyle style{i == 1 && !failed ? theme.font_heading : theme.font_body, i == 1 && !failed,
                        failed ? theme.warning : theme.text};
        if (m_answer && !failed && i >= 2) {
            const auto& matter = m_answer->matters[i - 2];
            style.color = matter.overdue || matter.state == "rejected" ? theme.danger
                          : matter.state == "approved"                 ? theme.success
                          : matter.state == "more_requested"           ? theme.warning
                                                                       : theme.text;
        }
        inner.take_top(painter.draw_paragraph(shown[i], style, inner) + theme.px(18));
    }
    Scene::draw(painter);
}

} // namespace kiosk::ui
