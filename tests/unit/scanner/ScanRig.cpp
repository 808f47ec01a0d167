#include "ScanRig.h"

#include <cstdlib>
#include <stdexcept>
#include <unistd.h>

namespace kiosk::testing {

const std::string& scan_rig() {
    static const std::string dir = [] {
        // One per test process: ctest -j runs several, and scan-rig rewrites the config it reads.
        std::string folder = std::string(SCAN_RIG_WORK_DIR) + "/" + std::to_string(getpid());
        std::string command = std::string(KIOSK_SOURCE_DIR) + "/scripts/scan-rig " + folder + " > /dev/null";
        if (std::system(command.c_str()) != 0)
            throw std::runtime_error("scripts/scan-rig failed");
        setenv("SANE_CONFIG_DIR", (folder + "/sane.d").c_str(), 1);
        return folder;
    }();
    return dir;
}

drivers::Scanner::Sink ScanRecorder::sink() {
    return [this](drivers::ScannerEvent event) {
        std::lock_guard lock(m_mutex);
        m_events.push_back(std::move(event));
        m_changed.notify_all();
    };
}

bool ScanRecorder::wait_for(const std::function<bool(const std::vector<drivers::ScannerEvent>&)>& done,
                            std::chrono::milliseconds deadline) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, deadline, [&] { return done(m_events); });
}

bool ScanRecorder::wait_for_end(std::chrono::milliseconds deadline) {
    return wait_for(
        [](const auto& events) {
            for (const auto& event : events)
                if (std::holds_alternative<drivers::ScanFinished>(event) ||
                    std::holds_alternative<drivers::ScanFailed>(event))
                    return true;
            return false;
        },
        deadline);
}

std::vector<drivers::ScannerEvent> ScanRecorder::events() const {
    std::lock_guard lock(m_mutex);
    return m_events;
}

std::vector<int> ScanRecorder::progress() const {
    std::lock_guard lock(m_mutex);
    std::vector<int> percents;
    for (const auto& event : m_events)
        if (auto* progress = std::get_if<drivers::ScanProgress>(&event))
            percents.push_back(progress->percent);
    return percents;
}

std::optional<drivers::ScanFinished> ScanRecorder::finished() const {
    std::lock_guard lock(m_mutex);
    for (const auto& event : m_events)
        if (auto* finished = std::get_if<drivers::ScanFinished>(&event))
            return *finished;
    return std::nullopt;
}

std::optional<drivers::ScanFailed> ScanRecorder::failed() const {
    std::lock_guard lock(m_mutex);
    for (const auto& event : m_events)
        if (auto* failed = std::get_if<drivers::ScanFailed>(&event))
            return *failed;
    return std::nullopt;
}

std::vector<domain::DeviceStatus> ScanRecorder::statuses() const {
    std::lock_guard lock(m_mutex);
    std::vector<domain::DeviceStatus> list;
    for (const auto& event : m_events)
        if (auto* status = std::get_if<domain::DeviceStatus>(&event))
            list.push_back(*status);
    return list;
}

} // namespace kiosk::testing
