#include "ui/scenes/CertificatesScene.h"

#include "services/hubquery/HubQueries.h"

namespace kiosk::ui {

CertificatesScene::CertificatesScene(SceneContext& context) : SceneWith<>(context) {
    m_list.on_select([this](size_t index) { choose(index); });
    m_root.add(m_list);
}

void CertificatesScene::on_enter(const NoArgument& /*argument*/) {
    m_listed.reset();
    m_fetching.clear();
    m_printing.reset();
    m_printed.clear();
    m_status_key.clear();
    m_status_text.clear();
    m_refusal.clear();
    const auto* identity = m_ctx.citizen.certificate_holder();
    if (!identity)
        m_status_key =
            m_ctx.citizen.identity() ? "certificates.card_required" : "certificates.identify_first";
    else if (!m_ctx.hub)
        m_listed = services::CertificatesListed{"not_configured", {}};
    else
        m_ctx.hub->list_certificates(identity->id_number);
}

void CertificatesScene::choose(size_t index) {
    const auto* identity = m_ctx.citizen.certificate_holder();
    if (!m_listed || index >= m_listed->certificates.size() || !identity || !m_fetching.empty() || m_printing)
        return;
    if (!m_ctx.printing || !m_ctx.devices.usable(domain::DeviceKind::A4Printer)) {
        m_status_key = "certificates.printer_unavailable";
        return refresh();
    }
    m_fetching = m_listed->certificates[index].certificate_id;
    m_status_key = "certificates.fetching";
    m_status_text.clear();
    m_refusal.clear();
    m_ctx.hub->fetch_certificate(m_fetching, identity->id_number);
    refresh();
}

bool CertificatesScene::on_event(const services::AppEvent& event) {
    // The ID card placed here, after a passport page (or before anyone): now the holder is known.
    if (std::holds_alternative<services::CardRead>(event) && !m_listed && m_fetching.empty() &&
        m_ctx.citizen.certificate_holder()) {
        on_enter(NoArgument{});
        refresh();
        return true;
    }
    if (auto* listed = std::get_if<services::CertificatesListed>(&event); listed && !m_listed) {
        m_listed = *listed;
        refresh();
        return true;
    }
    if (auto* fetched = std::get_if<services::CertificateFetched>(&event);
        fetched && fetched->certificate_id == m_fetching) {
        std::string id = m_fetching;
        m_fetching.clear();
        if (fetched->failure == "already_printed" || fetched->failure == "print_in_progress" ||
            fetched->failure == "print_unknown") {
            // The hub holds it (docs/specs/hub-contract.md §6.1): say where and when, and who can help.
            m_status_key = fetched->failure == "already_printed"     ? "certificates.held.already_printed"
                           : fetched->failure == "print_in_progress" ? "certificates.held.print_in_progress"
                                                                     : "certificates.held.print_unknown";
            m_status_text =
                m_ctx.tr.format(m_status_key, {{"kiosk", fetched->held_by}, {"date", fetched->held_at}});
            m_printed.insert(id);
            return refresh(), true;
        }
        if (!fetched->failure.empty()) {
            m_status_key = "certificates.fetch_failed";
            return refresh(), true;
        }
        services::PrintRequest request;
        request.kind = store::PrintKind::Certificate;
        request.reference = id;
        request.pdf = fetched->pdf;
        request.hub_grant = fetched->grant_id;
        auto ticket = m_ctx.printing->print(std::move(request));
        if (ticket.ok()) {
            m_printing = ticket.value();
            m_printing_id = id;
            m_status_key = "certificates.printing";
        } else {
            // Denied: the ledger has it printed already; otherwise the printer said no.
            m_status_key = ticket.error().code == ErrorCode::Denied ? "certificates.already_printed"
                                                                    : "certificates.print_refused";
            m_refusal = ticket.error().message;
            if (ticket.error().code == ErrorCode::Denied)
                m_printed.insert(id);
        }
        return refresh(), true;
    }
    auto ours = [this](domain::DeviceKind printer, int job) {
        return m_printing && m_printing->printer == printer && m_printing->job_id == job;
    };
    if (auto* done = std::get_if<services::PrintCompleted>(&event);
        done && ours(done->printer, done->job_id)) {
        m_printing.reset();
        m_printed.insert(m_printing_id);
        m_status_key = "certificates.printed";
        return refresh(), true;
    }
    if (auto* failed = std::get_if<services::PrintFailed>(&event);
        failed && ours(failed->printer, failed->job_id)) {
        m_printing.reset();
        // Maybe printed: never "failed" — the hub holds it until staff have checked.
        m_status_key = failed->uncertain ? "certificates.print_unknown" : "certificates.print_failed";
        if (failed->uncertain)
            m_printed.insert(m_printing_id);
        return refresh(), true;
    }
    if (std::holds_alternative<services::DeviceStatusChanged>(event)) {
        refresh();
        return true;
    }
    return false;
}

std::string CertificatesScene::status() const {
    if (!m_status_text.empty())
        return m_status_text;
    if (!m_status_key.empty())
        return tr(m_status_key);
    if (!m_listed)
        return tr("certificates.querying");
    if (!m_listed->failure.empty())
        return tr("certificates.failure." + m_listed->failure);
    return m_listed->certificates.empty() ? tr("certificates.none") : tr("certificates.choose");
}

void CertificatesScene::refresh() {
    std::vector<ListRow> rows;
    if (m_listed)
        for (const auto& certificate : m_listed->certificates)
            rows.push_back(
                {certificate.title,
                 m_ctx.tr.format("certificates.row", {{"number", certificate.application_number},
                                                      {"date", certificate.issued_at.substr(0, 10)}}),
                 tr(certificate.certificate_id == m_fetching          ? "certificates.fetching_short"
                    : m_printed.count(certificate.certificate_id) > 0 ? "certificates.printed_short"
                                                                      : "certificates.print"),
                 m_fetching.empty() && !m_printing});
    m_list.set_rows(std::move(rows));
}

void CertificatesScene::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    m_content = content;
    Rect area = content.inset(theme.px(theme.margin), theme.px(32));
    area.take_top(theme.px(100) + theme.px(120)); // title, status
    m_list.set_row_height(theme.px(120));
    m_list.set_bounds(area);
    refresh();
}

void CertificatesScene::draw(Painter& painter) {
    const Theme& theme = m_ctx.theme;
    Rect area = m_content.inset(theme.px(theme.margin), theme.px(32));
    painter.draw_text_in(tr("certificates.title"), {theme.font_title, true, theme.text},
                         area.take_top(theme.px(86)));
    area.take_top(theme.px(14));
    bool trouble =
        m_status_key == "certificates.already_printed" || m_status_key == "certificates.print_failed" ||
        m_status_key == "certificates.held.already_printed" ||
        m_status_key == "certificates.held.print_in_progress" ||
        m_status_key == "certificates.held.print_unknown" || m_status_key == "certificates.print_unknown" ||
        m_status_key == "certificates.fetch_failed" || m_status_key == "certificates.print_refused" ||
        m_status_key == "certificates.printer_unavailable" || (m_listed && !m_listed->failure.empty());
    Color colour = trouble                                  ? theme.warning
                   : m_status_key == "certificates.printed" ? theme.success
                                                            : theme.text;
    painter.draw_paragraph(status(), {theme.font_body, true, colour}, area.take_top(theme.px(110)));
    Scene::draw(painter);
}

} // namespace kiosk::ui
