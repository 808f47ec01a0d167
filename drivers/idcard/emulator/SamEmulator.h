#pragma once
// The reader's side of the SAM protocol (docs/specs/idcard-sam.md §1.2–§1.3, §1.6, §5): one card
// slot, one SAM, no I/O. Host frames in, response frames out; the runner adds timing and wire faults.
//
// One read per placement (§5 pitfall 1): after a successful read-base, find-card answers 0x80 until
// the card is removed and placed again. The cheap presence poll is read-appended-address (30 03, as
// Routon's loop does, §1.6 step 4): while the card lies on the reader it answers 0x90 with the
// appended address, or 0x91 "no content" when the card has none; once the card is gone it answers
// 0x80. A driver should therefore treat SW3 0x90/0x91 to 30 03 as "still there" and anything else as
// "removed". Real readers may answer differently (spec §6 open item), which is why the choice is
// written down here.

#include "drivers/idcard/SamFrame.h"
#include "drivers/idcard/emulator/EmulatorScript.h"

#include <optional>
#include <vector>

namespace kiosk::drivers::sam::emulator {

class SamEmulator {
public:
    explicit SamEmulator(const EmulatorScript& script);

    struct Answer {
        std::optional<Command> command; // none for a frame the SAM could not take
        std::vector<uint8_t> frame;     // empty: no answer (a header too broken to frame)
        bool card_read = false;         // this answer delivered the card's data
    };
    // One item from FrameReader::next(): a command body or a framing error.
    Answer answer(const Result<std::vector<uint8_t>>& body);

    Result<void> place(int card);
    void remove();
    void fail_reads(int count) { m_read_failures = count; }
    void sam_not_ready(int polls) { m_not_ready_polls = polls; }
    // Power came back after an unplug: the SAM self-tests again (the scripted not-ready polls) and
    // the card, if still there, may be read once more.
    void power_cycle();
    std::optional<int> card() const { return m_card; }

private:
    std::vector<uint8_t> respond(const CommandFrame& command, bool& card_read);
    std::vector<uint8_t> read_base(bool with_fingerprint, bool& card_read);

    std::vector<EmulatedCard> m_cards;
    std::array<uint8_t, 16> m_sam_id;
    int m_scripted_not_ready = 0;
    int m_not_ready_polls = 0;
    int m_read_failures = 0;
    std::optional<int> m_card;
    bool m_found = false, m_selected = false, m_read_done = false;
};

} // namespace kiosk::drivers::sam::emulator
