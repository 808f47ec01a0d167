#pragma once
// Result<T>: a value or an Error, returned across every module boundary (no exception crosses one).
// TRY(expr) unwraps a Result or returns its Error from the enclosing function.

#include <cassert>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace kiosk {

enum class ErrorCode {
    InvalidArgument, // the caller passed something that can never work
    InvalidData,     // bytes from outside failed validation (config, catalog, frames, payloads)
    NotFound,        // a file, item or device that should be there is not
    Io,              // the OS said no (read, write, open)
    Busy,            // someone else holds it (locked database, busy device); retrying may help
    ReadOnly,        // the medium or file does not accept writes
    Corrupt,         // stored data is damaged
    Timeout,         // a deadline passed
    Unsupported,     // this backend cannot do that: an answer, not a crash
    Device,          // a device reported a fault
    Denied,          // a rule forbids it (accountable paper already printed, no staff authorisation)
    Internal,        // a bug of ours
};

const char* to_string(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message; // one line, for a staff member or an engineer; never personal data

    static Error make(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }
    std::string describe() const { return std::string(to_string(code)) + ": " + message; }
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_value(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_value(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_value.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<0>(m_value);
    }
    const T& value() const& {
        assert(ok());
        return std::get<0>(m_value);
    }
    T&& value() && {
        assert(ok());
        return std::get<0>(std::move(m_value));
    }
    T release_value() { return std::get<0>(std::move(m_value)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const {
        assert(!ok());
        return std::get<1>(m_value);
    }
    Error release_error() { return std::get<1>(std::move(m_value)); }

    T value_or(T fallback) const { return ok() ? std::get<0>(m_value) : std::move(fallback); }

private:
    std::variant<T, Error> m_value;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const {
        assert(m_failed);
        return m_error;
    }
    Error release_error() { return std::move(m_error); }
    void release_value() {}

private:
    Error m_error;
    bool m_failed = false;
};

inline Error make_error(ErrorCode code, std::string message) {
    return Error{code, std::move(message)};
}

} // namespace kiosk

// Unwraps a Result<T>; on error returns the Error from the enclosing function (GNU statement expression).
#define TRY(expression)                                                                                      \
    ({                                                                                                       \
        auto _try_result = (expression);                                                                     \
        if (!_try_result.ok())                                                                               \
            return _try_result.release_error();                                                              \
        _try_result.release_value();                                                                         \
    })
