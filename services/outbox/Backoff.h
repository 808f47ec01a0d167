#pragma once
// How long to wait before trying the hub again: doubling from `first` up to `max`, each delay spread
// by ±jitter so a hall of kiosks that lost the hub together does not come back in lockstep.
//   failures: 1     2     3     4 …   (defaults) 1 s, 2 s, 4 s, 8 s … 5 min, each ±20 %

#include "core/base/Clock.h"

#include <functional>

namespace kiosk::outbox {

struct BackoffOptions {
    Millis first{1000};  // ms before the first retry
    Millis max{300000};  // ms, the cap (5 min)
    double jitter = 0.2; // ± fraction of the delay, 0..1
};

class Backoff {
public:
    // Uniform in [0, 1); the default draws from libsodium. Tests pass a fixed sequence.
    using Random = std::function<double()>;
    explicit Backoff(BackoffOptions options = {}, Random random = {});

    // The delay before the next attempt after one more failure.
    Millis next();
    // The delay after `failures` consecutive failures (1-based), jitter included, without counting one
    // (one application's back-off, whose count the outbox keeps).
    Millis delay(int failures);
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }
    // The delay without jitter after `failures` consecutive failures (1-based).
    Millis base_delay(int failures) const;

private:
    BackoffOptions m_options;
    Random m_random;
    int m_failures = 0;
};

} // namespace kiosk::outbox
