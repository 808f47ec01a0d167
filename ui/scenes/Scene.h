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
#include "ui/scenes/SceneArguments.h"
#include "ui/toolkit/CandidateSource.h"
#include "ui/toolkit/Painter.h"
#include "ui/toolkit/Translator.h"
#include "ui/toolkit/Widget.h"

#include <concepts>
#include <memory>
#include <string>
#include <type_traits>

namespace kiosk::services {
class HubQueries;
} // namespace kiosk::services

namespace kiosk::ui {

class StaffDesk;

class Navigator {
public:
    virtual ~Navigator() = default;
    // Pushes scene `id`, entered with the argument its row of SceneArguments.h names; nothing to
    // pass for the scenes that take none.
    template <SceneId id>
    requires std::same_as<ArgumentOf<id>, NoArgument>
    void go() { go_to(id, NoArgument{}); }
    template <SceneId id>
    void go(ArgumentOf<id> argument) {
        go_to(id, SceneArgument{std::move(argument)});
    }
    // The untyped door the typed ones open: `argument` must hold ArgumentOf<id> (checked, refused
    // with an error in the log otherwise).
    virtual void go_to(SceneId id, SceneArgument argument) = 0;
    virtual void back() = 0;
    virtual void end_session(services::SessionEndReason reason) = 0; // wipe, back to attract
    virtual void set_language(Language language) = 0;
};

// The out-of-service reason while the service mode keeps new citizens out (maintenance, out of hours,
// staff's out of service, a failed self-test): the screen shows StaffDesk::waiting_message.
inline constexpr const char* kWaitingReason = "service";

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
    StaffDesk* staff = nullptr;        // null: no maintenance mode (the staff screens say so)
};

class Scene {
public:
    explicit Scene(SceneContext& context) : m_ctx(context) {}
    virtual ~Scene() = default;

    // Called by the scene manager with the argument this scene takes (SceneWith<Argument> unwraps it).
    virtual void enter(const SceneArgument& argument) = 0;
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

// The base of every scene: Argument is what it is entered with (SceneArguments.h), on_enter gets it
// typed. Scenes that take nothing derive from SceneWith<> and override on_enter only if they need it.
template <typename Arg = NoArgument>
class SceneWith : public Scene {
public:
    using Argument = Arg;
    using Scene::Scene;

    void enter(const SceneArgument& argument) final { on_enter(std::get<Arg>(argument)); }

protected:
    virtual void on_enter(const Arg& argument) { (void)argument; }
};

struct SceneEntry {
    SceneId id;
    const char* name; // used by --scene, traces and golden file names
    std::unique_ptr<Scene> (*create)(SceneContext&);
};

// One row of a flow table: scene class T shows scene `id`. The row does not compile unless T takes
// the argument SceneArguments.h names for `id`.
template <SceneId id, typename T>
constexpr SceneEntry scene_row(const char* name) {
    static_assert(std::is_same_v<typename T::Argument, ArgumentOf<id>>,
                  "this scene class does not take the argument SceneArguments.h names for its SceneId");
    return {id, name,
            [](SceneContext& context) -> std::unique_ptr<Scene> { return std::make_unique<T>(context); }};
}

} // namespace kiosk::ui
