#include "ui/scenes/IdentifyScene.h"

#include "core/domain/QrPayload.h"

namespace kiosk::ui {

IdentifyScene::IdentifyScene(SceneContext& context) : SceneWith<IdentifyBy>(context) {
    m_scan.on_click([this] {
        if (m_scanning || m_reading)
            return;
        auto started = m_ctx.citizen.scan_identity_page();
        m_scanning = started.ok();
        m_status_key = started.ok() ? "identify.scanning" : "identify.scanner_unavailable";
        m_progress.set_fraction(0);
        m_progress.set_visible(started.ok());
    });
    m_progress.set_visible(false);
    m_root.add(m_scan);
    m_root.add(m_progress);
}

void IdentifyScene::on_enter(const IdentifyBy& argument) {
    m_mode = argument == IdentifyBy::Passport ? Mode::Passport : Mode::Qr;
    m_status_key = m_mode == Mode::Qr ? "identify.qr_waiting" : "identify.passport_waiting";
    m_status_text.clear();
    m_scanning = m_reading = false;
    m_progress.set_visible(false);
}

// What the code is decides what is said; nothing in it is opened, run or looked up.
void IdentifyScene::show_code(const std::string& payload) {
    domain::QrPayloadPolicy policy;
    policy.receipt_base_url = m_ctx.options.qr_payloads.receipt_base_url;
    policy.url_allowlist = m_ctx.options.qr_payloads.url_allowlist;
    auto code = domain::classify_qr_payload(payload, policy);
    m_status_text.clear();
    if (!code.ok()) {
        m_status_key = "identify.qr_unreadable";
        return;
    }
    // Quoted text is cut to a screen line's worth, at a character boundary.
    std::string quoted = code.value().text;
    if (quoted.size() > 120) {
        size_t cut = 120;
        while (cut > 0 && (static_cast<unsigned char>(quoted[cut]) & 0xC0) == 0x80)
            --cut;
        quoted = quoted.substr(0, cut) + "…";
    }
    switch (code.value().kind) {
    case domain::QrPayloadKind::ReceiptToken:
        // A receipt's query code: what the citizen wants is the application's progress.
        m_ctx.nav->go<SceneId::Progress>({code.value().text});
        break;
    case domain::QrPayloadKind::AllowedUrl:
        m_status_text = m_ctx.tr.format("identify.qr_link", {{"url", quoted}});
        break;
    case domain::QrPayloadKind::StaffBadge:
        // A staff card is for maintenance mode only: nothing of it is shown or acted on here.
        m_status_key = "identify.qr_staff_badge";
        break;
    case domain::QrPayloadKind::Text:
        m_status_text = m_ctx.tr.format("identify.qr_text", {{"text", quoted}});
        break;
    }
}

bool IdentifyScene::on_event(const services::AppEvent& event) {
    if (auto* scanned = std::get_if<services::QrScanned>(&event); scanned && m_mode == Mode::Qr) {
        show_code(scanned->text);
        return true;
    }
    if (m_mode == Mode::Qr && std::holds_alternative<services::QrRejected>(event)) {
        m_status_key = "identify.qr_unreadable";
        m_status_text.clear();
        return true;
    }
    if (m_mode != Mode::Passport)
        return false;
    if (auto* progress = std::get_if<services::ScanProgressed>(&event)) {
        m_progress.set_fraction(progress->percent / 100.0f);
        return true;
    }
    if (std::holds_alternative<services::ScanCompleted>(event) && m_scanning) {
        m_scanning = false;
        m_progress.set_fraction(1);
        m_reading = true; // the page went from the scanner to the intake
        m_status_key = "identify.reading_passport";
        return true;
    }
    if (auto* read = std::get_if<services::PassportRead>(&event);
        read && m_reading && m_ctx.citizen.current(read->generation)) {
        m_reading = false;
        // The case has taken the identity already (as "document seen", not verified).
        m_ctx.nav->go<SceneId::Home>(); // the greeting, as after an ID card
        return true;
    }
    if (auto* failed = std::get_if<services::PassportFailed>(&event);
        failed && m_reading && m_ctx.citizen.current(failed->generation)) {
        m_reading = false;
        m_progress.set_visible(false);
        m_status_key = failed->error.code == ErrorCode::NotFound ? "identify.mrz_not_found"
                       : failed->error.code == ErrorCode::Denied ? "identify.passport_expired"
                                                                 : "identify.mrz_unreadable";
        return true;
    }
    if (std::holds_alternative<services::ScanFailed>(event) && m_scanning) {
        m_scanning = false;
        m_progress.set_visible(false);
        m_status_key = "identify.scan_failed";
        return true;
    }
    return false;
}

void IdentifyScene::layout(Rect content) {
    const Theme& theme = m_ctx.theme;
    m_content = content;
    m_scan.set_text(tr("identify.start_scan"));
    m_scan.set_visible(m_mode == Mode::Passport);
    m_scan.set_enabled(m_ctx.devices.usable(domain::DeviceKind::Scanner));
    Rect area = content.inset(theme.px(theme.margin));
    int w = std::min(area.w, theme.px(760));
    m_scan.set_bounds({area.x + (area.w - w) / 2, area.bottom() - theme.px(120), w, theme.px(120)});
    m_progress.set_bounds({area.x + (area.w - w) / 2, area.bottom() - theme.px(180), w, theme.px(20)});
}

void IdentifyScene::draw(Painter& painter) {
    const Theme& theme = m_ctx.theme;
    Rect area = m_content.inset(theme.px(theme.margin));
    bool qr = m_mode == Mode::Qr;
    painter.draw_text_in(tr(qr ? "identify.qr_title" : "identify.passport_title"),
                         {theme.font_title, true, theme.text}, area.take_top(theme.px(110)), Align::Center);
    area.take_top(theme.px(30));
    // A large pictogram of where to hold the code / lay the page, drawn with plain shapes.
    int size = theme.px(300);
    Rect picture{area.x + (area.w - size) / 2, area.y, size, size};
    painter.fill_rounded_rect(picture, theme.px(24), theme.primary);
    painter.fill_rounded_rect(picture.inset(theme.px(14)), theme.px(14), theme.surface);
    painter.draw_text_in(qr ? "▣" : "▤", {170, true, theme.primary}, picture, Align::Center);
    area.take_top(size + theme.px(40));
    int used = painter.draw_paragraph(tr(qr ? "identify.qr_instructions" : "identify.passport_instructions"),
                                      {theme.font_heading - 4, false, theme.text},
                                      area.inset(theme.px(120), 0), Align::Center);
    area.take_top(used + theme.px(40)); // the status right below, with room for a quoted code
    painter.draw_paragraph(m_status_text.empty() ? tr(m_status_key) : m_status_text,
                           {theme.font_body, true, theme.warning}, area.inset(theme.px(120), 0),
                           Align::Center);
    Scene::draw(painter);
}

} // namespace kiosk::ui
