#include "kiosk/app/DemoKeys.h"

#include "kiosk/base/Log.h"

namespace kiosk::app {

bool DemoKeys::handle(SDL_Keycode key) {
    switch (key) {
    case SDLK_F1:
        m_sims.idcard.place_card(drivers::SimIdCardReader::sample_identity(m_next_card++));
        return true;
    case SDLK_F2:
        m_sims.idcard.remove_card();
        return true;
    case SDLK_F3:
        m_sims.qr.present("https://example.invalid/not-a-kiosk-code");
        return true;
    case SDLK_F4:
        m_scanner_jammed = !m_scanner_jammed;
        m_scanner_jammed ? m_sims.scanner.jam() : m_sims.scanner.clear_fault();
        return true;
    case SDLK_F5:
        m_receipt_paper_out = !m_receipt_paper_out;
        m_sims.receipt_printer.set_paper(m_receipt_paper_out ? 0 : 200);
        return true;
    case SDLK_F6:
        m_reader_unplugged = !m_reader_unplugged;
        m_reader_unplugged ? m_sims.idcard.unplug() : m_sims.idcard.replug();
        return true;
    case SDLK_F9:
        m_out_of_service = !m_out_of_service;
        m_scenes.set_out_of_service(m_out_of_service ? "staff" : "");
        return true;
    default:
        return false;
    }
}

void DemoKeys::draw(ui::Painter& painter, ui::Rect strip) {
    const auto& theme = painter.theme();
    painter.fill_rect(strip, {0x23, 0x2B, 0x38});
    painter.draw_text_in(m_tr.tr("demo.keys"), {theme.font_small - 2, false, {0xE5, 0xE9, 0xF0}},
                         strip.inset(theme.px(24), 0), ui::Align::Center);
}

} // namespace kiosk::app
