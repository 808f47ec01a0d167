#pragma once
// Logging for staff and engineers. Personal data never goes into a log: identity types have no
// formatter, so logging one does not compile; wrap anything citizen-derived in Personal{} and it
// prints as "[redacted]".

#include <fmt/format.h>
#include <functional>
#include <string>
#include <string_view>

namespace kiosk::log {

enum class Level { Debug, Info, Warn, Error };

// A value that came from a citizen (name, ID number, address, payload). Formats as "[redacted]".
template <typename T>
struct Personal {
    const T& value;
};

void init(Level level = Level::Info);
void set_level(Level level);
// Every formatted line also goes to this observer (tests use it to prove nothing personal leaks).
void set_observer(std::function<void(Level, std::string_view)> observer);
void write(Level level, std::string_view message);

template <typename... Args>
void debug(fmt::format_string<Args...> format, Args&&... args) {
    write(Level::Debug, fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void info(fmt::format_string<Args...> format, Args&&... args) {
    write(Level::Info, fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void warn(fmt::format_string<Args...> format, Args&&... args) {
    write(Level::Warn, fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void error(fmt::format_string<Args...> format, Args&&... args) {
    write(Level::Error, fmt::format(format, std::forward<Args>(args)...));
}

} // namespace kiosk::log

template <typename T>
struct fmt::formatter<kiosk::log::Personal<T>> : fmt::formatter<std::string_view> {
    template <typename Context>
    auto format(const kiosk::log::Personal<T>&, Context& context) const {
        return fmt::formatter<std::string_view>::format("[redacted]", context);
    }
};
