#pragma once
// Runs a flow: a table of scenes and a back stack, with the chrome every screen shares (Chrome.h:
// header with hall name, clock and language; the back/home bar) and, in this one place, inactivity
// (InactivityGuard.h: a warning with a countdown, then the session is wiped and the kiosk returns to
// the first scene).
//
// Every event goes to the citizen's case first (CitizenCase::on_event: the card policy, materials,
// the application), then to the scene. For the ID-card reader it does what only navigation can: a
// card that identifies moves the citizen on to the home screen, another citizen's card mid-visit
// starts over at home (their case is new; the old one was wiped); a failed read and a removed card
// are told in a short notice over whatever scene shows; a card that identified the citizen and stays
// off the reader ends the visit after a grace and a warning (handle_card_removed); and it remembers
// whether a card still lies on the reader, so a session ending with it there asks for it to be taken.

#include "ui/scenes/Chrome.h"
#include "ui/scenes/InactivityGuard.h"
#include "ui/scenes/Scene.h"
#include "ui/toolkit/ChoiceDialog.h"
#include "ui/toolkit/Dialog.h"
#include "ui/toolkit/Notice.h"

#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace kiosk::ui {

class SceneManager final : public Navigator {
public:
    // How long a notice stays when nobody dismisses it: two calm readings of one sentence.
    static constexpr std::chrono::seconds kNoticeDuration{6};

    SceneManager(SceneContext& context, std::span<const SceneEntry> flow, Rect screen);
    ~SceneManager() override;

    // Navigator
    void go_to(SceneId id, SceneArgument argument) override;
    void back() override;
    void end_session(services::SessionEndReason reason) override;
    void set_language(Language language) override;

    // Starts the flow at its first scene, or out of service when the context says so (or at a named one,
    // for screenshots and tests, with its argument as text: parse_argument). Fails for an unknown scene or
    // an argument it does not take.
    void start();
    Result<void> start_at(std::string_view scene_name, std::string_view argument = {});
    // The names of the flow table's scenes, in its order.
    std::vector<std::string> scene_names() const;

    void handle_pointer(const PointerEvent& event);
    // Takes the event: the case moves the personal data it carries out of it.
    void handle_event(services::AppEvent event);
    // Checks inactivity and the out-of-service state; returns true when the screen must be redrawn.
    bool tick();
    void draw(Painter& painter);

    SceneId current_id() const { return m_stack.back().id; }
    const char* current_name() const;
    Scene& current() { return *m_scene; }
    bool inactivity_warning_shown() const { return m_inactivity.warning_shown(); }
    const Dialog& staff_dialog() const { return m_staff_dialog; }
    // "Interrupt now" chosen: why (kForceReasons, one button each) or cancel.
    const ChoiceDialog& force_reasons() const { return m_force_reasons; }
    // Opens the reason chooser over the screen (the staff dialog's "interrupt now"; screenshots).
    void choose_force_reason();
    // The warning shown says the citizen's card was taken off the reader ("put it back").
    bool card_warning_shown() const { return m_inactivity.card_warning_shown(); }
    // The translation key of the notice on screen ("card.unreadable"), empty when none.
    std::string_view notice_key() const { return m_notice.visible() ? m_notice_key : std::string_view{}; }
    const Notice& notice() const { return m_notice; }
    Rect language_toggle_bounds() { return m_chrome.language_toggle().bounds(); }
    bool card_on_reader() const { return m_card_on_reader; }
    // Nobody is at the kiosk as far as the screens can tell: the first scene (or out of service) alone
    // on the stack, no notice or dialog over it, no card on the reader, no staff signed in, and no touch
    // for `quiet`. The kiosk reloads newly installed content only then (kiosk/App.cpp).
    bool at_rest(std::chrono::milliseconds quiet) const;
    bool wants_redraw() const { return m_dirty || m_root.animating(); }
    void mark_drawn() { m_dirty = false; }
    void mark_dirty() { m_dirty = true; }
    // Observer of scene changes ("scene home"); the e2e test reads it from stdout. No personal data.
    void set_trace(std::function<void(std::string_view)> trace) { m_trace = std::move(trace); }
    void set_out_of_service(std::string reason); // empty: back in service
    Rect content_rect() const;

private:
    struct StackEntry {
        SceneId id;
        SceneArgument argument;
    };
    const SceneEntry* find(SceneId id) const;
    void enter(StackEntry entry);
    void relayout();
    void note_activity();
    void start_over_at_home();
    void show_notice(std::string key, Notice::Tone tone);
    void handle_card_read_failed(const Error& error);
    void handle_card_removed();
    void handle_print_result(const services::AppEvent& event);
    bool handle_staff_event(services::AppEvent& event);
    void tick_staff();

    SceneContext& m_ctx;
    std::span<const SceneEntry> m_flow;
    Rect m_screen;
    std::vector<StackEntry> m_stack;
    std::unique_ptr<Scene> m_scene;
    Container m_root; // scene + chrome + notice + inactivity dialog, topmost last
    Chrome m_chrome;
    Notice m_notice; // over every scene, under the inactivity dialog
    std::string m_notice_key;
    SteadyTime m_notice_until{};
    InactivityGuard m_inactivity;
    // Staff signed in by badge while a citizen is mid-visit: wait for the visit's end, or (hall IT and
    // up) interrupt it now.
    Dialog m_staff_dialog;
    ChoiceDialog m_force_reasons; // the reason a forced maintenance is audited with, or cancel
    int m_last_minute = -1;
    std::optional<SteadyTime> m_last_touch; // for at_rest(); none before the first touch
    bool m_dirty = true;
    bool m_card_on_reader = false;    // placed (read or not) and not yet reported removed
    bool m_forget_drawn_text = false; // a session ended: its rendered text leaves the painter's cache
    std::function<void(std::string_view)> m_trace;
};

} // namespace kiosk::ui
