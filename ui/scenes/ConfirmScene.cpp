#include "ui/scenes/ConfirmScene.h"

#include "kiosk/base/Log.h"
#include "kiosk/domain/FormRules.h"
#include "kiosk/services/PrintDocuments.h"
#include "kiosk/services/intake/MaterialIntake.h"
#include "kiosk/services/submit/Submissions.h"

#include <set>

namespace kiosk::ui {

namespace {

// How long the receipt waits for the hub's application number before it prints without one.
constexpr auto kNumberWait = std::chrono::seconds(4);

} // namespace

ConfirmScene::ConfirmScene(SceneContext& context) : Scene(context) {
    m_agree.on_click([this] {
        m_agreed = !m_agreed;
        if (m_agreed)
            m_agreed_at = m_ctx.clock.wall_now();
        refresh();
    });
    m_submit.on_click([this] { submit(); });
    m_print_again.on_click([this] {
        m_receipt_asked = false;
        print_receipt();
    });
    m_finish.on_click([this] {
        if (m_ctx.nav)
            m_ctx.nav->end_session(services::SessionEndReason::Done);
    });
    m_root.add(m_agree);
    m_root.add(m_submit);
    m_root.add(m_print_again);
    m_root.add(m_finish);
}

void ConfirmScene::on_enter(const std::string& argument) {
    const auto& catalog = m_ctx.catalog;
    m_argument = argument.empty() ? m_ctx.session.selected_item() : argument;
    m_package = nullptr;
    m_matter = nullptr;
    if (m_argument.rfind("package:", 0) == 0)
        m_package = catalog.find_package(m_argument.substr(8));
    else if (m_argument.rfind("matter:", 0) == 0)
        m_matter = catalog.find_matter(m_argument.substr(7));
    m_matters = m_package  ? catalog.checklist_for_package(*m_package).matters
                : m_matter ? std::vector<const domain::Matter*>{m_matter}
                           : std::vector<const domain::Matter*>{};
    m_phase = Phase::Review;
    m_agreed = false;
    m_ticket = 0;
    m_application_id.clear();
    m_token.clear();
    m_number.clear();
    m_refusal.clear();
    m_failure.clear();
    m_receipt_asked = m_receipt_done = m_receipt_failed = false;
    m_receipt_problem.clear();
    m_receipt.reset();
    if (const auto* submitted = m_ctx.session.submitted(m_argument)) {
        // Back here after submitting (the back button): the same application, not a second one.
        m_phase = Phase::Sealed;
        m_application_id = submitted->application_id;
        m_token = submitted->query_token;
        m_receipt_asked = m_receipt_done = true;
    }
    refresh();
}

std::map<std::string, std::string> ConfirmScene::form_values() const {
    std::map<std::string, std::string> values;
    const auto* identity = m_ctx.session.identity();
    const auto& form = m_ctx.session.form();
    const auto& prefill = m_ctx.session.prefill();
    for (const auto* matter : m_matters) {
        for (const auto& field : matter->fields) {
            if (values.count(field.id))
                continue;
            // As the card says (the form screen shows it read-only); typed when the card lacks it.
            std::string value = field.source == domain::FieldSource::IdCard && identity
                                    ? domain::identity_value(*identity, field.source_key)
                                    : std::string();
            if (value.empty()) {
                if (auto typed = form.find(field.id); typed != form.end())
                    value = typed->second;
                else if (auto read = prefill.find(field.id); read != prefill.end())
                    value = read->second;
            }
            if (!value.empty())
                values[field.id] = value;
        }
    }
    return values;
}

std::vector<std::string> ConfirmScene::summary() const {
    auto lines = overview();
    auto fields = field_lines();
    lines.insert(lines.end(), fields.begin(), fields.end());
    return lines;
}

std::vector<std::string> ConfirmScene::overview() const {
    std::vector<std::string> lines;
    const auto& catalog = m_ctx.catalog;
    if (m_package)
        lines.push_back(m_package->name.in(language()));
    for (const auto* matter : m_matters) {
        const auto* department = catalog.find_department(matter->department_id);
        lines.push_back(m_ctx.tr.format(
            "confirm.matter_line",
            {{"matter", matter->name.in(language())},
             {"department", department ? department->name.in(language()) : matter->department_id},
             {"days", std::to_string(matter->promised_working_days)}}));
    }
    int pages = 0, materials = 0;
    for (const auto& [id, material] : m_ctx.session.materials())
        if (material.accepted() && material.pages > 0) {
            ++materials;
            pages += material.pages;
        }
    lines.push_back(m_ctx.tr.format("confirm.materials_line", {{"materials", std::to_string(materials)},
                                                               {"pages", std::to_string(pages)}}));
    return lines;
}

std::vector<std::string> ConfirmScene::field_lines() const {
    std::vector<std::string> lines;
    auto values = form_values();
    std::set<std::string> shown;
    for (const auto* matter : m_matters)
        for (const auto& field : matter->fields) {
            if (!shown.insert(field.id).second)
                continue;
            auto value = values.find(field.id);
            std::string text = value == values.end() ? tr("confirm.empty_value") : value->second;
            if (value != values.end() && field.source == domain::FieldSource::IdCard &&
                field.source_key == "id_number")
                text = domain::mask_id_number(text); // the screen can be seen by the next in the queue
            lines.push_back(m_ctx.tr.format("confirm.field_line",
                                            {{"label", field.label.in(language())}, {"value", text}}));
        }
    return lines;
}

int ConfirmScene::missing_fields() const {
    auto values = form_values();
    int missing = 0;
    std::set<std::string> seen;
    for (const auto* matter : m_matters)
        for (const auto& field : matter->fields) {
            if (!seen.insert(field.id).second)
                continue;
            auto value = values.find(field.id);
            if (domain::check_field(field, value == values.end() ? "" : value->second) !=
                domain::FieldProblem::None)
                ++missing; // empty when required, or not a value the field accepts
        }
    return missing;
}

void ConfirmScene::submit() {
    if (m_phase != Phase::Review || !m_agreed || missing_fields() > 0)
        return;
    const auto* identity = m_ctx.session.identity();
    if (!identity || m_matters.empty() || !m_ctx.submissions) {
        m_phase = Phase::Failed;
        m_failure = !identity ? "no identity" : m_matters.empty() ? "no matters" : "no outbox on this kiosk";
        return refresh();
    }
    outbox::ApplicationPackage package;
    package.kiosk_id = m_ctx.options.kiosk_id;
    package.catalog_version = m_ctx.catalog.version();
    if (m_package)
        package.package_id = m_package->id;
    for (const auto* matter : m_matters)
        package.matter_ids.push_back(matter->id);
    package.applicant = *identity;
    package.applicant.photo_wlt.clear(); // the hub gets what identifies, not the card's photo
    package.applicant.photo_rgb.clear();
    package.form = form_values();
    if (auto phone = package.form.find("phone"); phone != package.form.end())
        package.phone = phone->second;
    package.consent_version = "consent-v1";
    package.consent_accepted_at = m_agreed_at;
    package.submitted_at = m_ctx.clock.wall_now();
    if (m_ctx.intake)
        for (const auto& [id, material] : m_ctx.session.materials())
            if (material.accepted() && material.pages > 0)
                package.materials.push_back({id, m_ctx.intake->options().folder / id / (id + ".pdf"),
                                             material.pages, "application/pdf"});
    m_phase = Phase::Sealing;
    m_ticket = m_ctx.submissions->submit(std::move(package));
    refresh();
}

bool ConfirmScene::on_event(const services::AppEvent& event) {
    if (auto* sealed = std::get_if<services::ApplicationSealed>(&event);
        sealed && m_phase == Phase::Sealing && sealed->ticket == m_ticket) {
        m_phase = Phase::Sealed;
        m_application_id = sealed->application_id;
        m_token = sealed->query_token;
        m_ctx.session.note_submitted(m_argument, {m_application_id, m_token});
        m_sealed_at = m_ctx.clock.now();
        if (!delivering())
            print_receipt(); // no number will come now: the hub is away or none is configured
        return refresh(), true;
    }
    if (auto* failed = std::get_if<services::SubmissionFailed>(&event);
        failed && m_phase == Phase::Sealing && failed->ticket == m_ticket) {
        m_phase = Phase::Failed;
        m_failure = failed->error.describe();
        return refresh(), true;
    }
    if (auto* accepted = std::get_if<services::HubAccepted>(&event);
        accepted && !m_application_id.empty() && accepted->application_id == m_application_id) {
        m_number = accepted->application_number;
        if (!m_receipt_asked)
            print_receipt();
        return refresh(), true;
    }
    if (auto* refused = std::get_if<services::HubRefused>(&event);
        refused && !m_application_id.empty() && refused->application_id == m_application_id) {
        m_refusal = refused->reason;
        return refresh(), true;
    }
    // The scene manager has brought the print ledger up to date (and shows its notice) already.
    auto ours = [this](domain::DeviceKind printer, int job) {
        return m_receipt && m_receipt->printer == printer && m_receipt->job_id == job;
    };
    if (auto* done = std::get_if<services::PrintCompleted>(&event);
        done && ours(done->printer, done->job_id)) {
        m_receipt_done = true;
        m_receipt.reset();
        return refresh(), true;
    }
    if (auto* failed = std::get_if<services::PrintFailed>(&event);
        failed && ours(failed->printer, failed->job_id)) {
        m_receipt_done = m_receipt_failed = true;
        m_receipt_problem = failed->error.message;
        m_receipt.reset();
        return refresh(), true;
    }
    if (std::holds_alternative<services::DeliveryChanged>(event) ||
        std::holds_alternative<services::DeviceStatusChanged>(event))
        return refresh(), true;
    return false;
}

bool ConfirmScene::on_tick() {
    if (m_phase == Phase::Sealed && !m_receipt_asked && m_ctx.clock.now() - m_sealed_at >= kNumberWait) {
        print_receipt(); // the hub has not answered in time: the receipt says "queued"
        refresh();
        return true;
    }
    return false;
}

void ConfirmScene::print_receipt() {
    if (m_receipt_asked || m_phase != Phase::Sealed)
        return;
    m_receipt_asked = true;
    m_receipt_done = m_receipt_failed = false;
    m_receipt_problem.clear();
    const auto* identity = m_ctx.session.identity();
    if (!m_ctx.printing || !identity) {
        m_receipt_done = m_receipt_failed = true;
        m_receipt_problem = "no printing";
        return;
    }
    services::ReceiptFacts facts;
    facts.application_number = m_number;
    facts.number_pending = tr("confirm.receipt_number_pending");
    bool hub = m_ctx.submissions && m_ctx.submissions->hub_configured();
    facts.state = tr(!m_number.empty() ? "confirm.receipt_state_delivered"
                     : hub             ? "confirm.receipt_state_queued"
                                       : "confirm.receipt_state_saved");
    facts.query_token = m_token;
    facts.submitted_at = m_ctx.clock.wall_now();
    for (const auto& [id, material] : m_ctx.session.materials())
        if (material.accepted())
            facts.pages[id] = material.pages;
    services::PrintRequest request;
    request.kind = store::PrintKind::Receipt;
    request.reference = m_number.empty() ? m_application_id : m_number;
    request.template_name = "receipt";
    request.data = services::receipt_document(m_ctx.catalog, m_package, m_package ? nullptr : m_matter,
                                              *identity, m_ctx.options, facts);
    auto ticket = m_ctx.printing->print(std::move(request));
    if (!ticket.ok()) {
        m_receipt_done = m_receipt_failed = true;
        m_receipt_problem = ticket.error().message;
        log::warn("confirm: receipt for {} not printed: {}", m_application_id, ticket.error().message);
        return;
    }
    m_receipt = ticket.value();
}

bool ConfirmScene::delivering() const {
    if (!m_ctx.submissions)
        return false;
    auto state = m_ctx.submissions->delivery().state;
    return state == outbox::UploaderState::Starting || state == outbox::UploaderState::Idle ||
           state == outbox::UploaderState::Sending;
}

std::string ConfirmScene::status() const {
    switch (m_phase) {
    case Phase::Review:
        return tr(!m_ctx.session.identity() ? "confirm.identify_first"
                  : !m_ctx.submissions      ? "confirm.cannot_submit"
                  : missing_fields() > 0    ? "confirm.form_incomplete"
                  : m_agreed                ? "confirm.ready"
                                            : "confirm.agree_first");
    case Phase::Sealing:
        return tr("confirm.sealing");
    case Phase::Failed:
        return tr("confirm.failed");
    case Phase::Sealed:
        break;
    }
    std::string text;
    if (!m_refusal.empty())
        text = m_ctx.tr.format("confirm.refused", {{"reason", m_refusal}});
    else if (!m_number.empty())
        text = m_ctx.tr.format("confirm.delivered", {{"number", m_number}});
    else {
        bool hub = m_ctx.submissions && m_ctx.submissions->hub_configured();
        text = tr(!hub                               ? "confirm.queued_no_hub"
                  : delivering() && !m_receipt_asked ? "confirm.sending"
                                                     : "confirm.queued");
    }
    text += "\n" + m_ctx.tr.format("confirm.token", {{"token", m_token}});
    if (!m_receipt_asked)
        text += "\n" + tr("confirm.receipt_waiting");
    else if (!m_receipt_done)
        text += "\n" + tr("confirm.receipt_printing");
    else if (m_receipt_failed)
        text += "\n" + tr("confirm.receipt_failed");
    else
        text += "\n" + tr("confirm.receipt_printed");
    return text;
}

void ConfirmScene::refresh() {
    m_agree.set_text(tr(m_agreed ? "confirm.agreed" : "confirm.agree"));
    m_agree.set_kind(m_agreed ? Button::Kind::Primary : Button::Kind::Secondary);
    m_agree.set_visible(m_phase == Phase::Review);
    m_submit.set_text(tr(m_phase == Phase::Sealing ? "confirm.sealing_short" : "confirm.submit"));
    m_submit.set_visible(m_phase == Phase::Review || m_phase == Phase::Sealing);
    m_submit.set_enabled(m_phase == Phase::Review && m_agreed && m_ctx.session.identity() &&
                         m_ctx.submissions && missing_fields() == 0);
    m_submit.set_subtitle(m_agreed ? "" : tr("confirm.agree_first"));
    m_print_again.set_text(tr("confirm.print_again"));
    m_print_again.set_visible(m_phase == Phase::Sealed && m_receipt_done && m_receipt_failed);
    m_finish.set_text(tr("confirm.finish"));
    m_finish.set_visible(m_phase == Phase::Sealed || m_phase == Phase::Failed);
    m_finish.set_enabled(m_phase == Phase::Failed || m_receipt_done);
}

void ConfirmScene::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    m_content = content;
    Rect area = content.inset(theme.px(theme.margin), theme.px(32));
    area.take_top(theme.px(100)); // title
    bool portrait = area.h > area.w;
    if (portrait) {
        m_left = area.take_top(area.h * 45 / 100);
        area.take_top(theme.px(24));
        m_right = area;
    } else {
        m_left = area.take_left(area.w * 58 / 100);
        area.take_left(theme.px(32));
        m_right = area;
    }
    Rect buttons = m_right;
    int height = theme.px(theme.button_height);
    Rect bottom = buttons.take_bottom(height);
    buttons.take_bottom(theme.px(20));
    Rect above = buttons.take_bottom(height);
    m_agree.set_bounds(above);
    m_submit.set_bounds(bottom);
    m_print_again.set_bounds(above);
    m_finish.set_bounds(bottom);
    refresh();
}

