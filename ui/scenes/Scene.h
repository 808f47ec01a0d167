#pragma once
// A scene is one screen of a flow (Flipper Zero style): enter / event / exit, plus its widgets.
// Scenes navigate only through the Navigator and reach devices only through services.

#include "core/base/Clock.h"
#include "core/base/Config.h"
#include "core/domain/Catalog.h"
#include "services/DeviceHub.h"
#include "services/Events.h"
#include "services/PrintService.h"
#include "services/case/CitizenCase.h"
#include "ui/toolkit/CandidateSource.h"
#include "ui/toolkit/Painter.h"
#include "ui/toolkit/Translator.h"
#include "ui/toolkit/Widget.h"

#include <memory>
#include <string>

namespace kiosk::services {
class HubQueries;
} // namespace kiosk::services

namespace kiosk::ui {

enum class SceneId {
    Attract,
    Language,
    Home,
    Identify,
    Catalog,
    Checklist,
    Scan,
    Form,    // the application form: read values to confirm, the rest typed on the on-screen keyboard
    Confirm, // review, consent, submit (sealed in the outbox), acceptance receipt
    Progress,
    Certificates,
    OutOfService // last: kSceneCount counts up to it
};
inline constexpr size_t kSceneCount = static_cast<size_t>(SceneId::OutOfService) + 1;

// The argument the first scene gets when a session ended with the citizen's card still on the reader.
inline constexpr char kCardLeftOnReader[] = "card-left-on-reader";

class Navigator {
public:
    virtual ~Navigator() = default;
    virtual void go(SceneId id, std::string argument = {}) = 0; // push
    virtual void back() = 0;
    virtual void end_session(services::SessionEndReason reason) = 0; // wipe, back to attract
    virtual void set_language(Language language) = 0;
};

// What a scene may use. Owned by the app; outlives every scene.
struct SceneContext {
    Translator& tr;
    const Theme& theme;
    const Clock& clock;
    const KioskOptions& options;
    const domain::Catalog& catalog;
    services::CitizenCase& citizen; // the visit: who, what, materials, form, application
    services::DeviceHub& devices;
    services::PrintService* printing = nullptr; // null: this kiosk prints nothing
    services::HubQueries* hub = nullptr;        // null: no questions to the hub (progress)
    Navigator* nav = nullptr;
    std::string out_of_service_reason; // non-empty: the kiosk is not serving (staff or a fatal fault)
    CandidateSource* pinyin = nullptr; // null: no pinyin engine, the keyboard types Latin letters
};

class Scene {
public:
    explicit Scene(SceneContext& context) : m_ctx(context) {}
    virtual ~Scene() = default;

    // argument: what to show (e.g. "package:newborn"); empty for most scenes.
    virtual void on_enter(const std::string& argument) { (void)argument; }
    // Typed events from services and devices; return true when handled.
    virtual bool on_event(const services::AppEvent& event) {
        (void)event;
        return false;
    }
    virtual void on_exit() {}
    // Called on every tick of the scene manager (several times a second); return true to be redrawn.
    virtual bool on_tick() { return false; }
    // Places widgets and sets their (translated) texts; called on enter, language change and resize.
    virtual void layout(Rect content) = 0;
    virtual void draw(Painter& painter) { m_root.draw(painter); }
    // Part of a citizen's session: the inactivity timer runs, and the back/home bar shows.
    virtual bool in_session() const { return true; }
    // Redraw every second (clocks, countdowns).
    virtual bool ticks() const { return false; }

    Container& root() { return m_root; }

protected:
    const std::string& tr(std::string_view key) const { return m_ctx.tr.tr(key); }
    Language language() const { return m_ctx.tr.language(); }

    SceneContext& m_ctx;
    Container m_root;
};

struct SceneEntry {
    SceneId id;
    const char* name; // used by --scene, traces and golden file names
    std::unique_ptr<Scene> (*create)(SceneContext&);
};

template <typename T>
std::unique_ptr<Scene> make_scene(SceneContext& context) {
    return std::make_unique<T>(context);
}

} // namespace kiosk::ui
