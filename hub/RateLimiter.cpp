#include "hub/RateLimiter.h"

#include <algorithm>
#include <cmath>

namespace kiosk::hub {

std::chrono::seconds RateLimiter::take(const std::string& key) {
    std::lock_guard lock(m_mutex);
    SteadyTime now = m_clock.now();
    auto [it, fresh] = m_buckets.try_emplace(key, Bucket{m_options.burst, now});
    Bucket& bucket = it->second;
    if (!fresh) {
        double minutes = std::chrono::duration<double, std::ratio<60>>(now - bucket.at).count();
        bucket.tokens =
            std::min(m_options.burst, bucket.tokens + std::max(0.0, minutes) * m_options.per_minute);
        bucket.at = now;
    }
    if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return std::chrono::seconds(0);
    }
    if (m_options.per_minute <= 0)
        return std::chrono::seconds(60);
    double wait = (1 - bucket.tokens) * 60.0 / m_options.per_minute;
    return std::chrono::seconds(std::max<long long>(1, static_cast<long long>(std::ceil(wait))));
}

} // namespace kiosk::hub
