#pragma once
// Collects what a Printer reports, and waits for conditions on it (never sleep-then-assert).

#include "drivers/printer/Printer.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

namespace kiosk::drivers::testing {

class PrinterRecorder {
public:
    using Events = std::vector<PrinterEvent>;

    Printer::Sink sink() {
        return [this](PrinterEvent event) {
            {
                std::lock_guard lock(m_mutex);
                m_events.push_back(std::move(event));
            }
            m_changed.notify_all();
        };
    }

    Events events() const {
        std::lock_guard lock(m_mutex);
        return m_events;
    }

    bool wait_until(const std::function<bool(const Events&)>& predicate,
                    std::chrono::milliseconds timeout = std::chrono::seconds(20)) const {
        // Woken by each event, and every 50 ms for predicates that read the printer itself.
        auto deadline = std::chrono::steady_clock::now() + timeout;
        std::unique_lock lock(m_mutex);
        while (!predicate(m_events)) {
            if (std::chrono::steady_clock::now() >= deadline)
                return false;
            m_changed.wait_for(lock, std::chrono::milliseconds(50));
        }
        return true;
    }

    // The last status reported, once one has this state (and reason, when given).
    std::optional<domain::DeviceStatus>
    wait_for_status(domain::DeviceState state, const std::string& reason = {},
                    std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
        std::optional<domain::DeviceStatus> found;
        wait_until(
            [&](const Events& events) {
                for (auto it = events.rbegin(); it != events.rend(); ++it) {
                    if (auto* status = std::get_if<domain::DeviceStatus>(&*it)) {
                        if (status->state == state && (reason.empty() || status->reason == reason))
                            found = *status;
                        return found.has_value();
                    }
                }
                return false;
            },
            timeout);
        return found;
    }

    // The end of job `job_id` (PrintFinished or PrintFailed), once it came.
    std::optional<PrinterEvent> wait_for_end(int job_id,
                                             std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
        std::optional<PrinterEvent> found;
        wait_until(
            [&](const Events& events) {
                for (const auto& event : events) {
                    auto* finished = std::get_if<PrintFinished>(&event);
                    auto* failed = std::get_if<PrintFailed>(&event);
                    if ((finished && finished->job_id == job_id) || (failed && failed->job_id == job_id))
                        found = event;
                }
                return found.has_value();
            },
            timeout);
        return found;
    }

    bool ended(int job_id) const {
        for (const auto& event : events()) {
            auto* finished = std::get_if<PrintFinished>(&event);
            auto* failed = std::get_if<PrintFailed>(&event);
            if ((finished && finished->job_id == job_id) || (failed && failed->job_id == job_id))
                return true;
        }
        return false;
    }

private:
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    Events m_events;
};

} // namespace kiosk::drivers::testing
