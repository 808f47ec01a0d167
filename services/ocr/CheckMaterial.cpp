#include "services/ocr/CheckMaterial.h"

#include <ctime>

namespace kiosk::ocr {

Result<CheckedMaterial> check_material(OcrEngine& engine, const domain::MaterialKind& kind,
                                       const drivers::ScannedPage& page, domain::CivilDate today,
                                       const domain::MatchOptions& options) {
    auto ocr = engine.recognise(page);
    if (!ocr.ok())
        return ocr.release_error();
    CheckedMaterial checked;
    checked.ocr = ocr.release_value();
    checked.check = domain::match_material(kind, checked.ocr.text, checked.ocr.confidence, today, options);
    return checked;
}

domain::CivilDate local_today() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

} // namespace kiosk::ocr
