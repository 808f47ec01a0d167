#pragma once
// The citizen flow wired as the app wires it (kiosk/App.cpp, Impl::load): the real config,
// strings and sample catalog, the simulated devices behind a DeviceHub, a CitizenCase, and a
// SceneManager on a 1920x1080 screen — but with a FakeClock, so inactivity is tested in no time,
// and an offscreen SDL window with the software renderer for drawing.

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/domain/Catalog.h"
#include "drivers/idcard/SimIdCardReader.h"
#include "drivers/printer/SimPrinter.h"
#include "drivers/qr/SimQrScanner.h"
#include "drivers/scanner/SimScanner.h"
#include "services/DeviceHub.h"
#include "services/case/CitizenCase.h"
#include "ui/scenes/CitizenFlow.h"
#include "ui/scenes/SceneManager.h"
#include "ui/toolkit/Painter.h"
#include "ui/toolkit/Translator.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::ui::test {

// Points on the 1920x1080 layout (theme scale 1), as a citizen would touch them.
inline constexpr Rect kScreen{0, 0, 1920, 1080};
inline constexpr Rect kPortraitScreenSize{0, 0, 1080, 1920}; // use_screen(): the kiosk stood upright
inline constexpr Point kAttractTouchAnywhere{10, 122};       // top-left of the attract content, no button
inline constexpr Point kHeaderLanguageToggle{1803, 56};      // "English" / "中文" in the header
inline constexpr Point kNavBack{198, 1008};                  // bottom bar, left
inline constexpr Point kNavHome{1722, 1008};                 // bottom bar, right
inline constexpr Point kHomeGreetingCard{960, 200};          // no widget there once identified

struct AuditRecord {
    std::string kind;
    std::string detail;
};

class SceneTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

    // Touch down and lift at one point.
    void tap(Point at);
    // What the app's main loop does each frame once time has passed.
    bool advance_and_tick(std::chrono::milliseconds step);
    // Attract → "touch to start" → home, then a card read: an identified citizen on the home screen.
    void start_identified_session_at_home();
    // Pushes a scene chosen at run time (a loop over scenes) with its default argument.
    void go_with_default(SceneId id) { m_scenes->go_to(id, parse_argument(id, "").value()); }
    // The app's main loop, for scenes waiting on device and service threads: hands every queued event
    // to the scenes (noting device status first, as the app does) until `done` or `deadline`.
    template <typename Done>
    bool pump_until(Done done, std::chrono::milliseconds deadline = std::chrono::seconds(60)) {
        auto until = std::chrono::steady_clock::now() + deadline;
        while (!done() && std::chrono::steady_clock::now() < until) {
            while (auto event = m_queue.try_pop()) {
                if (auto* status = std::get_if<services::DeviceStatusChanged>(&*event))
                    m_devices->note(status->status);
                m_scenes->handle_event(std::move(*event));
            }
            if (!done())
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return done();
    }
    // Services a test adds to the visit (the scene context's pointer too, for printing).
    void attach_intake(services::MaterialIntake* intake);
    void attach_submissions(services::Submissions* submissions);
    void attach_printing(services::PrintService* printing);
    // What the intake reports when a material was scanned, stored at `pdf` and checked, in this visit.
    void note_scanned(const std::string& material_id, int pages, domain::Verdict verdict,
                      std::filesystem::path pdf = {}, std::map<std::string, std::string> prefill = {});

    // Renders the current frame offscreen (lays out the dialogs, exercises every draw path) and
    // returns a hash of its pixels.
    uint64_t draw();
    // Writes the frame draw() rendered last as a binary PPM (to look at what a test saw).
    void save_frame(const std::string& path) const;
    // The same as a PNG.
    void save_png(const std::string& path) const;
    // Runs the flow on another screen (portrait): a new scene manager, started at nothing.
    void use_screen(Rect screen);
    // Pixels of exactly this colour in the frame draw() rendered last.
    int count_pixels(Color colour) const;

    int count_audit(std::string_view kind) const;
    const AuditRecord* last_audit(std::string_view kind) const;
    int count_trace(std::string_view line) const;

    std::chrono::seconds warning_after() const;
    std::chrono::seconds countdown() const;

    KioskOptions m_options;
    FakeClock m_clock{from_local_civil({2026, 11, 25, 9, 30})};
    Theme m_theme; // scale 1: the 1080-px short side of kScreen
    std::optional<Translator> m_tr;
    domain::Catalog m_catalog;
    drivers::SimIdCardReader m_idcard;
    drivers::SimScanner m_scanner;
    drivers::SimQrScanner m_qr;
    drivers::SimPrinter m_receipt_printer{domain::DeviceKind::ReceiptPrinter, 200};
    drivers::SimPrinter m_a4_printer{domain::DeviceKind::A4Printer, 500};
    services::AppEventQueue m_queue;
    std::unique_ptr<services::DeviceHub> m_devices;
    std::unique_ptr<services::CitizenCase> m_citizen;
    std::unique_ptr<SceneContext> m_context;
    std::unique_ptr<SceneManager> m_scenes;
    std::vector<AuditRecord> m_audit;
    std::vector<std::string> m_trace;
    std::vector<uint32_t> m_last_frame; // RGBA32, as SDL_RenderReadPixels wrote it
    Rect m_screen = kScreen;
};

} // namespace kiosk::ui::test