void ConfirmScene::draw(Painter& painter) {
    const Theme& theme = m_ctx.theme;
    Rect area = m_content.inset(theme.px(theme.margin), theme.px(32));
    painter.draw_text_in(tr(m_phase == Phase::Sealed ? "confirm.title_done" : "confirm.title"),
                         {theme.font_title, true, theme.text}, area.take_top(theme.px(86)));

    painter.fill_rounded_rect(m_left, theme.px(theme.radius), theme.border);
    painter.fill_rounded_rect(m_left.inset(theme.px(2)), theme.px(theme.radius) - 2, theme.surface);
    Rect inner = m_left.inset(theme.px(32), theme.px(24));
    auto lines = overview();
    for (size_t i = 0; i < lines.size() && inner.h > 0; ++i) {
        bool heading = i == 0 && m_package;
        inner.take_top(
            painter.draw_paragraph(
                lines[i], {heading ? theme.font_heading : theme.font_body, heading, theme.text}, inner) +
            theme.px(8));
    }
    // The form in two columns, smaller: a package asks for up to a dozen fields.
    inner.take_top(theme.px(8));
    painter.fill_rect({inner.x, inner.y, inner.w, std::max(1, theme.px(1))}, theme.border);
    inner.take_top(theme.px(12));
    auto fields = field_lines();
    int column_width = (inner.w - theme.px(24)) / 2;
    Rect columns[2] = {{inner.x, inner.y, column_width, inner.h},
                       {inner.x + column_width + theme.px(24), inner.y, column_width, inner.h}};
    size_t half = (fields.size() + 1) / 2;
    for (size_t i = 0; i < fields.size(); ++i) {
        Rect& column = columns[i < half ? 0 : 1];
        if (column.h <= 0)
            continue;
        column.take_top(painter.draw_paragraph(fields[i], {theme.font_small, false, theme.text}, column) +
                        theme.px(6));
    }

    Rect side = m_right;
    side.take_bottom(theme.px(theme.button_height) * 2 + theme.px(40));
    Rect text = side.inset(theme.px(8), 0);
    if (m_phase == Phase::Review) {
        painter.draw_text_in(tr("confirm.consent_title"), {theme.font_heading, true, theme.text},
                             text.take_top(theme.px(56)));
        text.take_top(painter.draw_paragraph(tr("confirm.consent_text"),
                                             {theme.font_small, false, theme.text_muted}, text) +
                      theme.px(16));
    }
    Color colour = m_phase == Phase::Failed                         ? theme.danger
                   : m_phase == Phase::Sealed && !m_refusal.empty() ? theme.danger
                   : m_phase == Phase::Sealed && !m_number.empty()  ? theme.success
                                                                    : theme.text;
    painter.draw_paragraph(status(), {theme.font_body, m_phase != Phase::Review, colour}, text);
    Scene::draw(painter);
}

} // namespace kiosk::ui
