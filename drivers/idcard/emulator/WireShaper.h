#pragma once
// Turns a response frame into timed writes: the scripted wire faults (bad checksum, garbage before the
// frame, the frame split over several writes) and, when asked, the UART's pace — 10 bits a byte, so
// ~87 µs at 115200 baud and ≥112 ms for the 1295-byte read-base answer (§1.6).

#include "drivers/idcard/SamFrame.h"
#include "drivers/idcard/emulator/EmulatorScript.h"

#include <chrono>
#include <optional>
#include <vector>

namespace kiosk::drivers::sam::emulator {

struct Chunk {
    std::chrono::microseconds at; // after the answer's start
    std::vector<uint8_t> bytes;
};

class WireShaper {
public:
    WireShaper(const Faults& faults, const Timings& timings);

    std::vector<Chunk> shape(std::optional<Command> command, std::vector<uint8_t> frame);
    // The next `count` responses get the fault (Corrupt, Garbage or Split; other kinds are ignored).
    void arm(Action::Kind kind, int count);

private:
    static bool take(WireFault& fault, std::optional<Command> command);

    Faults m_faults;
    Timings m_timings;
};

} // namespace kiosk::drivers::sam::emulator
