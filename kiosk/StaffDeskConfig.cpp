// The staff desk's config tab (StaffDeskImpl.h): the config slots read and rolled back on the store
// worker, the only thread that touches ConfigSlots (it is not thread-safe), answered to the UI thread
// as StaffConfigSlotsAnswered. Engineers only (StaffAction::ChangeSettings): other roles are asked
// nothing and shown nothing. A rollback is audited as kiosk-devctl's is (bundle-rolled-back, the staff
// id and role, via=kiosk); the kiosk is not reloaded here — it serves the new slot after maintenance.

#include "kiosk/StaffDeskImpl.h"

#include "core/base/Log.h"
#include "core/store/UtcTimestamp.h"
#include "services/slots/SlotFiles.h"

#include <algorithm>

namespace kiosk::app {

using domain::StaffAction;

namespace {

constexpr std::uint64_t kMaxStateBytes = 1 << 20; // a screenshot's state.json, at most

ui::ConfigSlotsView::Slot slot_view(const slots::SlotRecord& record) {
    return {slots::to_string(record.status),
            record.bundle_id,
            record.version,
            store::parse_utc_timestamp(record.installed_at),
            record.status == slots::SlotStatus::Empty ? "" : slots::to_string(record.last_result),
            record.reason};
}

} // namespace

void StaffDeskImpl::post_config(const std::string& action) {
    unsigned request = ++m_config_asked;
    if (action == "rollback")
        m_rollbacks[request] = who() + " via=kiosk";
    if (m_screenshot_slots) {
        m_parts.queue.post(
            services::StaffConfigSlotsAnswered{request, action, std::nullopt, true, m_screenshot_slots, {}});
        return;
    }
    if (!m_parts.config_slots || !m_parts.store_worker) { // nothing to ask: answered at once, the same road
        m_parts.queue.post(services::StaffConfigSlotsAnswered{request, action, std::nullopt, false, {}, {}});
        return;
    }
    std::string reason = "staff: ";
    reason += m_staff ? m_staff->id : std::string("?");
    m_parts.store_worker->post(
        [slots = m_parts.config_slots, &queue = m_parts.queue, request, action, reason] {
            services::StaffConfigSlotsAnswered answer{request, action, std::nullopt, true, {}, {}};
            if (action == "rollback") {
                auto now_current = slots->rollback(reason); // the state after it, on disk and in memory
                if (now_current.ok())
                    answer.now_current = slots::to_string(now_current.value());
                else
                    answer.error = now_current.error();
            } else if (auto fresh = slots->refresh(); !fresh.ok()) {
                answer.error = fresh.error();
            }
            answer.state = slots->state();
            queue.post(std::move(answer));
        });
}

void StaffDeskImpl::ask_config_slots() {
    if (!m_staff || !domain::allows(m_staff->role, StaffAction::ChangeSettings))
        return; // the slots are the engineer's to see
    post_config("read");
}

Result<void> StaffDeskImpl::roll_back_config() {
    TRY(allow(StaffAction::ChangeSettings));
    if (!m_parts.config_slots && !m_screenshot_slots)
        return make_error(ErrorCode::Unsupported, "this kiosk has no config slots (factory content)");
    // Audited with its outcome when the store worker answers.
    post_config("rollback");
    return {};
}

void StaffDeskImpl::config_answered(const services::StaffConfigSlotsAnswered& answer) {
    m_config_answered = std::max(m_config_answered, answer.request);
    if (auto pending = m_rollbacks.find(answer.request); pending != m_rollbacks.end()) {
        if (answer.error) {
            audit("bundle-rollback-failed", pending->second + " outcome=" + to_string(answer.error->code));
            log::warn("staff desk: config rollback: {}", answer.error->describe());
        } else {
            audit("bundle-rolled-back", pending->second + " now=" + answer.now_current);
        }
        m_rollbacks.erase(pending);
    } else if (answer.error) {
        log::warn("staff desk: config slots: {}", answer.error->describe());
    }
    m_config = answer;
}

std::optional<ui::ConfigSlotsView> StaffDeskImpl::config_slots() const {
    if (!m_config || !m_staff || !domain::allows(m_staff->role, StaffAction::ChangeSettings))
        return std::nullopt;
    ui::ConfigSlotsView view;
    view.in_use = m_config->in_use;
    if (m_config->error && m_config->action == "read")
        view.error = m_config->error->message;
    if (!m_config->in_use || !m_config->state)
        return view;
    const auto& state = *m_config->state;
    view.current = slots::to_string(state.current);
    view.a = slot_view(state.a);
    view.b = slot_view(state.b);
    for (auto entry = state.history.rbegin();
         entry != state.history.rend() && view.history.size() < ui::kConfigHistoryShown; ++entry)
        view.history.push_back({store::parse_utc_timestamp(entry->at), slots::to_string(entry->outcome),
                                slots::to_string(entry->slot), entry->bundle_id, entry->version,
                                entry->reason});
    return view;
}

Result<void> StaffDeskImpl::show_config_slots_for_screenshot(const std::string& state_json) {
    auto text = TRY(slots::read_small_file(state_json, kMaxStateBytes));
    m_screenshot_slots = TRY(slots::state_from_json(text));
    return {};
}

} // namespace kiosk::app
