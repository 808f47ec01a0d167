#include "ui/scenes/CitizenFlow.h"

#include "ui/scenes/AttractScene.h"
#include "ui/scenes/CatalogScene.h"
#include "ui/scenes/CertificatesScene.h"
#include "ui/scenes/ChecklistScene.h"
#include "ui/scenes/ConfirmScene.h"
#include "ui/scenes/FormScene.h"
#include "ui/scenes/HomeScene.h"
#include "ui/scenes/IdentifyScene.h"
#include "ui/scenes/LanguageScene.h"
#include "ui/scenes/OutOfServiceScene.h"
#include "ui/scenes/ProgressScene.h"
#include "ui/scenes/ScanScene.h"

namespace kiosk::ui {

namespace {

// The citizen's way through the kiosk, one row per scene in SceneId order. The first scene is where
// every session starts and ends.
constexpr SceneEntry kCitizenFlow[] = {
    {SceneId::Attract, "attract", make_scene<AttractScene>},       // idle: hall, clock, "touch to start"
    {SceneId::Language, "language", make_scene<LanguageScene>},    // 中文 / English
    {SceneId::Home, "home", make_scene<HomeScene>},                // identify, or greeting once identified
    {SceneId::Identify, "identify", make_scene<IdentifyScene>},    // QR code or passport page
    {SceneId::Catalog, "catalog", make_scene<CatalogScene>},       // packages and matters
    {SceneId::Checklist, "checklist", make_scene<ChecklistScene>}, // the published checklist
    {SceneId::Scan, "scan", make_scene<ScanScene>},                // each material scanned once, checked
    {SceneId::Form, "form", make_scene<FormScene>},                // read values checked, the rest typed
    {SceneId::Confirm, "confirm", make_scene<ConfirmScene>},       // review, consent, submit, receipt
    {SceneId::Progress, "progress", make_scene<ProgressScene>},    // by receipt code
    {SceneId::Certificates, "certificates", make_scene<CertificatesScene>},   // issued: self-print
    {SceneId::OutOfService, "out-of-service", make_scene<OutOfServiceScene>}, // staff, or a fault
};

// The table is checked when it compiles: a scene added to SceneId without its row (or a row out of
// place) is a build error, not a blank screen.
constexpr bool one_row_per_scene_in_order() {
    for (size_t i = 0; i < std::size(kCitizenFlow); ++i)
        if (static_cast<size_t>(kCitizenFlow[i].id) != i)
            return false;
    return std::size(kCitizenFlow) == kSceneCount;
}
static_assert(one_row_per_scene_in_order(), "kCitizenFlow: one row per SceneId, in SceneId order");

} // namespace

std::span<const SceneEntry> citizen_flow() {
    return kCitizenFlow;
}

} // namespace kiosk::ui
