#include "kiosk/app/DemoKeys.h"

#include "kiosk/base/Log.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace kiosk::app {

namespace {
// data/demo/idcard-emulator.json holds this many cards; F1 places them in turn.
constexpr int kEmulatorCards = 3;
} // namespace

void DemoKeys::tell_emulator(const std::string& line) {
    int fd = open(m_idcard_control.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        log::warn("demo: cannot reach the reader emulator at {}", m_idcard_control);
        return;
    }
    std::string text = line + "\n";
    if (write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
        log::warn("demo: the reader emulator did not take '{}'", line);
    close(fd);
}

void DemoKeys::tell_print_rig(const char* fault) {
    std::string script = std::string(KIOSK_SOURCE_DIR) + "/scripts/print-rig";
    std::string queue = "kiosk-receipt";
    char* argv[] = {script.data(), const_cast<char*>("fault"), m_print_rig.data(),
                    queue.data(),  const_cast<char*>(fault),   nullptr};
    pid_t pid = 0;
    if (posix_spawn(&pid, script.c_str(), nullptr, nullptr, argv, environ) != 0) {
        log::warn("demo: cannot run {}", script);
        return;
    }
    std::thread([pid] { waitpid(pid, nullptr, 0); }).detach(); // the rig answers within a second
}

bool DemoKeys::handle(SDL_Keycode key) {
    if (!m_idcard_control.empty()) {
        switch (key) {
        case SDLK_F1:
            tell_emulator("place " + std::to_string(m_next_card++ % kEmulatorCards));
            return true;
        case SDLK_F2:
            tell_emulator("remove");
            return true;
        case SDLK_F6:
            tell_emulator("unplug"); // scripts/demo starts it with --replug-after-ms: it comes back
            return true;
        default:
            break;
        }
    }
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
        if (!m_print_rig.empty())
            tell_print_rig(m_receipt_paper_out ? "paper-out" : "refill");
        else
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
