#pragma once
// The pipe between IsolatedScanner (in the kiosk) and kiosk-scanner-host (the process that loads
// libsane). A frame is one type byte, a 4-byte little-endian length and that many bytes. The kiosk
// sends commands on the host's stdin and reads events from its stdout:
//   O "name\0value"        set a backend option before the following scans
//   S "dpi color"          scan one page ("300 0": grey)
//   C                      cancel the scan under way
//   Q                      ping: the host answers A when its scanner thread is not wedged
//   T "state fixed_by reason"   device status (numbers of the domain enums; reason may be empty)
//   P "percent"            scan progress
//   F "code message"       scan failed (ErrorCode number, one line)
//   I "w h channels dpi\n" + pixels   the scanned page
//   A                      alive
// Both sides treat what they read as untrusted: unknown types, lengths over the cap and fields
// that do not parse are InvalidData, and the kiosk then restarts the host.

#include "core/base/Result.h"
#include "drivers/scanner/Scanner.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk::drivers::wire {

enum class Type : uint8_t {
    Option = 'O',
    Scan = 'S',
    Cancel = 'C',
    Ping = 'Q',
    Status = 'T',
    Progress = 'P',
    Failed = 'F',
    Page = 'I',
    Alive = 'A',
};

// A page of 600 dpi A4 colour is ~100 MB; SaneScanner refuses more than 512 MB.
constexpr size_t max_payload = (size_t(512) << 20) + 64;

struct Frame {
    Type type = Type::Alive;
    std::string payload;
};

// Writes the whole frame (retrying short writes and EINTR); Io when the other side has gone.
Result<void> write_frame(int fd, Type type, std::string_view payload);
// Blocks for one frame. NotFound at a clean end of the stream (the other side closed it between
// frames), Io when it ends inside a frame, InvalidData for an unknown type or a length over `cap`.
Result<Frame> read_frame(int fd, size_t cap = max_payload);

std::string encode(const ScannerEvent& event);
Type type_of(const ScannerEvent& event);
Result<ScannerEvent> decode_event(const Frame& frame);

std::string encode_scan(const ScanRequest& request);
Result<ScanRequest> decode_scan(std::string_view payload);

} // namespace kiosk::drivers::wire
