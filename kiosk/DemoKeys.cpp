#include "kiosk/DemoKeys.h"

#include "core/base/Log.h"
#include "services/ocr/OcrEngine.h"

#include <algorithm>
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

DemoKeys::DemoKeys(Simulators& sims, ui::SceneManager& scenes, ui::Translator& tr, std::string idcard_control,
                   std::string print_rig, const std::string& documents)
    : m_sims(sims), m_scenes(scenes), m_tr(tr), m_idcard_control(std::move(idcard_control)),
      m_print_rig(std::move(print_rig)) {
    std::error_code error;
    if (!documents.empty())
        for (const auto& entry : std::filesystem::directory_iterator(documents, error))
            if (entry.path().extension() == ".png")
                m_documents.push_back(entry.path());
    std::sort(m_documents.begin(), m_documents.end());
}

void DemoKeys::next_document() {
    if (m_documents.empty())
        return;
    m_document = m_document + 1 < static_cast<int>(m_documents.size()) ? m_document + 1 : -1;
    m_document_label.clear();
    if (m_document < 0) {
        m_sims.scanner.place_document(nullptr);
        return;
    }
    const auto& path = m_documents[m_document];
    auto page = ocr::load_page_image(path.string(), 300);
    if (!page.ok()) {
        log::warn("demo: cannot load {}: {}", path.string(), page.error().message);
        m_sims.scanner.place_document(nullptr);
        return;
    }
    m_sims.scanner.place_document(std::make_shared<const drivers::ScannedPage>(std::move(page.value())));
    // "1-出生医学证明.png" → "出生医学证明"
    std::string stem = path.stem().string();
    m_document_label = stem.substr(stem.find('-') == std::string::npos ? 0 : stem.find('-') + 1);
}

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
        // In turn: a receipt's query code (the sample receipt's), and a code that is only text.
        m_sims.qr.present(m_next_qr++ % 2 == 0 ? "OW1-7KQ2-M9XD-4TPA-Z3R8"
                                               : "https://example.invalid/not-a-kiosk-code");
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
    case SDLK_F7:
        next_document();
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
    std::string text = m_tr.tr("demo.keys");
    if (!m_documents.empty())
        text += " · " +
                m_tr.format("demo.glass", {{"document", m_document_label.empty() ? m_tr.tr("demo.glass_empty")
                                                                                 : m_document_label}});
    painter.draw_text_in(text, {theme.font_small - 2, false, {0xE5, 0xE9, 0xF0}},
                         strip.inset(theme.px(24), 0), ui::Align::Center);
}

} // namespace kiosk::app
