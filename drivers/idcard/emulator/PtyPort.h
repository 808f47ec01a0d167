#pragma once
// The emulated reader's serial port: a pty pair in raw mode (docs/specs/test-rig.md §6). The client
// opens the slave path like a /dev/ttyACM0; the emulator talks through the master. Closing the port
// is the "unplug": the client's poll sees POLLHUP and read returns 0 or EIO, and the optional
// symlink disappears like a vanished device node.

#include "core/base/Result.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace kiosk::drivers::sam::emulator {

class PtyPort {
public:
    // `link`: a symlink to create to the slave (an old symlink there is replaced); empty for none.
    static Result<std::unique_ptr<PtyPort>> create(const std::string& link);
    ~PtyPort();
    PtyPort(const PtyPort&) = delete;
    PtyPort& operator=(const PtyPort&) = delete;

    int fd() const { return m_master; }
    const std::string& path() const { return m_path; }

    // Non-blocking; the number of bytes taken (0 when the pty's buffer is full).
    Result<size_t> write_some(std::span<const uint8_t> bytes);
    // Whatever the host has sent so far (empty when nothing).
    Result<std::vector<uint8_t>> read_available();

private:
    PtyPort() = default;

    int m_master = -1;
    int m_slave = -1; // kept open so the master never sees a hang-up while no client has the port open
    std::string m_path;
    std::string m_link;
};

} // namespace kiosk::drivers::sam::emulator
