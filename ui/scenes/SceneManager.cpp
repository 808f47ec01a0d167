#include "ui/scenes/SceneManager.h"

#include "core/base/Log.h"
#include "core/domain/QrPayload.h"
#include "ui/scenes/Format.h"
#include "ui/scenes/staff/StaffDesk.h"

namespace kiosk::ui {

SceneManager::SceneManager(SceneContext& context, std::span<const SceneEntry> flow, Rect screen)
    : m_ctx(context), m_flow(flow), m_screen(screen),
      m_chrome(context.theme, context.tr, context.clock, context.options.hall),
      m_inactivity(context.clock, context.options.session, context.tr) {
    m_ctx.nav = this;
    m_chrome.language_toggle().on_click(
        [this] { set_language(m_ctx.tr.language() == Language::ZhCN ? Language::En : Language::ZhCN); });
    m_chrome.back().on_click([this] { back(); });
    m_chrome.home().on_click([this] {
        bool active = m_ctx.citizen.active();
        m_stack.resize(active ? 1 : 0); // home sits on the first scene; the first scene on nothing
        if (active)
            go<SceneId::Home>();
        else
            enter({m_flow.front().id, Farewell::None});
    });
    m_inactivity.on_finish([this] { end_session(services::SessionEndReason::Cancelled); });
    m_staff_dialog.set_visible(false);
    m_staff_dialog.primary().on_click([this] {
        m_staff_dialog.set_visible(false); // the visit goes on; maintenance begins at its end
        m_dirty = true;
    });
    m_staff_dialog.secondary().on_click([this] {
        m_staff_dialog.set_visible(false);
        choose_force_reason();
    });
    m_force_reasons.set_visible(false);
    m_force_reasons.on_cancel([this] { m_dirty = true; }); // the visit goes on; maintenance stays queued
    m_force_reasons.on_choose([this](size_t index) {
        m_dirty = true;
        if (!m_ctx.staff || index >= kForceReasons.size())
            return;
        // The stable word, never the translated text: the audit row reads the same in any language.
        auto forced = m_ctx.staff->force_maintenance(kForceReasons[index].word);
        if (!forced.ok()) {
            show_notice("staff.force_refused", Notice::Tone::Error);
            return;
        }
        end_session(services::SessionEndReason::Cancelled); // wiped as at any end; the staff screens open
    });
}

void SceneManager::choose_force_reason() {
    m_force_reasons.set_visible(true);
    m_dirty = true;
}

SceneManager::~SceneManager() {
    if (m_scene)
        m_scene->on_exit();
    m_ctx.nav = nullptr;
}

const SceneEntry* SceneManager::find(SceneId id) const {
    for (const auto& entry : m_flow) {
        if (entry.id == id)
            return &entry;
    }
    return nullptr;
}

const char* SceneManager::current_name() const {
    const SceneEntry* entry = find(current_id());
    return entry ? entry->name : "?";
}

Rect SceneManager::content_rect() const {
    return m_chrome.content(m_screen, m_scene && m_scene->in_session());
}

void SceneManager::start() {
    m_stack.clear();
    // A kiosk that starts out of service (a catalog, its templates or a key file at fault) says so from
    // its first frame; set_out_of_service() with the same reason would change nothing.
    if (!m_ctx.out_of_service_reason.empty())
        return enter({SceneId::OutOfService, NoArgument{}});
    enter({m_flow.front().id, Farewell::None});
}

Result<void> SceneManager::start_at(std::string_view scene_name, std::string_view argument) {
    for (const auto& entry : m_flow) {
        if (scene_name == entry.name) {
            auto parsed = TRY(parse_argument(entry.id, argument));
            m_stack.clear();
            if (entry.id != m_flow.front().id)
                m_stack.push_back({m_flow.front().id, Farewell::None});
            enter({entry.id, std::move(parsed)});
            return {};
        }
    }
    return make_error(ErrorCode::InvalidArgument, "no scene named '" + std::string(scene_name) + "'");
}

std::vector<std::string> SceneManager::scene_names() const {
    std::vector<std::string> names;
    for (const auto& entry : m_flow)
        names.emplace_back(entry.name);
    return names;
}

void SceneManager::enter(StackEntry entry) {
    const SceneEntry* scene_entry = find(entry.id);
    if (!scene_entry) {
        log::error("flow has no scene {}", static_cast<int>(entry.id));
        return;
    }
    if (!takes(entry.id, entry.argument)) {
        // Only go_to with a SceneId chosen at run time can get here; the typed go<id>() cannot.
        log::error("scene {} does not take the argument it was given", scene_entry->name);
        return;
    }
    if (m_scene)
        m_scene->on_exit();
    if (entry.id == SceneId::OutOfService)
        m_notice.dismiss(); // nothing there is the citizen's to act on
    m_stack.push_back(entry);
    m_scene = scene_entry->create(m_ctx);
    m_scene->enter(entry.argument);
    relayout();
    note_activity();
    if (m_trace)
        m_trace(std::string("scene ") + scene_entry->name);
}

void SceneManager::relayout() {
    const Theme& theme = m_ctx.theme;
    m_scene->layout(content_rect());
    // Containers route a touch only inside their bounds: the scene owns the content area, the chrome
    // (header toggle, back/home bar) the whole screen around it.
    m_scene->root().set_bounds(content_rect());
    m_root.set_bounds(m_screen);
    m_root.clear();
    m_root.add(m_scene->root());
    m_root.add(m_chrome.root());
    m_root.add(m_notice);
    m_root.add(m_staff_dialog);
    m_root.add(m_force_reasons);
    m_root.add(m_inactivity.dialog());

    bool narrow = m_screen.w < m_screen.h;
    m_chrome.layout(m_screen, {.visit_bar = m_scene->in_session(),
                               .can_go_back = m_stack.size() > 1,
                               .language = current_id() != SceneId::OutOfService,
                               .clock = !narrow || current_id() == SceneId::Attract});
    // The notice hangs from the header over the hall name and clock — chrome the citizen can spare for
    // a few seconds, where it hides no part of the scene — never over the language toggle or the
    // back/home bar.
    Rect header = m_chrome.header(m_screen);
    int notice_x = header.x + theme.px(32), notice_y = header.y + theme.px(12);
    m_notice.set_bounds({notice_x, notice_y, m_chrome.language_toggle().bounds().x - theme.px(24) - notice_x,
                         content_rect().bottom() - theme.px(12) - notice_y});
    if (!m_notice_key.empty())
        m_notice.set_text(m_ctx.tr.tr(m_notice_key));
    m_inactivity.layout(m_screen);
    m_staff_dialog.set_bounds(m_screen);
    m_staff_dialog.set_title(m_ctx.tr.tr("staff.pending.title"));
    m_staff_dialog.set_message(m_ctx.tr.tr("staff.pending.message"));
    m_staff_dialog.primary().set_text(m_ctx.tr.tr("staff.pending.wait"));
    m_staff_dialog.secondary().set_text(m_ctx.tr.tr("staff.pending.interrupt"));
    m_force_reasons.set_bounds(m_screen);
    m_force_reasons.set_title(m_ctx.tr.tr("staff.force.title"));
    m_force_reasons.set_message(m_ctx.tr.tr("staff.force.message"));
    std::vector<std::string> reasons;
    reasons.reserve(kForceReasons.size());
    for (const auto& reason : kForceReasons)
        reasons.push_back(m_ctx.tr.tr(reason.key));
    m_force_reasons.set_choices(reasons);
    m_force_reasons.set_cancel_text(m_ctx.tr.tr("staff.force.cancel"));
    m_dirty = true;
}

void SceneManager::go_to(SceneId id, SceneArgument argument) {
    enter({id, std::move(argument)});
}

void SceneManager::back() {
    if (m_stack.size() < 2)
        return;
    m_stack.pop_back();
    // The first scene never times out: a session backed out onto it must end there, or the identity
    // would wait in memory for whoever touches "start" next.
    if (m_stack.back().id == m_flow.front().id && m_ctx.citizen.active())
        return end_session(services::SessionEndReason::Cancelled);
    StackEntry previous = m_stack.back();
    m_stack.pop_back();
    enter(previous);
}

void SceneManager::end_session(services::SessionEndReason reason) {
    m_ctx.citizen.end(reason);
    if (m_ctx.staff)
        m_ctx.staff->session_ended(); // a pending maintenance begins now
    m_ctx.tr.set_language(m_ctx.citizen.language());
    m_inactivity.card_back(); // nothing of this session is left to guard
    m_inactivity.dismiss();
    m_notice.dismiss(); // what it said was about this session
    m_staff_dialog.set_visible(false);
    m_force_reasons.set_visible(false);
    m_forget_drawn_text = true;
    m_stack.clear();
    if (m_ctx.staff && m_ctx.staff->maintenance_active())
        return enter({SceneId::Maintenance, StaffTab::Devices});
    if (!m_ctx.out_of_service_reason.empty())
        return enter({SceneId::OutOfService, NoArgument{}});
    // Citizens forget their cards at kiosks: while it lies there, the first scene asks for it.
    enter({m_flow.front().id, m_card_on_reader ? Farewell::TakeYourCard : Farewell::None});
}

// Another citizen's document mid-visit: the case wiped the old visit and holds the new citizen's.
// Nothing of the old one stays on screen: the stack starts again, at the new citizen's greeting.
void SceneManager::start_over_at_home() {
    m_ctx.tr.set_language(m_ctx.citizen.language());
    m_inactivity.card_back(); // the new citizen's card lies on the reader
    m_inactivity.dismiss();
    m_notice.dismiss();
    m_forget_drawn_text = true;
    if (m_scene)
        m_scene->on_exit();
    m_scene.reset();
    m_stack.clear();
    m_stack.push_back({m_flow.front().id, Farewell::None});
    enter({SceneId::Home, NoArgument{}});
}

void SceneManager::set_language(Language language) {
    m_ctx.tr.set_language(language);
    m_ctx.citizen.set_language(language);
    relayout();
}

void SceneManager::set_out_of_service(std::string reason) {
    if (reason == m_ctx.out_of_service_reason)
        return;
    m_ctx.out_of_service_reason = std::move(reason);
    // Never pull the screen from under a citizen mid-session; switch at the next session boundary.
    if (!m_ctx.out_of_service_reason.empty() && m_ctx.citizen.active())
        return;
    // Back in service before that session ended: the switch never happened, so nothing to undo.
    if (m_ctx.out_of_service_reason.empty() && !m_stack.empty() && current_id() != SceneId::OutOfService)
        return;
    m_stack.clear();
    if (m_ctx.out_of_service_reason.empty())
        enter({m_flow.front().id, Farewell::None});
    else
        enter({SceneId::OutOfService, NoArgument{}});
}

void SceneManager::note_activity() {
    m_inactivity.note_activity();
    m_last_touch = m_ctx.clock.now();
}

bool SceneManager::at_rest(std::chrono::milliseconds quiet) const {
    bool first = m_stack.size() == 1 &&
                 (m_stack.back().id == m_flow.front().id || m_stack.back().id == SceneId::OutOfService);
    bool staff = m_ctx.staff && m_ctx.staff->staff();
    return first && !m_ctx.citizen.active() && !staff && !m_card_on_reader && !m_notice.visible() &&
           !m_staff_dialog.visible() && !m_force_reasons.visible() && !m_inactivity.warning_shown() &&
           (!m_last_touch || m_ctx.clock.now() - *m_last_touch >= quiet);
}

void SceneManager::handle_pointer(const PointerEvent& event) {
    note_activity();
    if (m_ctx.staff && m_ctx.staff->staff())
        m_ctx.staff->note_activity(); // the staff session's own timeout is the desk's
    if (!m_inactivity.let_through(event))
        return;
    m_root.on_pointer(event);
    m_inactivity.after_pointer(event);
    m_dirty = true;
}

void SceneManager::handle_event(services::AppEvent event) {
    if (auto* status = std::get_if<services::DeviceStatusChanged>(&event))
        m_ctx.devices.note(status->status);
    if (std::holds_alternative<services::StoreUnavailable>(event)) {
        // Accepting an application the kiosk cannot keep would lose it: stop serving, tell staff.
        set_out_of_service("storage");
        return;
    }
    if (auto* card = std::get_if<services::CardRead>(&event)) {
        m_card_on_reader = true;
        if (current_id() == SceneId::OutOfService) {
            card->identity.wipe(); // nobody is served here: the card is not read into a case
            return;
        }
    }
    // A card never enters maintenance: on the staff screens it is a device test (the tests tab shows
    // it masked), then wiped; it is not read into a citizen's case, and a bad one leads nowhere.
    if ((current_id() == SceneId::StaffSignIn || current_id() == SceneId::Maintenance) &&
        (std::holds_alternative<services::CardRead>(event) ||
         std::holds_alternative<services::CardReadFailed>(event))) {
        m_card_on_reader = true;
        if (m_scene->on_event(event))
            m_dirty = true;
        if (auto* card = std::get_if<services::CardRead>(&event))
            card->identity.wipe();
        return;
    }
    if (handle_staff_event(event))
        return;
    bool offered = m_ctx.citizen.resume_offered();
    auto identified = m_ctx.citizen.on_event(event);
    if (identified == services::IdentifyOutcome::Replaced)
        return start_over_at_home();
    // A visit restored from the draft a restart left: home asks whether to continue it.
    if (!offered && m_ctx.citizen.resume_offered() && current_id() != SceneId::OutOfService) {
        note_activity();
        m_inactivity.dismiss();
        if (current_id() != SceneId::Home)
            return go<SceneId::Home>();
        m_scene->on_event(event);
        return relayout(); // the offer shows
    }
    if (std::holds_alternative<services::CardRead>(event)) {
        note_activity();
        m_inactivity.card_back(); // the same card (another one was Replaced above): the visit goes on
        m_inactivity.dismiss();
        SceneId here = current_id();
        if (here == SceneId::Attract || here == SceneId::Language || here == SceneId::Identify) {
            go<SceneId::Home>();
            return;
        }
    }
    if (auto* failed = std::get_if<services::CardReadFailed>(&event))
        handle_card_read_failed(failed->error);
    if (std::holds_alternative<services::CardRemoved>(event))
        handle_card_removed();
    handle_print_result(event);
    if (m_scene->on_event(event))
        m_dirty = true;
    if (std::holds_alternative<services::DeviceStatusChanged>(event))
        m_dirty = true;
}

// Staff at the kiosk (docs/Maintenance.md): a badge shown to the QR scanner on any screen signs its
// holder in (never a citizen's flow); a sign-in that did not come from the pad either opens the staff
// screens at once or, with a citizen mid-visit, waits for the visit's end (maintenance pending); QR
// codes on the staff screens are tests. Answers whether the event was taken.
bool SceneManager::handle_staff_event(services::AppEvent& event) {
    bool on_staff_screen = current_id() == SceneId::StaffSignIn || current_id() == SceneId::Maintenance;
    if (auto* scanned = std::get_if<services::QrScanned>(&event)) {
        if (m_ctx.staff && domain::looks_like_staff_badge(scanned->text)) {
            m_ctx.staff->sign_in_with_badge(std::move(scanned->text));
            return true;
        }
        if (on_staff_screen) {
            if (m_scene->on_event(event))
                m_dirty = true;
            return true;
        }
        return false;
    }
    const auto* answer = std::get_if<services::StaffSignInAnswered>(&event);
    if (!answer)
        return false;
    if (current_id() == SceneId::StaffSignIn) { // the pad says what happened
        if (m_scene->on_event(event))
            m_dirty = true;
        return true;
    }
    if (!answer->staff) {
        show_notice("staff.badge_refused", Notice::Tone::Error);
        return true;
    }
    if (m_ctx.staff && m_ctx.staff->maintenance_active()) {
        m_inactivity.dismiss();
        m_stack.clear();
        enter({SceneId::Maintenance, StaffTab::Devices});
    } else if (domain::allows(answer->staff->role, domain::StaffAction::ForceMaintenance)) {
        m_staff_dialog.set_visible(true); // wait for the visit's end, or interrupt it
        m_dirty = true;
    } else {
        show_notice("staff.maintenance_pending", Notice::Tone::Info);
    }
    return true;
}

// The end of a print is told wherever the citizen is by then: take the paper, or why it did not come.
void SceneManager::handle_print_result(const services::AppEvent& event) {
    if (!m_ctx.printing)
        return;
    auto ticket = m_ctx.printing->note(event); // the ledger first, whatever shows
    if (!ticket || current_id() == SceneId::OutOfService)
        return;
    if (std::holds_alternative<services::PrintCompleted>(event))
        return show_notice("print.done", Notice::Tone::Info);
    // The printer's reason keyword, never the text of its error (that is for staff, and may change).
    // A print that may have come out is not called failed: staff check (docs/specs/hub-contract.md §6.1).
    const auto& failed = std::get<services::PrintFailed>(event);
    if (failed.uncertain)
        return show_notice("print.unknown", Notice::Tone::Error);
    const auto& reason = failed.reason;
    show_notice(reason == "media-jam"     ? "print.failed_jam"
                : reason == "media-empty" ? "print.failed_paper"
                                          : "print.failed",
                Notice::Tone::Error);
}

void SceneManager::show_notice(std::string key, Notice::Tone tone) {
    m_notice.show(m_ctx.tr.tr(key), tone);
    m_notice_key = std::move(key);
    m_notice_until = m_ctx.clock.now() + kNoticeDuration;
    m_dirty = true;
}

void SceneManager::handle_card_read_failed(const Error& error) {
    m_card_on_reader = true; // unreadable or not, it lies there
    if (current_id() == SceneId::OutOfService)
        return;
    // The error's text is for engineers (the driver logs it); the citizen gets one calm sentence.
    log::info("card read failed ({})", to_string(error.code));
    note_activity();
    m_inactivity.dismiss();
    // InvalidData: the card answered but its contents failed the checks — reading it again gives
    // the same bytes (the driver reads once per placement). That stops the citizen's way: a screen of
    // its own says so and offers another (ProblemScene). Anything else is worth another try.
    if (error.code != ErrorCode::InvalidData)
        return show_notice("card.unreadable", Notice::Tone::Warning);
    m_notice.dismiss();
    if (current_id() != SceneId::Problem)
        go<SceneId::Problem>(Problem::CardInvalid);
}

void SceneManager::handle_card_removed() {
    m_card_on_reader = false;
    // The citizen took their card off mid-session. A citizen who walks away with it must not leave
    // the visit open to the next person, so it goes on only for card_removed_grace_s, then the
    // warning counts down ("put your card back"), then it ends (SessionEndReason::CardRemoved, wiped
    // as always). The same card back in time continues it (CardRead, not Replaced). Nothing pauses
    // the grace, not the scan screen either: the card the reader read needs no scanned copy
    // (CitizenCase::read_from_card), and the warning says what to do. A visit identified by a
    // passport page or a QR code has no card to take away.
    if (m_ctx.citizen.active() && m_ctx.citizen.identity_strength() == services::IdentityStrength::CardRead &&
        current_id() != SceneId::OutOfService) {
        note_activity();
        m_inactivity.card_removed();
        show_notice("card.removed", Notice::Tone::Warning);
    }
}

bool SceneManager::tick() {
    auto now = m_ctx.clock.now();
    auto minute = to_local_civil(m_ctx.clock.wall_now()).minute;
    if (minute != m_last_minute) {
        m_last_minute = minute;
        m_dirty = true;
    }
    if (m_notice.visible() && now >= m_notice_until) {
        m_notice.dismiss();
        m_dirty = true;
    }
    if (m_scene->on_tick())
        m_dirty = true;
    tick_staff();
    if (!m_scene->in_session())
        return m_dirty;
    switch (m_inactivity.tick()) {
    case InactivityGuard::Verdict::TimedOut:
        end_session(services::SessionEndReason::Timeout);
        return true;
    case InactivityGuard::Verdict::CardGone:
        end_session(services::SessionEndReason::CardRemoved);
        return true;
    case InactivityGuard::Verdict::Redraw:
        m_dirty = true;
        break;
    case InactivityGuard::Verdict::Quiet:
        break;
    }
    return m_dirty;
}

// The service mode's verdict, once a tick: staff who left or timed out are shown out; a kiosk that may
// not take a new citizen (maintenance, out of hours, staff's out of service, a failed self-test) says
// so on the out-of-service screen with the desk's sentence — never under a citizen mid-visit.
void SceneManager::tick_staff() {
    if (!m_ctx.staff)
        return;
    m_ctx.staff->tick();
    bool on_staff_screen = current_id() == SceneId::StaffSignIn || current_id() == SceneId::Maintenance;
    if (current_id() == SceneId::Maintenance && !m_ctx.staff->staff()) {
        m_stack.clear(); // left, or timed out: the kiosk is the citizens' again (or says why not)
        m_forget_drawn_text = true;
        enter({m_flow.front().id, Farewell::None});
        on_staff_screen = false;
    }
    if (on_staff_screen || m_ctx.citizen.active())
        return;
    bool waiting = !m_ctx.staff->waiting_message(m_ctx.tr.language()).empty();
    if (waiting && m_ctx.out_of_service_reason.empty())
        set_out_of_service("service");
    else if (!waiting && m_ctx.out_of_service_reason == kWaitingReason)
        set_out_of_service("");
    else if (waiting && current_id() != SceneId::OutOfService &&
             m_ctx.out_of_service_reason == kWaitingReason) {
        m_stack.clear();
        enter({SceneId::OutOfService, NoArgument{}});
    }
}

void SceneManager::draw(Painter& painter) {
    if (m_forget_drawn_text) {
        // Rendered lines of the ended session ("Hello, <name>") would otherwise wait in the cache.
        painter.drop_text_cache();
        m_forget_drawn_text = false;
    }
    painter.clear(m_ctx.theme.background);
    m_scene->draw(painter);
    m_chrome.draw(painter);
    if (m_notice.visible())
        m_notice.draw(painter);
    if (m_staff_dialog.visible())
        m_staff_dialog.draw(painter);
    if (m_force_reasons.visible())
        m_force_reasons.draw(painter);
    if (m_inactivity.warning_shown())
        m_inactivity.dialog().draw(painter);
}

} // namespace kiosk::ui
