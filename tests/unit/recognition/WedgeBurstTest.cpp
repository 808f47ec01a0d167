// Telling a keyboard-wedge scanner's burst from a person typing, with synthetic timings.

#include "core/domain/WedgeBurst.h"

#include <gtest/gtest.h>

using namespace kiosk::domain;

namespace {

// Types `text` one character per press, `gap_ms` apart from `start_ms`; returns the last press time.
uint64_t type(WedgeBurst& wedge, const std::string& text, uint64_t start_ms, uint64_t gap_ms) {
    uint64_t at = start_ms;
    for (size_t i = 0; i < text.size(); ++i, at += gap_ms)
        wedge.text(at, text.substr(i, 1));
    return at - gap_ms;
}

} // namespace

TEST(WedgeBurst, FastBurstEndedByEnterIsAScan) {
    WedgeBurst wedge;
    uint64_t last = type(wedge, "OW1-7KQ2-M9XD-4TPA-Z3R8", 1000, 5);
    auto line = wedge.enter(last + 6);
    EXPECT_EQ(line.scanned, "OW1-7KQ2-M9XD-4TPA-Z3R8");
    EXPECT_EQ(line.typed, "");
    EXPECT_FALSE(line.rejected);
}

TEST(WedgeBurst, HumanTypingIsNotAScan) {
    WedgeBurst wedge;
    uint64_t last = type(wedge, "110101199003071234", 1000, 150);
    auto line = wedge.enter(last + 200);
    EXPECT_EQ(line.scanned, "");
    EXPECT_EQ(line.typed, "110101199003071234");
}

TEST(WedgeBurst, FastTypistWithOneSlowKeyIsNotAScan) {
    // 40 ms gaps: a very fast typist, still slower than the 30 ms a scanner stays under.
    WedgeBurst wedge;
    uint64_t last = type(wedge, "ABCDEFGHIJ", 0, 40);
    EXPECT_EQ(wedge.enter(last + 10).scanned, "");
}

TEST(WedgeBurst, ShortBurstIsTyping) {
    WedgeBurst wedge;
    uint64_t last = type(wedge, "1234567", 0, 5); // 7 < min_chars 8
    auto line = wedge.enter(last + 5);
    EXPECT_EQ(line.scanned, "");
    EXPECT_EQ(line.typed, "1234567");
}

TEST(WedgeBurst, BurstAfterTypingIsSplitFromIt) {
    WedgeBurst wedge;
    uint64_t last = type(wedge, "ab", 0, 200);
    last = type(wedge, "6901234567892", last + 500, 4);
    auto line = wedge.enter(last + 4);
    EXPECT_EQ(line.typed, "ab");
    EXPECT_EQ(line.scanned, "6901234567892");
}

TEST(WedgeBurst, SlowEnterAfterBurstMeansTyped) {
    // A burst followed by a human pressing Enter later: not a scanner (it sends Enter at once).
    WedgeBurst wedge;
    uint64_t last = type(wedge, "6901234567892", 0, 4);
    EXPECT_EQ(wedge.enter(last + 400).scanned, "");
}

TEST(WedgeBurst, OverlongBurstIsRejectedAndNotDelivered) {
    WedgeBurst wedge(WedgeBurstOptions{.min_chars = 8, .max_gap_ms = 30, .max_bytes = 16});
    uint64_t last = type(wedge, std::string(17, 'Z'), 0, 2);
    auto line = wedge.enter(last + 2);
    EXPECT_TRUE(line.rejected);
    EXPECT_EQ(line.scanned, "");
}

TEST(WedgeBurst, EnterClearsTheLine) {
    WedgeBurst wedge;
    uint64_t last = type(wedge, "6901234567892", 0, 4);
    wedge.enter(last + 4);
    EXPECT_EQ(wedge.enter(last + 10).scanned, "");
    EXPECT_EQ(wedge.enter(last + 20).typed, "");
}
