#pragma once
// RECONSTRUCTED: the original of this file (and EmulatorProcess.cpp) was overwritten by mistake by
// the reader-backend work; rebuilt from its uses in EmulatorSmokeTest.cpp. Its author may want to
// re-check it.
//
// idcard-emulator as a child process (IDCARD_EMULATOR, a compile definition): its stdout lines
// ("device …", "ok …", "read N", "unplugged") are read or waited for, actions go to its stdin, and
// the destructor ends it (SIGTERM to this child only, if it is still running). HostPort is the host
// side of the pty, spoken to with plain termios and a FrameReader.

#include "drivers/idcard/SamFrame.h"

#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace kiosk::drivers::sam::testing {

class EmulatorProcess {
public:
    explicit EmulatorProcess(const std::vector<std::string>& arguments);
    ~EmulatorProcess();
    EmulatorProcess(const EmulatorProcess&) = delete;
    EmulatorProcess& operator=(const EmulatorProcess&) = delete;

    bool started() const { return m_pid > 0; }
    // The next stdout line; nothing on timeout or exit.
    std::optional<std::string> line(std::chrono::milliseconds timeout = std::chrono::seconds(20));
    // Skips lines until one starts with `prefix`; nothing on timeout or exit.
    std::optional<std::string> wait_for(const std::string& prefix,
                                        std::chrono::milliseconds timeout = std::chrono::seconds(20));
    void send(const std::string& action);
    // Waits for the process to end; its exit code (-1 when it had to be killed or did not start).
    int wait_exit(std::chrono::milliseconds timeout = std::chrono::seconds(20));

private:
    pid_t m_pid = -1;
    int m_stdin = -1;
    int m_stdout = -1;
    std::string m_buffer;
};

class HostPort {
public:
    explicit HostPort(const std::string& path);
    ~HostPort();
    HostPort(const HostPort&) = delete;
    HostPort& operator=(const HostPort&) = delete;

    bool is_open() const { return m_fd >= 0; }
    void send(const std::vector<uint8_t>& bytes);
    // The next frame (or framing error); nothing when none came before the timeout.
    std::optional<Result<Response>> receive(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    std::optional<Result<Response>> transact(Command command);
    size_t skipped_bytes() const { return m_frames.skipped_bytes(); }
    // True when the other side went away (POLLHUP, or a read of 0 / EIO).
    bool hung_up(std::chrono::milliseconds timeout = std::chrono::seconds(10));

private:
    int m_fd = -1;
    FrameReader m_frames;
};

} // namespace kiosk::drivers::sam::testing
