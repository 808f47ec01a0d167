#pragma once
// A connection to one SAM reader, as the reader's state machine sees it: send a command frame, wait
// for one response until a deadline. Serial (termios) and native USB (libusb, split endpoints) fill
// it in; an unplugged device answers ErrorCode::NotFound so the reader can report "absent" and
// reopen.

#include "core/base/Result.h"
#include "drivers/idcard/SamFrame.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace kiosk::drivers::sam {

using Deadline = std::chrono::steady_clock::time_point;

class SamLink {
public:
    virtual ~SamLink() = default;

    // Drops whatever the reader sent that nobody asked for (§5 pitfall 3: flush before each command).
    virtual void discard_input() = 0;
    virtual Result<void> send(std::span<const uint8_t> frame) = 0;
    // The next complete, checksum-valid response. Errors: Timeout (deadline passed), InvalidData
    // (bad checksum or length — the link resynchronises), NotFound (device gone), Io.
    virtual Result<Response> receive(Deadline deadline) = 0;
    // "serial /dev/ttyACM0 @115200", "usb 0400:c35a bus 1 addr 4" — for logs and status reasons.
    virtual std::string describe() const = 0;
    // Callable from another thread: a receive() in progress, and every later one, returns promptly
    // with ErrorCode::Timeout, so stop() and an unplug need not wait for a 2 s read deadline. A link
    // that cannot do this keeps the default and its caller waits for the deadline.
    virtual void interrupt() {}
};

// Opens the link again after an unplug; the reader calls it with back-off.
using SamLinkOpener = std::function<Result<std::unique_ptr<SamLink>>()>;

} // namespace kiosk::drivers::sam
