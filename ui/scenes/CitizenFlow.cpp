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
#include "ui/scenes/ProblemScene.h"
#include "ui/scenes/ProgressScene.h"
#include "ui/scenes/ScanScene.h"
#include "ui/scenes/staff/MaintenanceScene.h"
#include "ui/scenes/staff/StaffSignInScene.h"

namespace kiosk::ui {

namespace {

// The citizen's way through the kiosk, one row per scene in SceneId order. The first scene is where
// every session starts and ends.
constexpr SceneEntry kCitizenFlow[] = {
    scene_row<SceneId::Attract, AttractScene>("attract"),       // idle: hall, clock, "touch to start"
    scene_row<SceneId::Language, LanguageScene>("language"),    // 中文 / English
    scene_row<SceneId::Home, HomeScene>("home"),                // identify, or greeting once identified
    scene_row<SceneId::Identify, IdentifyScene>("identify"),    // QR code or passport page
    scene_row<SceneId::Catalog, CatalogScene>("catalog"),       // packages and matters
    scene_row<SceneId::Checklist, ChecklistScene>("checklist"), // the published checklist
    scene_row<SceneId::Scan, ScanScene>("scan"),                // each material scanned once, checked
    scene_row<SceneId::Form, FormScene>("form"),                // read values checked, the rest typed
    scene_row<SceneId::Confirm, ConfirmScene>("confirm"),       // review, consent, submit, receipt
    scene_row<SceneId::Progress, ProgressScene>("progress"),    // by receipt code
    scene_row<SceneId::Certificates, CertificatesScene>("certificates"),   // issued: self-print
    scene_row<SceneId::Problem, ProblemScene>("problem"),                  // a failure: what to do instead
    scene_row<SceneId::StaffSignIn, StaffSignInScene>("staff-sign-in"),    // staff: the PIN pad
    scene_row<SceneId::Maintenance, MaintenanceScene>("maintenance"),      // staff: devices, tests, …
    scene_row<SceneId::OutOfService, OutOfServiceScene>("out-of-service"), // staff, or a fault
};

// The table is checked when it compiles: a scene added to SceneId without its row (or a row out of
// place), or a scene class that takes another argument than its SceneId (scene_row), is a build
// error, not a blank screen. The first scene takes a Farewell: the scene manager ends every visit
// there.
constexpr bool one_row_per_scene_in_order() {
    for (size_t i = 0; i < std::size(kCitizenFlow); ++i)
        if (static_cast<size_t>(kCitizenFlow[i].id) != i)
            return false;
    return std::size(kCitizenFlow) == kSceneCount;
}
static_assert(one_row_per_scene_in_order(), "kCitizenFlow: one row per SceneId, in SceneId order");
static_assert(std::is_same_v<ArgumentOf<SceneId::Attract>, Farewell>,
              "the first scene is told how a visit ended");

} // namespace

std::span<const SceneEntry> citizen_flow() {
    return kCitizenFlow;
}

} // namespace kiosk::ui
