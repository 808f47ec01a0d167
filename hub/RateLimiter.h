#pragma once
// A token bucket per client (review M1: certificate searches per kiosk). Each key holds up to `burst`
// tokens, refilled at `per_minute` per minute on the injected Clock's steady time; a request takes one.
// Without a token the answer is how long until the next one (the 429's Retry-After). Thread-safe.

#include "core/base/Clock.h"

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace kiosk::hub {

struct RateLimitOptions {
    double per_minute = 20; // tokens added per minute (the sustained rate)
    double burst = 10;      // tokens a bucket holds at most (what a quiet client may do at once)
};

class RateLimiter {
public:
    RateLimiter(RateLimitOptions options, const Clock& clock) : m_options(options), m_clock(clock) {}

    // 0 s: allowed (a token taken). Otherwise refused: the whole seconds until a token is there (≥ 1).
    std::chrono::seconds take(const std::string& key);

private:
    struct Bucket {
        double tokens = 0;
        SteadyTime at{};
    };
    RateLimitOptions m_options;
    const Clock& m_clock;
    std::mutex m_mutex;
    std::map<std::string, Bucket> m_buckets; // one per registered client: bounded by the registry
};

} // namespace kiosk::hub
