#pragma once
// Demo mode: the keyboard drives the simulated devices, and a strip at the bottom of the screen
// says which key does what. Lives in the app because only the app knows the backends are simulators.

#include "drivers/idcard/SimIdCardReader.h"
#include "drivers/printer/SimPrinter.h"
#include "drivers/qr/SimQrScanner.h"
#include "drivers/scanner/SimScanner.h"
#include "ui/scenes/SceneManager.h"
#include "ui/toolkit/Painter.h"

#include <SDL2/SDL_keycode.h>
#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::app {

struct Simulators {
    drivers::SimIdCardReader idcard;
    drivers::SimScanner scanner;
    drivers::SimQrScanner qr;
    drivers::SimPrinter receipt_printer{domain::DeviceKind::ReceiptPrinter, 200};
    drivers::SimPrinter a4_printer{domain::DeviceKind::A4Printer, 500};
};

class DemoKeys {
public:
    // idcard_control: the FIFO of the idcard-emulator that stands in for the reader (empty: the
    // in-process simulator reads the cards).
    // print_rig: the scripts/print-rig folder whose CUPS queues the printers are (empty: simulators).
    // documents: a folder of page images F7 puts on the simulated scanner's glass in turn (empty: none).
    DemoKeys(Simulators& sims, ui::SceneManager& scenes, ui::Translator& tr, std::string idcard_control = {},
             std::string print_rig = {}, const std::string& documents = {});

    // Returns true when the key was one of ours.
    bool handle(SDL_Keycode key);
    void draw(ui::Painter& painter, ui::Rect strip);

private:
    // F1/F2/F6 with the emulator: a line on its FIFO (never blocks the UI thread).
    void tell_emulator(const std::string& line);
    // F5 with the printing rig: `scripts/print-rig fault RIG kiosk-receipt FAULT`, in the background.
    void tell_print_rig(const char* fault);
    // F7: the next document on the glass, then none again.
    void next_document();

    Simulators& m_sims;
    ui::SceneManager& m_scenes;
    ui::Translator& m_tr;
    std::string m_idcard_control;
    std::string m_print_rig;
    std::vector<std::filesystem::path> m_documents; // sorted by name
    int m_document = -1;                            // on the glass; -1: nothing
    std::string m_document_label;
    int m_next_card = 0;
    int m_next_qr = 0;
    bool m_scanner_jammed = false;
    bool m_receipt_paper_out = false;
    bool m_reader_unplugged = false;
    bool m_out_of_service = false;
};

} // namespace kiosk::app
