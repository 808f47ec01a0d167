#pragma once
// A scripted SAM reader behind a SamLink, for SamReader's state machine: it answers commands from
// a small model of a reader (SAM readiness, a card in the field, one read per placement, faults) and
// logs every command, so tests assert what the reader asked, not only what it reported.

#include "drivers/idcard/CardText.h"
#include "drivers/idcard/SamLink.h"
#include "drivers/idcard/SamReader.h"

#include <array>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace kiosk::drivers::testing {

struct FakeSamState {
    bool plugged = true;
    int refused_opens = 0;     // the next N opens fail with NotFound although plugged
    int sam_not_ready = 0;     // the next N SAM status checks answer 0x60
    uint8_t sam_answer = 0x90; // SAM status after that
    bool card_present = false;
    bool card_read =
        false; // §5 pitfall 1: after a good read, find/select fail until the card is placed again
    std::array<uint8_t, sam::kTextSize> text{};
    int failing_reads = 0;   // answer 0x41
    int silent_reads = 0;    // no answer at all
    int bad_frame_reads = 0; // the link reports a bad checksum
    int silent_finds = 0;    // no answer to find card
    bool hold_reads = false; // no answer until the deadline, an interrupt or an unplug
    int generation = 0;      // bumped by an unplug: links opened before it are dead
    int opens = 0;
    int interrupts = 0;
    std::vector<sam::Command> commands;

    int count(sam::Command command) const;
    // Commands sent after the most recent `command` (all of them when it was never sent).
    std::vector<sam::Command> after_last(sam::Command command) const;
};

class FakeSamDevice {
public:
    FakeSamDevice();

    sam::SamLinkOpener opener();
    void update(const std::function<void(FakeSamState&)>& change);
    FakeSamState snapshot() const;
    // Waits until the predicate holds for the state (generous default for loaded machines).
    bool wait_until(const std::function<bool(const FakeSamState&)>& predicate,
                    std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;

    void place(const std::array<uint8_t, sam::kTextSize>& text);
    void remove();
    void unplug();
    void replug();

    struct Shared {
        mutable std::mutex mutex;
        mutable std::condition_variable changed;
        FakeSamState state;
    };

private:
    std::shared_ptr<Shared> m_shared;
};

// Reader options for tests: short intervals and back-offs, a fixed "today" (2025-01-01), timeouts
// long where the fake answers at once and short where a test lets it stay silent.
SamReaderOptions fast_reader_options();
// A fictional resident with a valid ID number (SimIdCardReader's first sample).
domain::Identity test_identity();

// The 256-byte text block of a card holding `identity` (encode_card_text; the test fails otherwise).
std::array<uint8_t, sam::kTextSize> card_text(const domain::Identity& identity);

} // namespace kiosk::drivers::testing
