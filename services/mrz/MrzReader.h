#pragma once
// Reads the machine-readable zone of a passport or permit page from a scanned image (ICAO 9303
// parts 3–6, docs/specs/mrz.md): finds the MRZ band, reads it character slot by character slot,
// then repairs OCR confusions with the check digits (domain::parse_mrz with correct_ocr).
//
// Why slots: OCR-B is monospaced and every MRZ position holds a glyph, so the band is found as
// 2 or 3 rows of 30/36/44 evenly spaced components. Stock Tesseract reads runs of '<' as K, X or
// nothing (docs/specs/test-rig.md §3), so fillers are recognised by shape and Tesseract only reads the
// runs of letters and digits between them. The band is read twice (the page as scanned, and through a
// median filter with short runs glyph by glyph); where the readings differ, only a choice that
// satisfies every check digit and leaves a single possible document is accepted.
//
// Not thread-safe: one reader (one warm Tesseract engine, ~60 MB) per thread.

#include "core/base/Result.h"
#include "core/domain/CivilDate.h"
#include "core/domain/Mrz.h"

#include <memory>
#include <string>
#include <vector>

namespace kiosk::services {

struct MrzReaderOptions {
    std::string tessdata_dir;     // empty: Tesseract's default (/usr/share/tesseract-ocr/5/tessdata)
    std::string language = "eng"; // a traineddata in tessdata_dir
    int min_confidence = 60;      // 0–100, Tesseract's mean word confidence; below it a run is not "clear"
};

struct MrzReading {
    std::vector<std::string> lines; // as read (before OCR correction), one string per MRZ line
    domain::MrzDocument document;   // parsed with correct_ocr; document.corrections lists the repairs
};

class MrzReader {
public:
    static Result<std::unique_ptr<MrzReader>> create(MrzReaderOptions options = {});
    ~MrzReader();

    // An Error (NotFound: no MRZ band; InvalidData: unreadable) unless every character was read, and
    // either the check digits pass after correction or every character was read clearly. A
    // document with valid == false therefore names real failed checks, never an OCR guess.
    Result<MrzReading> read_file(const std::string& path, domain::CivilDate today);
    // `gray`: width × height bytes, 8-bit luminance, rows without padding; 300 dpi expected.
    Result<MrzReading> read(const unsigned char* gray, int width, int height, domain::CivilDate today);

private:
    struct Engine;
    explicit MrzReader(std::unique_ptr<Engine> engine);
    std::unique_ptr<Engine> m_engine;
};

} // namespace kiosk::services
