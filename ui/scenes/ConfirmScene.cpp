#include "ui/scenes/ConfirmScene.h"

#include "core/base/Log.h"
#include "core/domain/FormRules.h"

#include <fmt/format.h>

namespace kiosk::ui {

namespace {

// How long the receipt waits for the hub's application number before it prints without one.
constexpr auto kNumberWait = std::chrono::seconds(4);

} // namespace

ConfirmScene::ConfirmScene(SceneContext& context) : SceneWith<>(context) {
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

void ConfirmScene::on_enter(const NoArgument& /*argument*/) {
    m_agreed = false;
    m_receipt_asked = m_receipt_done = m_receipt_failed = false;
    m_receipt_problem.clear();
    m_receipt.reset();
    // Back here after submitting (the back button): the same application, not a second one.
    if (const auto* sealed = submission(); sealed && sealed->state == services::SubmitState::Sealed)
        m_receipt_asked = m_receipt_done = true;
    refresh();
}

ConfirmScene::Phase ConfirmScene::phase() const {
    const auto* sealed = submission();
    if (!sealed)
        return Phase::Review;
    switch (sealed->state) {
    case services::SubmitState::Sealing:
        return Phase::Sealing;
    case services::SubmitState::Sealed:
        return Phase::Sealed;
    case services::SubmitState::Failed:
        return Phase::Failed;
    }
    return Phase::Review;
}

std::string ConfirmScene::application_id() const {
    return submission() ? submission()->application_id : std::string();
}

std::string ConfirmScene::query_token() const {
    return submission() ? submission()->query_token : std::string();
}

std::string ConfirmScene::application_number() const {
    return submission() ? submission()->number : std::string();
}

std::vector<std::string> ConfirmScene::summary() const {
    auto lines = overview();
    auto fields = field_lines();
    lines.insert(lines.end(), fields.begin(), fields.end());
    return lines;
}

std::vector<std::string> ConfirmScene::overview() const {
    std::vector<std::string> lines;
    const auto* item = m_ctx.citizen.item();
    if (!item)
        return lines;
    if (item->package)
        lines.push_back(item->package->name.in(language()));
    for (const auto* matter : item->checklist.matters) {
        const auto* department = m_ctx.catalog.find_department(matter->department_id);
        lines.push_back(m_ctx.tr.format(
            "confirm.matter_line",
            {{"matter", matter->name.in(language())},
             {"department", department ? department->name.in(language()) : matter->department_id},
             {"days", std::to_string(matter->promised_working_days)}}));
    }
    int pages = 0, materials = 0;
    for (const auto& [id, material] : m_ctx.citizen.materials())
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
    const auto* item = m_ctx.citizen.item();
    if (!item)
        return lines;
    auto values = m_ctx.citizen.form();
    for (const auto& entry : item->checklist.fields) {
        const auto& field = *entry.field;
        auto value = values.find(field.id);
        // The screen can be seen by the next in the queue: the ID number is masked.
        std::string text =
            value == values.end() ? tr("confirm.empty_value") : domain::shown_value(field, value->second);
        lines.push_back(
            m_ctx.tr.format("confirm.field_line", {{"label", field.label.in(language())}, {"value", text}}));
    }
    return lines;
}

void ConfirmScene::submit() {
    if (phase() != Phase::Review || !m_agreed)
        return;
    if (auto submitted = m_ctx.citizen.submit(m_agreed_at); !submitted.ok())
        log::warn("confirm: not submitted: {}", submitted.error().message);
    refresh();
}

bool ConfirmScene::on_event(const services::AppEvent& event) {
    // The case has taken the news in already (CitizenCase::on_event); this screen only follows it.
    const auto* sealed = submission();
    if (std::holds_alternative<services::ApplicationSealed>(event) && sealed &&
        sealed->state == services::SubmitState::Sealed && !m_receipt_asked) {
        m_sealed_at = m_ctx.clock.now();
        if (!m_ctx.citizen.delivering())
            print_receipt(); // no number will come now: the hub is away or none is configured
        return refresh(), true;
    }
    if (std::holds_alternative<services::HubAccepted>(event) && sealed && !sealed->number.empty()) {
        if (!m_receipt_asked)
            print_receipt();
        return refresh(), true;
    }
    if (std::holds_alternative<services::SubmissionFailed>(event) ||
        std::holds_alternative<services::HubRefused>(event))
        return refresh(), true;
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
        std::holds_alternative<services::DeviceStatusChanged>(event) ||
        std::holds_alternative<services::SealingChanged>(event))
        return refresh(), true;
    return false;
}

bool ConfirmScene::on_tick() {
    if (phase() == Phase::Sealed && !m_receipt_asked && m_ctx.clock.now() - m_sealed_at >= kNumberWait) {
        print_receipt(); // the hub has not answered in time: the receipt says "queued"
        refresh();
        return true;
    }
    return false;
}

void ConfirmScene::print_receipt() {
    const auto* sealed = submission();
    if (m_receipt_asked || !sealed || sealed->state != services::SubmitState::Sealed)
        return;
    m_receipt_asked = true;
    m_receipt_done = m_receipt_failed = false;
    m_receipt_problem.clear();
    services::CitizenCase::ReceiptTexts texts;
    texts.number_pending = tr("confirm.receipt_number_pending");
    texts.state = tr(!sealed->number.empty()          ? "confirm.receipt_state_delivered"
                     : m_ctx.citizen.hub_configured() ? "confirm.receipt_state_queued"
                                                      : "confirm.receipt_state_saved");
    auto ticket = m_ctx.citizen.print_receipt(texts);
    if (!ticket.ok()) {
        m_receipt_done = m_receipt_failed = true;
        m_receipt_problem = ticket.error().message;
        log::warn("confirm: receipt for {} not printed: {}", sealed->application_id, ticket.error().message);
        return;
    }
    m_receipt = ticket.value();
}

std::string ConfirmScene::status() const {
    const auto* sealed = submission();
    switch (phase()) {
    case Phase::Review:
        return tr(!m_ctx.citizen.identity()           ? "confirm.identify_first"
                  : !m_ctx.citizen.can_submit()       ? "confirm.cannot_submit"
                  : m_ctx.citizen.form_problems() > 0 ? "confirm.form_incomplete"
                  : m_agreed                          ? "confirm.ready"
                                                      : "confirm.agree_first");
    case Phase::Sealing:
        return tr("confirm.sealing");
    case Phase::Failed:
        return tr("confirm.failed");
    case Phase::Sealed:
        break;
    }
    std::string text;
    if (!sealed->refusal.empty())
        text = m_ctx.tr.format("confirm.refused", {{"reason", sealed->refusal}});
    else if (!sealed->number.empty())
        text = m_ctx.tr.format("confirm.delivered", {{"number", sealed->number}});
    else
        text = tr(!m_ctx.citizen.hub_configured()                  ? "confirm.queued_no_hub"
                  : m_ctx.citizen.delivering() && !m_receipt_asked ? "confirm.sending"
                                                                   : "confirm.queued");
    text += fmt::format("\n{}", m_ctx.tr.format("confirm.token", {{"token", sealed->query_token}}));
    if (!m_receipt_asked)
        text += fmt::format("\n{}", tr("confirm.receipt_waiting"));
    else if (!m_receipt_done)
        text += fmt::format("\n{}", tr("confirm.receipt_printing"));
    else if (m_receipt_failed)
        text += fmt::format("\n{}", tr("confirm.receipt_failed"));
    else
        text += fmt::format("\n{}", tr("confirm.receipt_printed"));
    return text;
}

void ConfirmScene::refresh() {
    Phase current = phase();
    m_agree.set_text(tr(m_agreed ? "confirm.agreed" : "confirm.agree"));
    m_agree.set_kind(m_agreed ? Button::Kind::Primary : Button::Kind::Secondary);
    m_agree.set_visible(current == Phase::Review);
    m_submit.set_text(tr(current == Phase::Sealing ? "confirm.sealing_short" : "confirm.submit"));
    m_submit.set_visible(current == Phase::Review || current == Phase::Sealing);
    m_submit.set_enabled(current == Phase::Review && m_agreed && m_ctx.citizen.identity() &&
                         m_ctx.citizen.can_submit() && m_ctx.citizen.form_problems() == 0);
    m_submit.set_subtitle(m_agreed ? "" : tr("confirm.agree_first"));
    m_print_again.set_text(tr("confirm.print_again"));
    m_print_again.set_visible(current == Phase::Sealed && m_receipt_done && m_receipt_failed);
    m_finish.set_text(tr("confirm.finish"));
    m_finish.set_visible(current == Phase::Sealed || current == Phase::Failed);
    m_finish.set_enabled(current == Phase::Failed || m_receipt_done);
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
    Phase current = phase();
    const auto* sealed = submission();
    bool refused = sealed && !sealed->refusal.empty(), numbered = sealed && !sealed->number.empty();
    Rect area = m_content.inset(theme.px(theme.margin), theme.px(32));
    painter.draw_text_in(tr(current == Phase::Sealed ? "confirm.title_done" : "confirm.title"),
                         {theme.font_title, true, theme.text}, area.take_top(theme.px(86)));

    painter.fill_rounded_rect(m_left, theme.px(theme.radius), theme.border);
    painter.fill_rounded_rect(m_left.inset(theme.px(2)), theme.px(theme.radius) - 2, theme.surface);
    Rect inner = m_left.inset(theme.px(32), theme.px(24));
    auto lines = overview();
    for (size_t i = 0; i < lines.size() && inner.h > 0; ++i) {
        bool heading = i == 0 && m_ctx.citizen.item() && m_ctx.citizen.item()->package;
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
    if (current == Phase::Review) {
        painter.draw_text_in(tr("confirm.consent_title"), {theme.font_heading, true, theme.text},
                             text.take_top(theme.px(56)));
        text.take_top(painter.draw_paragraph(tr("confirm.consent_text"),
                                             {theme.font_small, false, theme.text_muted}, text) +
                      theme.px(16));
    }
    Color colour = current == Phase::Failed               ? theme.danger
                   : current == Phase::Sealed && refused  ? theme.danger
                   : current == Phase::Sealed && numbered ? theme.success
                                                          : theme.text;
    painter.draw_paragraph(status(), {theme.font_body, current != Phase::Review, colour}, text);
    Scene::draw(painter);
}

} // namespace kiosk::ui
