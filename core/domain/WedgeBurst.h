#pragma once
// A keyboard-wedge QR scanner types its payload as key presses, a few milliseconds apart, then
// Enter; people type tens to hundreds of milliseconds apart. WedgeBurst watches timestamped key
// input and, at each Enter, says which part of the line was a scan and which was typed.
// Pure: the caller feeds SDL_TEXTINPUT text and SDL_KEYDOWN Enter with their timestamps.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::domain {

struct WedgeBurstOptions {
    size_t min_chars = 8;     // key presses; shorter bursts are typing (no code we accept is shorter)
    uint32_t max_gap_ms = 30; // ms between presses inside a burst, and from the last one to Enter
    size_t max_bytes = 4096;  // a burst longer than this is rejected (a stuck key, not a code)
};

struct WedgeLine {
    std::string typed;     // what a person typed before the burst (or the whole line when no burst)
    std::string scanned;   // the burst, empty when the line was typed
    bool rejected = false; // the burst was longer than max_bytes; `scanned` is then empty
};

class WedgeBurst {
public:
    explicit WedgeBurst(WedgeBurstOptions options = {}) : m_options(options) {}

    void text(uint64_t at_ms, std::string_view text); // one key press' text (UTF-8)
    WedgeLine enter(uint64_t at_ms);                  // Enter: classifies and clears the line
    void clear();

private:
    struct Press {
        uint64_t at_ms;
        std::string text;
    };
    WedgeBurstOptions m_options;
    std::vector<Press> m_presses;
};

} // namespace kiosk::domain
