#pragma once
// A StaffDesk in memory for the staff screens' scene tests: what it answers is set by the test, every
// action is checked against the signed-in role as the kiosk's desk does and recorded ("replace
// receipt-paper 0", "refused test-devices"), so a test can say what a tap did — or that it did nothing.
// The kiosk's own desk (over the real services) is tested in its own tests and end to end.

#include "ui/scenes/staff/StaffDesk.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace kiosk::ui::test {

class MemoryStaffDesk final : public StaffDesk {
public:
    std::optional<domain::StaffMember> member;
    std::chrono::seconds locked_for{0};
    std::vector<std::pair<std::string, std::string>> pins_checked; // (staff id, pin) as typed
    std::vector<std::string> actions;                              // what was done, and what refused
    std::vector<ConsumableView> consumable_views;
    ServiceView service_view;
    OutboxView outbox_view;
    bool outbox_answered = true; // false: the worker has not answered yet, outbox() is nothing (loading)
    int outbox_asks = 0;
    std::vector<PrintView> prints;
    AboutView about_view;
    // The config slots: what config_slots() answers once answered (engineers only, as the kiosk's desk);
    // a rollback is recorded and answers `rollback_answer` (the test posts the outcome's event itself).
    ConfigSlotsView config_view;
    bool config_answered = true;
    int config_asks = 0;
    DeviceHistory device_history;
    std::vector<std::string> badges; // badge texts shown to the scanner
    std::string waiting;             // what waiting_message() answers
    int sessions_ended = 0;
    int ticks = 0;
    int left = 0;
    int activity = 0;
    // The staff timeout, as the kiosk's desk runs it: with a clock and a timeout set, a member left
    // without a touch for `timeout` is signed out at the next tick ("timeout" in actions).
    const Clock* clock = nullptr;
    std::chrono::milliseconds timeout{0};
    SteadyTime last_activity{};
    // The scan test's page: what test_scan() answers; discard_test_scan deletes its file and forgets it.
    std::optional<TestScanView> scan_page;
    int scans_discarded = 0;

    std::optional<domain::StaffMember> staff() const override { return member; }
    void check_pin(std::string staff_id, std::string pin) override {
        pins_checked.emplace_back(std::move(staff_id), std::move(pin));
    }
    std::chrono::seconds pin_locked_for() const override { return locked_for; }
    void leave() override {
        ++left;
        actions.push_back("leave");
    }
    void note_activity() override {
        ++activity;
        if (clock)
            last_activity = clock->now();
    }
    std::optional<Idle> idle_left() const override {
        if (!member || !clock || timeout.count() <= 0)
            return std::nullopt;
        auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(timeout - (clock->now() - last_activity));
        return Idle{std::max(left, std::chrono::milliseconds(0)), timeout};
    }
    void sign_in_with_badge(std::string text) override { badges.push_back(std::move(text)); }
    bool maintenance_active() const override { return member.has_value(); }
    void session_ended() override { ++sessions_ended; }
    std::string waiting_message(Language) const override { return waiting; }
    void tick() override {
        ++ticks;
        if (auto idle = idle_left(); idle && idle->left.count() == 0) {
            member.reset();
            actions.push_back("timeout");
        }
    }
    Result<void> force_maintenance(const std::string& reason) override {
        return act(domain::StaffAction::ForceMaintenance, "force " + reason);
    }

    DeviceHistory history(domain::DeviceKind) const override { return device_history; }
    std::vector<ConsumableView> consumables() const override { return consumable_views; }
    ServiceView service() const override { return service_view; }
    std::optional<OutboxView> outbox() const override {
        return outbox_answered ? std::optional<OutboxView>(outbox_view) : std::nullopt;
    }
    void ask_outbox() override { ++outbox_asks; }
    std::vector<PrintView> recent_prints(int limit) const override {
        auto shown = prints;
        if (limit >= 0 && static_cast<int>(shown.size()) > limit)
            shown.resize(static_cast<size_t>(limit));
        return shown;
    }
    AboutView about() const override { return about_view; }
    std::optional<ConfigSlotsView> config_slots() const override {
        if (!config_answered || !may(domain::StaffAction::ChangeSettings))
            return std::nullopt;
        return config_view;
    }
    void ask_config_slots() override {
        if (may(domain::StaffAction::ChangeSettings))
            ++config_asks;
    }

    Result<void> start_test(DeviceTest test) override {
        auto action = test == DeviceTest::ReceiptPage || test == DeviceTest::A4Page
                          ? domain::StaffAction::TestPrint
                          : domain::StaffAction::TestDevices;
        return act(action, std::string("test ") + to_string(test));
    }
    void record_test(DeviceTest test, std::string_view outcome) override {
        actions.push_back(std::string("result ") + to_string(test) + " " + std::string(outcome));
    }
    std::optional<TestScanView> test_scan() const override { return scan_page; }
    void discard_test_scan() override {
        if (!scan_page)
            return;
        ++scans_discarded;
        std::error_code ignored;
        std::filesystem::remove(scan_page->file, ignored);
        scan_page.reset();
    }
    Result<void> replace_consumable(const std::string& id, std::int64_t loaded) override {
        return act(domain::StaffAction::ReplaceConsumable, "replace " + id + " " + std::to_string(loaded));
    }
    // A state change done shows in what service() answers next, as the kiosk's desk does.
    Result<void> set_out_of_service(const std::string& reason, const LocalizedText& notice) override {
        auto done = act(domain::StaffAction::SetServiceState, "out " + reason);
        if (done.ok()) {
            service_view.in_service = false;
            service_view.reason = reason;
            service_view.notice = notice;
        }
        return done;
    }
    Result<void> set_in_service() override {
        auto done = act(domain::StaffAction::SetServiceState, "in");
        if (done.ok()) {
            service_view.in_service = true;
            service_view.reason.clear();
            service_view.notice = {};
        }
        return done;
    }
    Result<void> send_outbox_now() override { return act(domain::StaffAction::OutboxActions, "send"); }
    Result<void> retry_refused(const std::string& id) override {
        return act(domain::StaffAction::OutboxActions, "retry " + id);
    }
    Result<void> discard_refused(const std::string& id) override {
        return act(domain::StaffAction::OutboxActions, "discard " + id);
    }
    Result<void> authorise_reprint(std::int64_t ledger_id) override {
        return act(domain::StaffAction::AuthoriseReprint, "reprint " + std::to_string(ledger_id));
    }
    Result<void> restart_app() override { return act(domain::StaffAction::RestartApp, "restart"); }
    Result<void> roll_back_config() override { return act(domain::StaffAction::ChangeSettings, "rollback"); }

private:
    Result<void> act(domain::StaffAction action, std::string what) {
        if (!may(action)) {
            actions.push_back(std::string("refused ") + domain::to_string(action));
            return make_error(ErrorCode::Denied, std::string("not allowed: ") + domain::to_string(action));
        }
        actions.push_back(std::move(what));
        return {};
    }
};

} // namespace kiosk::ui::test
