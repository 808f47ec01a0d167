#include "core/base/Log.h"

#include <mutex>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace kiosk::log {
namespace {

std::mutex g_mutex;
std::function<void(Level, std::string_view)> g_observer;

spdlog::level::level_enum to_spdlog(Level level) {
    switch (level) {
    case Level::Debug:
        return spdlog::level::debug;
    case Level::Info:
        return spdlog::level::info;
    case Level::Warn:
        return spdlog::level::warn;
    case Level::Error:
        return spdlog::level::err;
    }
    return spdlog::level::info;
}

std::shared_ptr<spdlog::logger>& logger() {
    static std::shared_ptr<spdlog::logger> instance = [] {
        // stderr: stdout belongs to CLI output (JSON) and to the scene trace the tests read.
        auto created = spdlog::stderr_color_mt("kiosk");
        created->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
        return created;
    }();
    return instance;
}

} // namespace

void init(Level level) {
    set_level(level);
}

void set_level(Level level) {
    logger()->set_level(to_spdlog(level));
}

void set_observer(std::function<void(Level, std::string_view)> observer) {
    std::lock_guard lock(g_mutex);
    g_observer = std::move(observer);
}

void write(Level level, std::string_view message) {
    logger()->log(to_spdlog(level), "{}", message);
    std::lock_guard lock(g_mutex);
    if (g_observer)
        g_observer(level, message);
}

} // namespace kiosk::log
