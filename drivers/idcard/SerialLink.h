#pragma once
// A SAM reader on a serial line: a UART module, a USB-serial bridge (ttyUSB*), a CDC-ACM reader
// (ttyACM*) or, in tests, a pty. 8N1, no flow control, raw, exclusive (docs/specs/idcard-sam.md
// §1.5). Reads are poll() + read() into a length-driven FrameReader until a whole frame or the
// deadline, so a 1295-byte answer arriving in chunks is one frame (§5 pitfall 3).

#include "drivers/idcard/SamLink.h"

#include <chrono>
#include <memory>
#include <string>

namespace kiosk::drivers::sam {

struct SerialOptions {
    std::string path = "/dev/onewindow-idcard";   // the udev symlink (images/udev); or /dev/ttyACM0 …
    int baud = 115200;                            // the module's default; 57600/38400/19200/9600 also
    std::chrono::milliseconds write_timeout{500}; // a 10-byte command that cannot leave in this time fails
};

// The baud rates a SAM module can be set to (§1.2, command 60 xx); anything else is InvalidArgument.
Result<void> check_baud(int baud);

class SerialLink final : public SamLink {
public:
    // Errors: NotFound (no such device), Io naming the dialout group (permission denied), Busy
    // (another program holds it exclusively), InvalidArgument (not a serial port, bad baud).
    static Result<std::unique_ptr<SerialLink>> open(const SerialOptions& options);
    // For SamReader: opens the link again after an unplug.
    static SamLinkOpener opener(SerialOptions options);
    ~SerialLink() override;
    SerialLink(const SerialLink&) = delete;
    SerialLink& operator=(const SerialLink&) = delete;

    void discard_input() override;
    Result<void> send(std::span<const uint8_t> frame) override;
    Result<Response> receive(Deadline deadline) override;
    std::string describe() const override;
    void interrupt() override;

private:
    SerialLink(SerialOptions options, int fd, int wake_fd);
    Result<void> read_available(short revents);

    SerialOptions m_options;
    int m_fd = -1;
    int m_wake_fd = -1; // eventfd: interrupt() makes it readable for good
    FrameReader m_frames;
};

} // namespace kiosk::drivers::sam
