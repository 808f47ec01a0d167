#include "ui/scenes/ScanScene.h"

#include <fmt/format.h>

namespace kiosk::ui {

using domain::DeviceKind;
using domain::Verdict;

ScanScene::ScanScene(SceneContext& context) : SceneWith<>(context) {
    m_list.on_select([this](size_t index) { select(index); });
    m_scan.on_click([this] {
        const auto* material = current();
        if (!material)
            return;
        const auto* done = scanned(*material);
        if (m_phase == Phase::Done && done && done->accepted() && done->pages >= material->copies)
            return advance();
        // Another page of a material that has fewer pages than it asks for; otherwise a fresh scan.
        start_scan(m_phase == Phase::Done && done && done->accepted() && done->pages < material->copies);
    });
    m_again.on_click([this] {
        const auto* material = current();
        if (!material)
            return;
        const auto* done = scanned(*material);
        if (!material->required && !(done && done->accepted()))
            return advance(); // "not my case": skip an optional material (a wrong page of it is not sent)
        start_scan(false);    // rescan from the first page
    });
    m_continue.on_click([this] {
        if (missing_required() == 0 && m_ctx.nav && m_ctx.citizen.item())
            m_ctx.nav->go<SceneId::Form>();
    });
    m_root.add(m_list);
    m_root.add(m_progress);
    m_root.add(m_scan);
    m_root.add(m_again);
    m_root.add(m_continue);
}

void ScanScene::on_enter(const NoArgument& /*argument*/) {
    const auto* item = m_ctx.citizen.item();
    m_checklist = item ? item->checklist : domain::Checklist{};
    m_phase = Phase::Waiting;
    m_failure_key.clear();
    m_current = 0;
    while (m_current < m_checklist.materials.size() && satisfied(m_checklist.materials[m_current]))
        ++m_current;
    if (m_current == m_checklist.materials.size())
        m_current = 0;
    m_ctx.citizen.warm_up();
}

const domain::ChecklistMaterial* ScanScene::current() const {
    return m_current < m_checklist.materials.size() ? &m_checklist.materials[m_current] : nullptr;
}

const services::CaseMaterial* ScanScene::scanned(const domain::ChecklistMaterial& material) const {
    return m_ctx.citizen.material(material.kind->id);
}

bool ScanScene::satisfied(const domain::ChecklistMaterial& material) const {
    if (m_ctx.citizen.read_from_card(material))
        return true;
    const auto* done = scanned(material);
    return done && done->accepted() && done->pages >= material.copies;
}

int ScanScene::missing_required() const {
    int missing = 0;
    for (const auto& material : m_checklist.materials)
        if (material.required && !satisfied(material))
            ++missing;
    return missing;
}

void ScanScene::select(size_t index) {
    if (index >= m_checklist.materials.size() || m_phase == Phase::Scanning || m_phase == Phase::Checking)
        return;
    m_current = index;
    m_phase = scanned(m_checklist.materials[index]) ? Phase::Done : Phase::Waiting;
    m_failure_key.clear();
    refresh();
}

// To the next material still to do, after the current one (wrapping round); stays when none is left.
void ScanScene::advance() {
    size_t count = m_checklist.materials.size();
    for (size_t step = 1; step <= count; ++step) {
        size_t index = (m_current + step) % count;
        const auto& material = m_checklist.materials[index];
        if (!satisfied(material) &&
            !(scanned(material) == nullptr && !material.required && index < m_current)) {
            select(index);
            return;
        }
    }
    refresh();
}

void ScanScene::start_scan(bool add_page) {
    if (!current() || !m_ctx.devices.usable(DeviceKind::Scanner))
        return;
    auto started = m_ctx.citizen.scan(current()->kind->id, add_page);
    m_failure_key = started.ok() ? "" : "scan.failed";
    m_phase = started.ok() ? Phase::Scanning : Phase::Failed;
    m_progress.set_fraction(0);
    refresh();
}

bool ScanScene::on_event(const services::AppEvent& event) {
    const auto* material = current();
    if (auto* progress = std::get_if<services::ScanProgressed>(&event);
        progress && m_phase == Phase::Scanning) {
        m_progress.set_fraction(progress->percent / 100.0f);
        return true;
    }
    if (std::holds_alternative<services::ScanCompleted>(event) && m_phase == Phase::Scanning && material) {
        m_phase = Phase::Checking; // the page is on its way to the intake
        m_progress.set_fraction(1);
        refresh();
        return true;
    }
    if (std::holds_alternative<services::ScanFailed>(event) && m_phase == Phase::Scanning) {
        m_phase = Phase::Failed;
        m_failure_key = "scan.failed";
        refresh();
        return true;
    }
    auto ours = [&](const std::string& id, unsigned generation) {
        return m_ctx.citizen.current(generation) && material && id == material->kind->id &&
               m_phase == Phase::Checking;
    };
    if (auto* checked = std::get_if<services::MaterialChecked>(&event);
        checked && ours(checked->material_id, checked->generation)) {
        m_phase = Phase::Done; // the case holds what came of it
        refresh();
        return true;
    }
    if (auto* failed = std::get_if<services::MaterialFailed>(&event);
        failed && ours(failed->material_id, failed->generation)) {
        m_phase = Phase::Failed;
        m_failure_key = "scan.not_stored";
        refresh();
        return true;
    }
    if (std::holds_alternative<services::DeviceStatusChanged>(event)) {
        refresh();
        return true;
    }
    return false;
}

std::string ScanScene::status_text(const domain::ChecklistMaterial& material) const {
    bool is_current = current() == &material;
    if (is_current && m_phase == Phase::Scanning)
        return tr("scan.status_scanning");
    if (is_current && m_phase == Phase::Checking)
        return tr("scan.status_checking");
    if (m_ctx.citizen.read_from_card(material))
        return tr("scan.status_card");
    const auto* done = scanned(material);
    if (!done && m_ctx.citizen.to_rescan().count(material.kind->id))
        return tr("scan.status_rescan"); // scanned before the kiosk restarted: the pages are gone
    if (!done)
        return tr(material.required ? "scan.status_todo" : "scan.status_optional");
    if (done->accepted() && done->pages < material.copies)
        return m_ctx.tr.format("scan.status_pages", {{"n", std::to_string(done->pages)},
                                                     {"total", std::to_string(material.copies)}});
    if (!done->checked)
        return tr("scan.status_stored");
    return tr(done->check.verdict == Verdict::Matches        ? "scan.status_matches"
              : done->check.verdict == Verdict::DoesNotMatch ? "scan.status_mismatch"
                                                             : "scan.status_unreadable");
}

// Why a page is not the material: the keyword or the evidence field that was missing, in words.
static std::string mismatch_reason(const domain::MaterialKind& kind, const domain::MaterialCheck& check,
                                   const Translator& tr) {
    for (const auto& field : kind.evidence.fields)
        if (field.id == check.missing) {
            std::string key = "evidence." + field.id;
            std::string label = tr.has(key) ? tr.tr(key) : field.id;
            return tr.format("scan.reason_field", {{"field", label}});
        }
    if (!check.missing.empty())
        return tr.format("scan.reason_keyword", {{"keyword", check.missing}});
    return {};
}

std::string ScanScene::result_text() const {
    const auto* material = current();
    if (!material)
        return {};
    std::string name = material->kind->name.in(language());
    if (m_ctx.citizen.read_from_card(*material))
        return tr("scan.card_read");
    switch (m_phase) {
    case Phase::Scanning:
        return tr("scan.scanning");
    case Phase::Checking:
        return tr("scan.checking");
    case Phase::Failed:
        return tr(m_failure_key.empty() ? "scan.failed" : m_failure_key);
    case Phase::Waiting:
    case Phase::Done:
        break;
    }
    const auto* done = scanned(*material);
    if (!done || m_phase == Phase::Waiting) {
        std::string text = m_ctx.tr.format("scan.place", {{"material", name}});
        if (!done && m_ctx.citizen.to_rescan().count(material->kind->id))
            text += fmt::format("\n{}", tr("scan.rescan_after_restart"));
        if (material->copies > 1)
            text += fmt::format("\n{}",
                                m_ctx.tr.format("scan.copies", {{"n", std::to_string(material->copies)}}));
        if (!material->required)
            text += fmt::format("\n{}", m_ctx.tr.format("scan.optional",
                                                        {{"condition", material->condition.in(language())}}));
        return text;
    }
    if (!done->checked)
        return tr("scan.result_stored");
    switch (done->check.verdict) {
    case Verdict::Matches:
        return m_ctx.tr.format("scan.result_matches", {{"material", name}});
    case Verdict::DoesNotMatch: {
        std::string reason = mismatch_reason(*material->kind, done->check, m_ctx.tr);
        return m_ctx.tr.format("scan.result_mismatch", {{"material", name}, {"reason", reason}});
    }
    case Verdict::Unreadable:
        return tr("scan.result_unreadable");
    }
    return {};
}

// The form values this material filled in, as the citizen will see them on the form. ID numbers
// are masked: the screen faces the hall.
std::string ScanScene::prefill_text() const {
    const auto* material = current();
    if (!material || m_phase != Phase::Done)
        return {};
    std::string text;
    const auto* done = scanned(*material);
    if (!done || !done->accepted())
        return {};
    const auto& prefill = done->check.prefill;
    for (const auto& field : m_checklist.fields) {
        const domain::FormField& form = *field.field;
        if (form.source != domain::FieldSource::Ocr || form.source_key != material->kind->id)
            continue;
        auto it = prefill.find(form.id);
        if (it == prefill.end())
            continue;
        bool id_number = false;
        for (const auto& evidence : material->kind->evidence.fields)
            id_number |= evidence.fills == form.id && evidence.validator == domain::FieldValidator::IdNumber;
        text += m_ctx.tr.format("scan.prefill_line",
                                {{"label", form.label.in(language())},
                                 {"value", id_number ? domain::mask_id_number(it->second) : it->second}}) +
                "\n";
    }
    return text.empty() ? text : tr("scan.prefilled") + "\n" + text;
}

void ScanScene::refresh() {
    std::vector<ListRow> rows;
    for (size_t i = 0; i < m_checklist.materials.size(); ++i) {
        const auto& material = m_checklist.materials[i];
        std::string subtitle =
            material.original ? tr("checklist.original")
                              : m_ctx.tr.format("checklist.copies", {{"n", std::to_string(material.copies)}});
        ListRow row{(i == m_current ? "▶ " : "") + material.kind->name.in(language()), subtitle,
                    status_text(material), true};
        const auto* done = scanned(material);
        if (satisfied(material))
            row.trailing_colour = m_ctx.theme.success;
        else if (done && !done->accepted())
            row.trailing_colour = m_ctx.theme.danger;
        rows.push_back(std::move(row));
    }
    m_list.set_rows(std::move(rows));

    const auto* material = current();
    const auto* done = material ? scanned(*material) : nullptr;
    bool scanner = m_ctx.devices.usable(DeviceKind::Scanner);
    bool busy = m_phase == Phase::Scanning || m_phase == Phase::Checking;
    bool card = material && m_ctx.citizen.read_from_card(*material);
    bool accepted = done && done->accepted() && m_phase == Phase::Done;
    bool more_pages = accepted && done->pages < material->copies;

    m_progress.set_visible(busy);
    m_scan.set_visible(material && !card);
    m_scan.set_enabled(!busy && (scanner || (accepted && !more_pages)));
    m_scan.set_text(m_phase == Phase::Scanning   ? tr("scan.status_scanning")
                    : m_phase == Phase::Checking ? tr("scan.status_checking")
                    : accepted && !more_pages    ? tr("scan.next_material")
                    : more_pages ? m_ctx.tr.format("scan.scan_page", {{"n", std::to_string(done->pages + 1)}})
                    : !scanner   ? tr("scan.scanner_unavailable")
                    : m_phase == Phase::Done || m_phase == Phase::Failed ? tr("scan.rescan")
                                                                         : tr("scan.start"));
    bool skippable = material && !material->required && !(done && done->accepted());
    m_again.set_visible(material && !card && !busy && (accepted || skippable));
    m_again.set_enabled(skippable || scanner);
    m_again.set_text(skippable ? tr("scan.skip") : tr("scan.rescan"));

    int missing = missing_required();
    m_continue.set_enabled(missing == 0 && !busy);
    m_continue.set_text(missing == 0 ? tr("scan.continue")
                                     : m_ctx.tr.format("scan.missing", {{"n", std::to_string(missing)}}));
}

void ScanScene::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    m_content = content;
    Rect area = content.inset(theme.px(theme.margin), theme.px(32));
    area.take_top(theme.px(100)); // title, drawn in draw()
    bool wide = area.w > area.h;
    Rect left = wide ? area.take_left(area.w * 2 / 5) : area.take_top(area.h * 2 / 5);
    if (wide)
        area.take_left(theme.px(32));
    else
        area.take_top(theme.px(24));
    m_continue.set_bounds(left.take_bottom(theme.px(theme.button_height)));
    left.take_bottom(theme.px(24));
    m_list.set_row_height(theme.px(112));
    m_list.set_bounds(left);

