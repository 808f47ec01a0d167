#pragma once
// A citizen's materials, from the scanner to the session. Each page scanned for a material is
// cleaned and stored in the session's scan folder (services/scan: JPEG pages within the size
// budget and one PDF per material) and, when the catalog declares evidence for the material's kind,
// checked by OCR (services/ocr). All of it runs on the intake's own worker, so the screen keeps
// drawing; the outcome comes back to the UI thread as MaterialChecked or MaterialFailed.
//
// Pages of one material accumulate (a two-page material is scanned twice) until a page is submitted
// with add_page == false, which starts the material afresh (a rescan). After each page the whole set
// is stored again, so the PDF always holds every page so far and nothing older. The check reads the
// page just scanned; a material matches once any of its pages did (evidence sits on one page).
//
// The OCR engine (≈ 100 MB, 0.5–1 s to load) is loaded on the worker by warm_up(), which the citizen's
// case calls when a citizen opens a checklist, and then stays warm. When it cannot load (a language pack
// missing), materials are still stored, as not checked, and the reason is logged once.
//
// Passport and permit pages go the same way (read_identity_page): the MRZ is read on the worker with
// its own Tesseract (eng, loaded on first use) and answered with PassportRead or PassportFailed.
//
// Visits: wipe() (CitizenCase::end) forgets every page, drops queued work and removes the scan folder
// on the worker, after any store in flight. Results of an ended visit carry an older generation() and
// are ignored by the case.

#include "core/base/Worker.h"
#include "core/domain/Catalog.h"
#include "drivers/scanner/Scanner.h"
#include "services/Events.h"

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

namespace kiosk::services {

struct IntakeOptions {
    // Where the current session's materials live: tmpfs or an encrypted volume on a kiosk
    // (/run/onewindow/scans), since the wipe unlinks but does not overwrite.
    std::filesystem::path folder;
    int scan_dpi = 300;       // what the scene asks the scanner for (OCR reads at ≤ 150 dpi)
    std::string tessdata_dir; // empty: Tesseract's default
    std::string ocr_languages = "chi_sim+eng";
};

class MaterialIntake {
public:
    MaterialIntake(const domain::Catalog& catalog, AppEventQueue& queue, IntakeOptions options);
    ~MaterialIntake();
    MaterialIntake(const MaterialIntake&) = delete;
    MaterialIntake& operator=(const MaterialIntake&) = delete;

    // Loads the OCR engine on the worker unless it is loaded (or failed to load) already.
    void warm_up();
    // Any thread (the scanner's, as DeviceHub hands the page over): `page` was scanned for catalog
    // material `material_id` in the session of `generation` (generation() when the scan started); a
    // page of an ended session is dropped. An unknown material id ends as MaterialFailed (the catalog
    // changed under the scene), never as a crash.
    void submit_page(unsigned generation, const std::string& material_id, drivers::ScannedPage page,
                     bool add_page);
    // Any thread: a page scanned to identify the citizen by its MRZ.
    void read_identity_page(unsigned generation, drivers::ScannedPage page);
    // Session end: see above.
    void wipe();

    unsigned generation() const { return m_generation.load(); }
    const IntakeOptions& options() const { return m_options; }

private:
    struct State; // touched only on the worker
    void load_engine();
    void read_mrz(unsigned generation, const drivers::ScannedPage& page);
    void process(unsigned generation, const std::string& material_id, drivers::ScannedPage page,
                 bool add_page);

    const domain::Catalog& m_catalog;
    AppEventQueue& m_queue;
    IntakeOptions m_options;
    std::atomic<unsigned> m_generation{1};
    std::unique_ptr<State> m_state;
    std::unique_ptr<Worker> m_worker; // last: joined first, while the state is still there
};

} // namespace kiosk::services
