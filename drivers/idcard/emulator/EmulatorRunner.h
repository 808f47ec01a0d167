#pragma once
// The emulator's event loop: one thread polling the pty, stdin and the clock. It plays the script's
// timeline, answers host frames through SamEmulator and WireShaper, and reports on stdout, one line
// each: "device PATH" (first, and again after a replug), "ok ACTION" once an action from stdin or the
// timeline has taken effect, "read N" when card N's data went out, "unplugged".

#include "drivers/idcard/SamFrame.h"
#include "drivers/idcard/emulator/EmulatorScript.h"
#include "drivers/idcard/emulator/PtyPort.h"
#include "drivers/idcard/emulator/SamEmulator.h"
#include "drivers/idcard/emulator/WireShaper.h"

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>

namespace kiosk::drivers::sam::emulator {

struct RunnerOptions {
    std::string link;                   // symlink to the slave; empty for none
    std::optional<int> replug_after_ms; // overrides the script's
    bool verbose = false;               // each command and answer on stderr
};

class EmulatorRunner {
public:
    EmulatorRunner(EmulatorScript script, RunnerOptions options);
    // Runs until "quit", SIGINT/SIGTERM, or an unplug with no replug; the process exit code.
    int run();

private:
    using Clock = std::chrono::steady_clock;
    struct Pending {
        Clock::time_point due;
        std::vector<uint8_t> bytes;
    };

    Result<void> plug();
    void unplug();
    void apply(const Action& action, std::string_view text);
    void on_host_bytes(Clock::time_point now);
    void on_stdin();
    Result<void> flush(Clock::time_point now);
    // The next timed thing; the outbox's head is left out while waiting for the pty to drain.
    std::optional<Clock::time_point> next_wakeup(bool writable_wait) const;

    EmulatorScript m_script;
    RunnerOptions m_options;
    SamEmulator m_sam;
    WireShaper m_shaper;
    FrameReader m_reader;
    std::unique_ptr<PtyPort> m_port;
    std::deque<Pending> m_outbox;
    Clock::time_point m_start;
    size_t m_next_action = 0;
    std::optional<Clock::time_point> m_replug_at;
    std::string m_stdin_buffer;
    bool m_stdin_open = true;
    bool m_quit = false;
};

} // namespace kiosk::drivers::sam::emulator
