#pragma once
// Time for everything that waits, times out or shows the time. Tests substitute FakeClock.

#include <chrono>
#include <mutex>

namespace kiosk {

using SteadyTime = std::chrono::steady_clock::time_point;
using WallTime = std::chrono::system_clock::time_point;
using Millis = std::chrono::milliseconds;

class Clock {
public:
    virtual ~Clock() = default;
    virtual SteadyTime now() const = 0;    // for timeouts and intervals
    virtual WallTime wall_now() const = 0; // for what the screen and receipts show
};

class SystemClock final : public Clock {
public:
    SteadyTime now() const override { return std::chrono::steady_clock::now(); }
    WallTime wall_now() const override { return std::chrono::system_clock::now(); }
};

// A clock that only moves when told to.
class FakeClock final : public Clock {
public:
    explicit FakeClock(WallTime wall_start = WallTime{}) : m_wall(wall_start) {}

    SteadyTime now() const override {
        std::lock_guard lock(m_mutex);
        return m_steady;
    }
    WallTime wall_now() const override {
        std::lock_guard lock(m_mutex);
        return m_wall;
    }
    void advance(Millis step) {
        std::lock_guard lock(m_mutex);
        m_steady += step;
        m_wall += step;
    }

private:
    mutable std::mutex m_mutex;
    SteadyTime m_steady{};
    WallTime m_wall;
};

// Local wall-clock fields, for display ("2026-11-25 09:30").
struct CivilTime {
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, weekday = 4; // weekday 0 = Sunday
};
CivilTime to_local_civil(WallTime time);
// Builds a wall time from local civil fields (inverse of to_local_civil).
WallTime from_local_civil(const CivilTime& civil);

} // namespace kiosk
