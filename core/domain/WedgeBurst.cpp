#include "core/domain/WedgeBurst.h"

namespace kiosk::domain {

void WedgeBurst::text(uint64_t at_ms, std::string_view text) {
    // Bounded: past twice the cap the line is garbage either way; keep only its timing shape.
    if (m_presses.size() > 2 * m_options.max_bytes)
        m_presses.erase(m_presses.begin());
    m_presses.push_back({at_ms, std::string(text)});
}

void WedgeBurst::clear() {
    m_presses.clear();
}

WedgeLine WedgeBurst::enter(uint64_t at_ms) {
    WedgeLine line;
    // The burst is the tail of presses, each within max_gap_ms of the next (Enter included).
    size_t start = m_presses.size();
    uint64_t next = at_ms;
    while (start > 0 && next - m_presses[start - 1].at_ms <= m_options.max_gap_ms &&
           next >= m_presses[start - 1].at_ms) {
        next = m_presses[start - 1].at_ms;
        --start;
    }
    size_t burst = m_presses.size() - start;
    if (burst < m_options.min_chars)
        start = m_presses.size();
    for (size_t i = 0; i < start; ++i)
        line.typed += m_presses[i].text;
    std::string scanned;
    for (size_t i = start; i < m_presses.size(); ++i)
        scanned += m_presses[i].text;
    if (scanned.size() > m_options.max_bytes)
        line.rejected = true;
    else
        line.scanned = std::move(scanned);
    m_presses.clear();
    return line;
}

} // namespace kiosk::domain
