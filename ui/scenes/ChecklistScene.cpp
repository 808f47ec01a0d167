#include "ui/scenes/ChecklistScene.h"

#include "services/PrintDocuments.h"
#include "ui/scenes/Format.h"

#include <fmt/format.h>

namespace kiosk::ui {

using domain::DeviceKind;
using domain::FieldSource;

ChecklistScene::ChecklistScene(SceneContext& context) : SceneWith<ItemKey>(context) {
    m_apply.on_click([this] {
        if (!m_ctx.citizen.identity())
            return m_ctx.nav->go<SceneId::Home>();
        if (m_ctx.citizen.item())
            m_ctx.nav->go<SceneId::Scan>();
    });
    m_print.on_click([this] { print(); });
    m_notice.set_visible(false);
    m_notice.primary().on_click([this] { m_notice.set_visible(false); });
    m_root.add(m_text);
    m_root.add(m_apply);
    m_root.add(m_print);
    m_root.add(m_notice);
}

void ChecklistScene::on_enter(const ItemKey& argument) {
    const auto& catalog = m_ctx.catalog;
    if (!m_ctx.citizen.select(argument.key) && !catalog.packages().empty())
        m_ctx.citizen.select("package:" + catalog.packages().front().id); // a screenshot without an argument
    const auto* item = m_ctx.citizen.item();
    m_package = item ? item->package : nullptr;
    m_matter = item ? item->matter : nullptr;
    m_checklist = item ? item->checklist : domain::Checklist{};
    m_printing.reset();
    m_failed.reset();
    // The citizen reads for a while before scanning: load the OCR engine now, off the UI thread.
    if (m_ctx.citizen.identity())
        m_ctx.citizen.warm_up();
}

// The checklist on A4 to take home: not accountable paper, needs no identity, and a failed print
// can be tried again from here.
void ChecklistScene::print() {
    if (!m_ctx.printing || m_printing || (!m_package && !m_matter))
        return;
    Result<services::PrintTicket> ticket = make_error(ErrorCode::Internal, "");
    if (m_failed) {
        ticket = m_ctx.printing->reprint(*m_failed);
    } else {
        std::string reference = m_package ? "package:" + m_package->id : "matter:" + m_matter->id;
        ticket =
            m_ctx.printing->print({store::PrintKind::Checklist, reference, "checklist",
                                   services::checklist_document(m_ctx.catalog, m_package, m_matter,
                                                                m_ctx.options.hall, m_ctx.clock.wall_now())});
    }
    if (ticket.ok()) {
        m_printing = ticket.value();
        m_failed.reset();
    } else {
        // Refused before anything was queued (the printer went away, the document did not render):
        // say so rather than leave the citizen waiting for paper.
        set_notice_texts();
        m_notice.set_visible(true);
    }
    refresh_print();
}

void ChecklistScene::refresh_print() {
    m_print.set_visible(m_ctx.printing != nullptr);
    bool printer = m_ctx.devices.usable(DeviceKind::A4Printer);
    m_print.set_enabled(printer && !m_printing);
    m_print.set_text(m_printing ? tr("checklist.printing")
                     : !printer ? tr("checklist.printer_unavailable")
                     : m_failed ? tr("checklist.print_again")
                                : tr("checklist.print"));
}

std::vector<TextBlock> ChecklistScene::build_blocks(const domain::Checklist& checklist) const {
    Language lang = language();
    std::vector<TextBlock> blocks;
    using Kind = TextBlock::Kind;
    blocks.push_back(
        {Kind::KeyValue, tr("checklist.departments"), join_departments(checklist.departments, lang)});
    blocks.push_back(
        {Kind::KeyValue, tr("checklist.time_limit"),
         m_ctx.tr.format("checklist.time_limit_value",
                         {{"days", format_working_days(checklist.promised_working_days, m_ctx.tr)}})});
    blocks.push_back({Kind::KeyValue, tr("checklist.fee"),
                      checklist.fee_fen == 0 ? tr("checklist.free") : domain::format_fee(checklist.fee_fen)});
    blocks.push_back({Kind::KeyValue, tr("checklist.site_inspection"),
                      tr(checklist.site_inspection ? "common.yes" : "common.no")});

    blocks.push_back({Kind::Heading, m_ctx.tr.format("checklist.materials",
                                                     {{"n", std::to_string(checklist.materials.size())}})});
    for (const auto& material : checklist.materials) {
        std::string tag = material.original
                              ? tr("checklist.original")
                              : m_ctx.tr.format("checklist.copies", {{"n", std::to_string(material.copies)}});
        std::string text = material.kind->name.in(lang);
        if (!material.required)
            text += fmt::format(
                " {}", m_ctx.tr.format("checklist.if", {{"condition", material.condition.in(lang)}}));
        blocks.push_back({Kind::Bullet, text, tag});
    }
    blocks.push_back({Kind::Note, tr("checklist.materials_once")});

    if (checklist.matters.size() > 1) {
        blocks.push_back({Kind::Heading, tr("checklist.matters")});
        for (const auto* matter : checklist.matters) {
            const auto* department = m_ctx.catalog.find_department(matter->department_id);
            blocks.push_back({Kind::Bullet,
                              matter->name.in(lang) + (department ? " — " + department->name.in(lang) : ""),
                              format_working_days(matter->promised_working_days, m_ctx.tr)});
        }
    }

    blocks.push_back({Kind::Heading, tr("checklist.form_fields")});
    for (const auto& field : checklist.fields) {
        const char* source = field.field->source == FieldSource::IdCard ? "checklist.source_idcard"
                             : field.field->source == FieldSource::Ocr  ? "checklist.source_ocr"
                                                                        : "checklist.source_typed";
        blocks.push_back({Kind::Bullet, field.field->label.in(lang), tr(source)});
    }

    blocks.push_back({Kind::Heading, tr("checklist.steps")});
    int step = 1;
    for (const auto* matter : checklist.matters) {
        for (const auto& text : matter->steps) {
            std::string prefix = std::to_string(step++) + ". ";
            if (checklist.matters.size() > 1)
                prefix += "[" + matter->name.in(lang) + "] ";
            blocks.push_back({Kind::Paragraph, prefix + text.in(lang)});
        }
    }
    return blocks;
}

void ChecklistScene::refresh_apply() {
    // Applying needs the outbox to seal into, the scanner for materials and the receipt printer for
    // the acceptance receipt.
    bool sealing = !m_ctx.citizen.applying_closed();
    bool scanner = m_ctx.devices.usable(DeviceKind::Scanner);
    bool printer = m_ctx.devices.usable(DeviceKind::ReceiptPrinter);
    m_apply.set_enabled(sealing && scanner && printer);
    m_apply.set_text(!sealing ? tr("checklist.applying_closed")
                     : scanner && printer
                         ? tr(m_ctx.citizen.identity() ? "checklist.apply" : "checklist.identify_to_apply")
                     : !scanner ? tr("checklist.unavailable_scanner")
                                : tr("checklist.unavailable_printer"));
}

bool ChecklistScene::on_event(const services::AppEvent& event) {
    if (std::holds_alternative<services::DeviceStatusChanged>(event) ||
        std::holds_alternative<services::CardRead>(event) ||
        std::holds_alternative<services::SealingChanged>(event)) {
        refresh_apply();
        refresh_print();
        return true;
    }
    auto ours = [this](domain::DeviceKind printer, int job_id) {
        return m_printing && m_printing->printer == printer && m_printing->job_id == job_id;
    };
    if (auto* done = std::get_if<services::PrintCompleted>(&event);
        done && ours(done->printer, done->job_id)) {
        m_printing.reset();
        refresh_print();
        return true;
    }
    if (auto* failed = std::get_if<services::PrintFailed>(&event);
        failed && ours(failed->printer, failed->job_id)) {
        m_failed = m_printing;
        m_printing.reset();
        refresh_print();
        return true;
    }
    return false;
}

void ChecklistScene::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    m_content = content;
    Rect area = content.inset(theme.px(theme.margin), theme.px(32));
    area.take_top(theme.px(150)); // title and description, drawn in draw()
    Rect bottom = area.take_bottom(theme.px(theme.button_height));
    if (m_ctx.printing) {
        // Print beside apply: the secondary action on the left, as on every paper form.
        int gap = theme.px(24);
        int w = std::min((bottom.w - gap) / 2, theme.px(700));
        int x = bottom.x + (bottom.w - 2 * w - gap) / 2;
        m_print.set_bounds({x, bottom.y, w, bottom.h});
        m_apply.set_bounds({x + w + gap, bottom.y, w, bottom.h});
    } else {
        int w = std::min(bottom.w, theme.px(900));
        m_apply.set_bounds({bottom.x + (bottom.w - w) / 2, bottom.y, w, bottom.h});
    }
    area.take_bottom(theme.px(24));
    m_text.set_bounds(area.inset(theme.px(24))); // inside the card draw() paints around it
    m_text.set_blocks(build_blocks(m_checklist));
    refresh_apply();
    refresh_print();
    m_notice.set_bounds(content);
    set_notice_texts();
}

void ChecklistScene::set_notice_texts() {
    m_notice.set_title(tr("checklist.print_refused_title"));
    m_notice.set_message(tr("checklist.print_refused"));
    m_notice.primary().set_text(tr("common.ok"));
}

void ChecklistScene::draw(Painter& painter) {
    const Theme& theme = m_ctx.theme;
    Rect area = m_content.inset(theme.px(theme.margin), theme.px(32));
    const LocalizedText* name = m_package ? &m_package->name : m_matter ? &m_matter->name : nullptr;
    const LocalizedText* description = m_package ? &m_package->description : nullptr;
    if (name)
        painter.draw_text_in(name->in(language()), {theme.font_title, true, theme.text},
                             area.take_top(theme.px(86)));
    if (description)
        painter.draw_text_in(description->in(language()), {theme.font_body, false, theme.text_muted},
                             area.take_top(theme.px(50)));
    Rect text = m_text.bounds().inset(-theme.px(24));
    painter.fill_rounded_rect(text, theme.px(theme.radius), theme.border);
    painter.fill_rounded_rect(text.inset(theme.px(2)), theme.px(theme.radius) - 2, theme.surface);
    Scene::draw(painter);
}

} // namespace kiosk::ui
