// A config bundle applied (docs/ConfigBundles.md §9 and §11): the health check of a slot on trial once
// the kiosk serves from it, and the reload between citizens when another process — kiosk-devctl, the
// staff desk, this kiosk's own failed health check — switched the `current` slot while it ran.
//
// The reload starts the program again in the same process (exec of /proc/self/exe with the same
// arguments, after App is torn down in order): the new content is loaded by the one start-up path there
// is, checked by the same health check, and the service manager sees no exit. It happens only between
// citizens (between_citizens), so a citizen mid-application finishes on the content they began with.

#include "kiosk/AppImpl.h"
#include "kiosk/content/OfferedMatters.h"

#include <fmt/format.h>

namespace kiosk::app {
namespace {

// How long a slot on trial has for its devices to report after the first frame. Every driver reports
// at start (ready, absent or a fault all count); a driver that never does hangs on what the last process
// left, and the content it came with is rolled back.
constexpr std::chrono::seconds kHealthDeadline{20};
// How often the main loop looks at `current` (two system calls), and how long the screen must have
// been untouched before the kiosk reloads (a citizen walking up is not interrupted).
constexpr std::chrono::seconds kContentLookInterval{1};
constexpr std::chrono::seconds kQuietBeforeReload{3};

constexpr std::array kHeardKinds{domain::DeviceKind::IdCardReader, domain::DeviceKind::Scanner,
                                 domain::DeviceKind::QrScanner, domain::DeviceKind::ReceiptPrinter,
                                 domain::DeviceKind::A4Printer};

} // namespace

void App::Impl::note_device_heard(const services::AppEvent& event) {
    if (const auto* changed = std::get_if<services::DeviceStatusChanged>(&event))
        health.heard.at(static_cast<size_t>(changed->status.kind)) = true;
}

void App::Impl::start_content_health() {
    health.pending = config_slots && content_on_trial;
    health.since = clock->now();
    content_on_trial = false;
}

// Passed: the catalog offers something, nothing of the content put the kiosk out of service, every
// device reported since the start, and the matters offered before are still offered or deliberately
// removed. Passed, the slot is confirmed (trial → good); failed, rolled back —
// `current` changes and the watch below reloads the kiosk on the slot before it at the next idle
// moment. A kiosk that crashes before this point comes back the same way once its trial starts are
// used up (services/slots/ConfigSlots.h begin_start).
void App::Impl::check_content_health() {
    if (!health.pending)
        return;
    std::string failed;
    if (catalog.matters().empty()) {
        failed = "the catalog offers no matter";
    } else if (out_of_service_reason == "config" || out_of_service_reason == "templates") {
        failed = "out of service: " + out_of_service_reason;
    } else {
        std::vector<std::string> silent;
        for (auto kind : kHeardKinds)
            if (!health.heard.at(static_cast<size_t>(kind)))
                silent.emplace_back(domain::to_string(kind));
        if (!silent.empty()) {
            if (clock->now() - health.since < kHealthDeadline)
                return; // not yet
            failed = fmt::format("devices did not reopen within {} s: {}", kHealthDeadline.count(),
                                 fmt::join(silent, ", "));
        }
    }
    health.pending = false;
    // On the worker, which owns the slots: what the slot switched from offered must still be offered
    // or named in content.json's removed_matters (kiosk/content/OfferedMatters.h); a confirmed slot
    // remembers what it offers, for the next one.
    store_worker.post([this, failed, offered = content::offered_matters(catalog),
                       removed = content_removed_matters]() mutable {
        if (failed.empty())
            failed = content::missing_matters_reason(
                content::missing_matters(slots::offered_before(config_slots->state()), offered, removed));
        Result<void> done = failed.empty() ? config_slots->confirm_good(offered) : Result<void>();
        if (!failed.empty())
            if (auto rolled = config_slots->rollback(failed); !rolled.ok())
                done = rolled.error();
        if (!done.ok())
            log::error("config slots: {}", done.error().describe());
        else if (failed.empty())
            log::info("config slot {} confirmed", slots::to_string(content_slot));
        else
            log::error("config slot {} failed its health check ({}): rolled back",
                       slots::to_string(content_slot), failed);
    });
}

bool App::Impl::between_citizens() const {
    if (citizen && citizen->active())
        return false;
    if (service_mode &&
        (service_mode->session_under_way() || service_mode->maintenance() != services::Maintenance::Inactive))
        return false;
    if (printing && printing->pending() > 0)
        return false; // a receipt on its way is booked in the ledger when it comes out
    return scenes && scenes->at_rest(kQuietBeforeReload);
}

bool App::Impl::content_reload_due() {
    if (content_stamp.empty())
        return false;
    auto now = clock->now();
    if (!content_changed) {
        if (now < next_content_look)
            return false;
        next_content_look = now + kContentLookInterval;
        auto stamp = slots::current_stamp(options.paths.config_slots);
        if (stamp == content_stamp)
            return false;
        content_changed = true;
        log::info(
            "content reload: the installed content changed ({} → {}); reloading at the next idle moment",
            content_stamp, stamp);
    }
    if (!between_citizens())
        return false;
    log::info("content reload: nobody at the kiosk, starting again on the new content");
    reload_requested = true;
    return true;
}

} // namespace kiosk::app
