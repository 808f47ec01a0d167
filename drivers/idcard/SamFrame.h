#pragma once
// The GA/T 467 "SAM" reader protocol's frames (docs/specs/idcard-sam.md §1):
//   AA AA AA 96 69 · LEN (2 bytes, big-endian, counts everything after it incl. CHK) · body · CHK
// where CHK is the XOR of LEN and body. Host→reader bodies are CMD PARA DATA; reader→host bodies are
// SW1 SW2 SW3 DATA. Frames are always built here (checksums computed, never hand-typed) and parsed
// with length-driven framing that resynchronises on garbage.

#include "core/base/Result.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kiosk::drivers::sam {

inline constexpr uint8_t kPreamble[5] = {0xAA, 0xAA, 0xAA, 0x96, 0x69};
inline constexpr size_t kHeaderSize = 7;        // preamble + LEN
inline constexpr size_t kMaxFrameLength = 4096; // LEN above this is a corrupt header, not a frame
// FrameReader's checksum errors start with this text (a SAM answers such a frame with SW3 0x10).
inline constexpr char kChecksumError[] = "checksum error";

// CMD << 8 | PARA (§1.2).
enum class Command : uint16_t {
    ResetSam = 0x10FF,
    SamStatus = 0x11FF,
    ReadSamId = 0x12FF,
    FindCard = 0x2001,
    SelectCard = 0x2002,
    ReadBase = 0x3001,
    ReadAppendedAddress = 0x3003,
    ReadBaseWithFingerprint = 0x3010,
    SetMaxRfBytes = 0x61FF,
};
const char* to_string(Command command);

// SW3 codes on the wire (§1.3). Host-side SDK codes are not wire codes and do not appear here.
enum class Sw3 : uint8_t {
    Success = 0x90,
    NoContent = 0x91,
    FindSuccess = 0x9F,
    ChecksumError = 0x10,
    LengthError = 0x11,
    CommandError = 0x21,
    NotPermitted = 0x23,
    Unrecognised = 0x24,
    CardAuthFailed = 0x31,
    SamAuthFailed = 0x32,
    VerifyError = 0x33,
    FingerprintVerifyError = 0x37,
    InfoLengthError = 0x3F,
    WrongCardType = 0x40,
    ReadFailed = 0x41,
    RandomFailed = 0x47,
    SamSelfTestFailed = 0x60,
    SamNotAuthorised = 0x66,
    NoCard = 0x80,
    SelectFailed = 0x81,
};
// "read failed (SW3 0x41)"; unknown codes are named by their value.
std::string describe_sw3(uint8_t sw3);
// The typed error for a non-success SW3: ErrorCode::Device with describe_sw3's text.
Error sw3_error(uint8_t sw3);

struct CommandFrame {
    Command command = Command::SamStatus;
    std::vector<uint8_t> data;
};

struct Response {
    uint8_t sw1 = 0, sw2 = 0, sw3 = 0;
    std::vector<uint8_t> data;
};

std::vector<uint8_t> build_command(Command command, std::span<const uint8_t> data = {});
std::vector<uint8_t> build_response(uint8_t sw3, std::span<const uint8_t> data = {}, uint8_t sw1 = 0,
                                    uint8_t sw2 = 0);

// Incremental, length-driven framing for a byte stream (serial): feed bytes as they arrive, take
// complete frames out. Bytes before a preamble are skipped and counted; a frame whose checksum or
// length is wrong is reported as an error (ErrorCode::InvalidData) and the reader resynchronises
// on the next preamble.
class FrameReader {
public:
    void feed(std::span<const uint8_t> bytes);
    // The body (between LEN and CHK) of the next complete frame, an error for a bad frame, or
    // nothing when more bytes are needed.
    std::optional<Result<std::vector<uint8_t>>> next();
    // Bytes a complete frame still needs at least (for read sizing); 0 when one may be ready.
    size_t bytes_wanted() const;
    size_t skipped_bytes() const { return m_skipped; }
    // Forgets buffered bytes (skipped_bytes keeps counting).
    void clear();

private:
    std::vector<uint8_t> m_buffer;
    size_t m_skipped = 0;
};

// Interpretations of a frame body.
Result<Response> response_from_body(std::span<const uint8_t> body);
Result<CommandFrame> command_from_body(std::span<const uint8_t> body);

// One whole response frame (as captured to a file): exactly one frame, nothing before or after.
Result<Response> parse_response_frame(std::span<const uint8_t> frame);

} // namespace kiosk::drivers::sam
