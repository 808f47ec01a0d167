#pragma once
// What idcard-emulator plays (README.md beside this file has the JSON schema and an example): the
// cards it can hold, a timeline of actions, timings and faults. Actions use one small language, the
// same on stdin and in the timeline ("place 0", "remove", "fail-read 2", …).

#include "core/base/Result.h"
#include "drivers/idcard/CardText.h"
#include "drivers/idcard/SamFrame.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::drivers::sam::emulator {

struct EmulatedCard {
    std::array<uint8_t, kTextSize> text{}; // encode_card_text of the scripted fields, or "text_hex"
    std::vector<uint8_t> photo;            // 1024 fake WLT bytes (a pattern, not a decodable photo)
    std::optional<std::array<uint8_t, 70>> appended_address; // 30 03 answers 90 with it, else 91
    bool fingerprint = false;                                // 30 10 returns 1024 fake fingerprint bytes
};

struct Action {
    enum class Kind { Place, Remove, Unplug, FailRead, SamNotReady, Corrupt, Garbage, Split, Quit };
    Kind kind = Kind::Quit;
    int count = 0; // the card for Place; how many for the fault kinds
};
// "place N", "remove", "unplug", "fail-read K", "sam-not-ready N", "corrupt K", "garbage K", "split K",
// "quit".
Result<Action> parse_action(std::string_view line);

struct TimedAction {
    int at_ms = 0; // after the emulator started
    Action action;
    std::string text; // as written, for the "ok …" report
};

// A fault on the bytes of the next `responses` responses (to `command` only, when given).
struct WireFault {
    int responses = 0;
    std::optional<Command> command;
};

struct Timings {
    int response_delay_ms = 2; // before every answer (a SAM thinks a little)
    int read_delay_ms = 0;     // added before a read-base answer (real readers: ~300 ms)
    bool wire_time = false;    // pace bytes as the UART would: 10 bits a byte at `baud`
    int baud = 115200;
};

struct Faults {
    int read_failures = 0;       // the next K reads answer 0x41
    int sam_not_ready_polls = 0; // the first N status/SAM-ID polls answer 0x60 (again after a replug)
    WireFault corrupt_checksum;  // CHK flipped
    WireFault garbage_before;    // `garbage` sent before the frame
    std::vector<uint8_t> garbage{0x00, 0xFF, 0xAA, 0x96, 0x13};
    WireFault split; // the frame written in `split_parts` writes, `split_gap_ms` apart
    int split_parts = 3;
    int split_gap_ms = 20;
};

struct EmulatorScript {
    std::vector<EmulatedCard> cards;
    std::vector<TimedAction> timeline; // sorted by at_ms
    Timings timings;
    Faults faults;
    std::array<uint8_t, 16> sam_id{0x05, 0x00, 0x01, 0x00, 0x01, 0x3E, 0x34, 0x01,
                                   0x2A, 0x00, 0x00, 0x00, 0x15, 0xCD, 0x5B, 0x07};
    std::optional<int> replug_after_ms; // after an unplug; none: the emulator exits
};

Result<EmulatorScript> parse_script(std::string_view json_text, std::string_view origin);

} // namespace kiosk::drivers::sam::emulator
