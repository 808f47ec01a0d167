#include "services/outbox/Backoff.h"
#include "services/outbox/SecretBox.h"

#include <algorithm>
#include <cmath>
#include <sodium.h>

namespace kiosk::outbox {

Backoff::Backoff(BackoffOptions options, Random random) : m_options(options), m_random(std::move(random)) {
    m_options.jitter = std::clamp(m_options.jitter, 0.0, 1.0);
    if (!m_random) {
        ensure_sodium();
        m_random = [] { return randombytes_uniform(1u << 30) / double(1u << 30); };
    }
}

Millis Backoff::base_delay(int failures) const {
    if (failures < 1)
        return Millis(0);
    // Doubling in floating point: 2^failures overflows an integer long before the cap stops mattering.
    double delay = double(m_options.first.count()) * std::pow(2.0, std::min(failures - 1, 62));
    return Millis(static_cast<Millis::rep>(std::min(delay, double(m_options.max.count()))));
}

Millis Backoff::next() {
    return delay(++m_failures);
}

Millis Backoff::delay(int failures) {
    double base = double(base_delay(failures).count());
    double spread = 1.0 + m_options.jitter * (2.0 * std::clamp(m_random(), 0.0, 1.0) - 1.0);
    return Millis(static_cast<Millis::rep>(std::llround(base * spread)));
}

} // namespace kiosk::outbox