    m_panel = area;
    Rect buttons = area.take_bottom(theme.px(theme.button_height));
    int gap = theme.px(24);
    int w = (buttons.w - gap) / 2;
    m_again.set_bounds({buttons.x, buttons.y, w, buttons.h});
    m_scan.set_bounds({buttons.x + w + gap, buttons.y, w, buttons.h});
    area.take_bottom(theme.px(24));
    m_progress.set_bounds(
        {area.x + theme.px(40), area.bottom() - theme.px(40), area.w - theme.px(80), theme.px(20)});
    refresh();
}

void ScanScene::draw(Painter& painter) {
    const Theme& theme = m_ctx.theme;
    Rect area = m_content.inset(theme.px(theme.margin), theme.px(32));
    const auto* item = m_ctx.citizen.item();
    painter.draw_text_in(m_ctx.tr.format("scan.title", {{"item", item ? item->name().in(language()) : ""}}),
                         {theme.font_title, true, theme.text}, area.take_top(theme.px(86)));

    // The panel: the current material, what to do or what came of it, and the values read.
    Rect panel = m_panel;
    panel.take_bottom(theme.px(theme.button_height + 24));
    painter.fill_rounded_rect(panel, theme.px(theme.radius), theme.border);
    painter.fill_rounded_rect(panel.inset(theme.px(2)), theme.px(theme.radius) - 2, theme.surface);
    Rect inner = panel.inset(theme.px(40), theme.px(32));
    if (const auto* material = current()) {
        painter.draw_text_in(material->kind->name.in(language()), {theme.font_heading, true, theme.primary},
                             inner.take_top(theme.px(64)));
        if (!material->kind->note.zh.empty())
            inner.take_top(painter.draw_paragraph(material->kind->note.in(language()),
                                                  {theme.font_small, false, theme.text_muted}, inner) +
                           theme.px(8));
        inner.take_top(theme.px(16));
        const auto* done = scanned(*material);
        Color colour = theme.text;
        if (m_phase == Phase::Failed)
            colour = theme.danger;
        else if (m_phase == Phase::Done && done && done->accepted())
            colour = theme.success;
        else if (m_phase == Phase::Done && done)
            colour = theme.warning;
        inner.take_top(painter.draw_paragraph(result_text(),
                                              {theme.font_body, m_phase != Phase::Waiting, colour}, inner) +
                       theme.px(24));
        painter.draw_paragraph(prefill_text(), {theme.font_body, false, theme.text}, inner);
    }
    Scene::draw(painter);
}

} // namespace kiosk::ui
