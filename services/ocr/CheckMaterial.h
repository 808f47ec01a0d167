#pragma once
// A scanned page checked against the material the citizen was asked for: OCR on the engine's worker,
// then the catalog's evidence for that material kind (core/domain/MaterialMatch.h).

#include "core/domain/MaterialMatch.h"
#include "services/ocr/OcrEngine.h"

namespace kiosk::ocr {

struct CheckedMaterial {
    domain::MaterialCheck check;
    OcrResult ocr; // the normalised text it was decided on, and the time it took
};

// Blocking; an Error only when OCR itself failed (a bad image), never for a page that does not match.
Result<CheckedMaterial> check_material(OcrEngine& engine, const domain::MaterialKind& kind,
                                       const drivers::ScannedPage& page, domain::CivilDate today,
                                       const domain::MatchOptions& options = {});

// Today's date in the kiosk's local time (bounds birth dates read from ID numbers).
domain::CivilDate local_today();

} // namespace kiosk::ocr
