#pragma once
// Text recognition with one warm Tesseract (chi_sim+eng, loaded once: the load is most of a cold
// call's 0.7 s, docs/specs/test-rig.md §3) owned by its own worker thread. The kiosk calls
// recognise_async() and gets the result posted back; the CLI and tests use the blocking recognise(),
// which runs on the same thread. The text returned is normalised (core/domain/OcrText.h).

#include "core/base/Result.h"
#include "drivers/scanner/Scanner.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

struct Pix;

namespace kiosk::ocr {

struct OcrOptions {
    std::string languages = "chi_sim+eng"; // Tesseract language packs, '+'-separated
    std::string tessdata_dir;              // empty: Tesseract's default (TESSDATA_PREFIX or the system's)
    int max_dpi = 150; // pages scanned finer are scaled down to this before recognition (speed)
};

// A rectangle in the page's pixels.
struct Region {
    int x = 0, y = 0, width = 0, height = 0;
};

struct OcrResult {
    std::string text;      // normalised, one line per text line
    double confidence = 0; // mean word confidence, 0–100 (0 when no words)
    int words = 0;
    double milliseconds = 0; // recognition time on the worker
};

class OcrEngine {
public:
    using Callback = std::function<void(Result<OcrResult>)>;

    // Loads the language models (≈ 0.5–1 s); fails with NotFound when a language pack is missing.
    static Result<std::unique_ptr<OcrEngine>> create(const OcrOptions& options = {});
    ~OcrEngine();
    OcrEngine(const OcrEngine&) = delete;
    OcrEngine& operator=(const OcrEngine&) = delete;

    // The whole page, or only `regions` (in order, their texts joined by lines) when given.
    // The callback runs on the engine's worker thread; post it on to the UI's queue from there.
    void recognise_async(drivers::ScannedPage page, std::vector<Region> regions, Callback callback);
    Result<OcrResult> recognise(const drivers::ScannedPage& page, const std::vector<Region>& regions = {});
    // A Leptonica image (8- or 32-bit); the engine copies what it needs.
    Result<OcrResult> recognise(Pix* pix, const std::vector<Region>& regions = {});

private:
    struct State;
    explicit OcrEngine(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

// Reads an image file (PNG, JPEG, TIFF, PNM …) into a grey page, as the scanner would deliver it.
// `dpi` is used when the file does not say (0 in the file).
Result<drivers::ScannedPage> load_page_image(const std::string& path, int dpi = 300);

} // namespace kiosk::ocr
