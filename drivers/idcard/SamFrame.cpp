#include "drivers/idcard/SamFrame.h"

#include <algorithm>
#include <fmt/format.h>

namespace kiosk::drivers::sam {
namespace {

// LEN counts at least CMD PARA CHK (a command; a response needs one more byte, checked later).
constexpr size_t kMinFrameLength = 3;

uint8_t checksum(std::span<const uint8_t> bytes) {
    uint8_t sum = 0;
    for (uint8_t byte : bytes)
        sum ^= byte;
    return sum;
}

// §1.1: preamble · LEN (big-endian, counts body + CHK) · body · CHK = XOR(LEN, body).
std::vector<uint8_t> build_frame(std::initializer_list<uint8_t> head, std::span<const uint8_t> data) {
    size_t length = head.size() + data.size() + 1;
    std::vector<uint8_t> frame(std::begin(kPreamble), std::end(kPreamble));
    frame.reserve(kHeaderSize + length);
    frame.push_back(static_cast<uint8_t>(length >> 8));
    frame.push_back(static_cast<uint8_t>(length & 0xFF));
    frame.insert(frame.end(), head.begin(), head.end());
    frame.insert(frame.end(), data.begin(), data.end());
    frame.push_back(checksum(std::span(frame).subspan(sizeof kPreamble)));
    return frame;
}

bool known_command(uint16_t value) {
    switch (static_cast<Command>(value)) {
    case Command::ResetSam:
    case Command::SamStatus:
    case Command::ReadSamId:
    case Command::FindCard:
    case Command::SelectCard:
    case Command::ReadBase:
    case Command::ReadAppendedAddress:
    case Command::ReadBaseWithFingerprint:
    case Command::SetMaxRfBytes:
        return true;
    }
    return false;
}

// The meaning of each wire code (§1.3), short enough for a status line.
const char* sw3_meaning(uint8_t sw3) {
    switch (static_cast<Sw3>(sw3)) {
    case Sw3::Success:
        return "success";
    case Sw3::NoContent:
        return "no content for this item";
    case Sw3::FindSuccess:
        return "card found";
    case Sw3::ChecksumError:
        return "reader received a bad checksum";
    case Sw3::LengthError:
        return "reader received a bad length";
    case Sw3::CommandError:
        return "command error";
    case Sw3::NotPermitted:
        return "operation not permitted";
    case Sw3::Unrecognised:
        return "unrecognised error";
    case Sw3::CardAuthFailed:
        return "card failed to authenticate the SAM";
    case Sw3::SamAuthFailed:
        return "SAM failed to authenticate the card";
    case Sw3::VerifyError:
        return "information verification error";
    case Sw3::FingerprintVerifyError:
        return "fingerprint verification error";
    case Sw3::InfoLengthError:
        return "information length error";
    case Sw3::WrongCardType:
        return "unrecognised card type";
    case Sw3::ReadFailed:
        return "read failed";
    case Sw3::RandomFailed:
        return "get random number failed";
    case Sw3::SamSelfTestFailed:
        return "SAM self-test failed";
    case Sw3::SamNotAuthorised:
        return "SAM not authorised";
    case Sw3::NoCard:
        return "no card";
    case Sw3::SelectFailed:
        return "select card failed";
    }
    return nullptr;
}

} // namespace

const char* to_string(Command command) {
    switch (command) {
    case Command::ResetSam:
        return "reset_sam";
    case Command::SamStatus:
        return "sam_status";
    case Command::ReadSamId:
        return "read_sam_id";
    case Command::FindCard:
        return "find_card";
    case Command::SelectCard:
        return "select_card";
    case Command::ReadBase:
        return "read_base";
    case Command::ReadAppendedAddress:
        return "read_appended_address";
    case Command::ReadBaseWithFingerprint:
        return "read_base_with_fingerprint";
    case Command::SetMaxRfBytes:
        return "set_max_rf_bytes";
    }
    return "unknown";
}

std::string describe_sw3(uint8_t sw3) {
    const char* meaning = sw3_meaning(sw3);
    return fmt::format("{} (SW3 0x{:02X})", meaning ? meaning : "unknown status", sw3);
}

Error sw3_error(uint8_t sw3) {
    return make_error(ErrorCode::Device, describe_sw3(sw3));
}

std::vector<uint8_t> build_command(Command command, std::span<const uint8_t> data) {
    auto value = static_cast<uint16_t>(command);
    return build_frame({static_cast<uint8_t>(value >> 8), static_cast<uint8_t>(value & 0xFF)}, data);
}

std::vector<uint8_t> build_response(uint8_t sw3, std::span<const uint8_t> data, uint8_t sw1, uint8_t sw2) {
    return build_frame({sw1, sw2, sw3}, data);
}

void FrameReader::feed(std::span<const uint8_t> bytes) {
    m_buffer.insert(m_buffer.end(), bytes.begin(), bytes.end());
}

std::optional<Result<std::vector<uint8_t>>> FrameReader::next() {
    auto preamble_at =
        std::search(m_buffer.begin(), m_buffer.end(), std::begin(kPreamble), std::end(kPreamble));
    if (preamble_at == m_buffer.end()) {
        // Keep a tail that may be the start of a preamble split across reads.
        size_t keep = 0;
        for (size_t n = std::min(m_buffer.size(), sizeof kPreamble - 1); n > 0 && keep == 0; --n)
            if (std::equal(m_buffer.end() - static_cast<ptrdiff_t>(n), m_buffer.end(), std::begin(kPreamble)))
                keep = n;
        m_skipped += m_buffer.size() - keep;
        m_buffer.erase(m_buffer.begin(), m_buffer.end() - static_cast<ptrdiff_t>(keep));
        return std::nullopt;
    }
    m_skipped += static_cast<size_t>(preamble_at - m_buffer.begin());
    m_buffer.erase(m_buffer.begin(), preamble_at);
    if (m_buffer.size() < kHeaderSize)
        return std::nullopt;

    size_t length = size_t(m_buffer[5]) << 8 | m_buffer[6];
    if (length < kMinFrameLength || length > kMaxFrameLength) {
        // A corrupt header, not a frame: drop one byte so the scan finds the next preamble.
        m_buffer.erase(m_buffer.begin());
        ++m_skipped;
        return Result<std::vector<uint8_t>>(
            make_error(ErrorCode::InvalidData, fmt::format("frame length {} out of range {}..{}", length,
                                                           kMinFrameLength, kMaxFrameLength)));
    }
    size_t total = kHeaderSize + length;
    if (m_buffer.size() < total)
        return std::nullopt;

    uint8_t expected = checksum(std::span(m_buffer).subspan(sizeof kPreamble, total - sizeof kPreamble - 1));
    uint8_t received = m_buffer[total - 1];
    std::vector<uint8_t> body(m_buffer.begin() + kHeaderSize,
                              m_buffer.begin() + static_cast<ptrdiff_t>(total - 1));
    m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<ptrdiff_t>(total));
    if (expected != received)
        return Result<std::vector<uint8_t>>(
            make_error(ErrorCode::InvalidData, fmt::format("{}: frame says 0x{:02X}, bytes give 0x{:02X}",
                                                           kChecksumError, received, expected)));
    return Result<std::vector<uint8_t>>(std::move(body));
}

size_t FrameReader::bytes_wanted() const {
    auto preamble_at =
        std::search(m_buffer.begin(), m_buffer.end(), std::begin(kPreamble), std::end(kPreamble));
    if (preamble_at != m_buffer.begin()) {
        if (preamble_at != m_buffer.end())
            return 0; // garbage to skip first: next() makes progress
        size_t partial = 0;
        for (size_t n = std::min(m_buffer.size(), sizeof kPreamble - 1); n > 0 && partial == 0; --n)
            if (std::equal(m_buffer.end() - static_cast<ptrdiff_t>(n), m_buffer.end(), std::begin(kPreamble)))
                partial = n;
        return kHeaderSize + kMinFrameLength - partial;
    }
    if (m_buffer.size() < kHeaderSize)
        return kHeaderSize + kMinFrameLength - m_buffer.size();
    size_t length = size_t(m_buffer[5]) << 8 | m_buffer[6];
    if (length < kMinFrameLength || length > kMaxFrameLength)
        return 0; // next() reports it
    size_t total = kHeaderSize + length;
    return m_buffer.size() >= total ? 0 : total - m_buffer.size();
}

void FrameReader::clear() {
    m_buffer.clear();
}

Result<Response> response_from_body(std::span<const uint8_t> body) {
    if (body.size() < 3)
        return make_error(ErrorCode::InvalidData,
                          fmt::format("response body has {} bytes, fewer than SW1 SW2 SW3", body.size()));
    return Response{body[0], body[1], body[2], std::vector<uint8_t>(body.begin() + 3, body.end())};
}

Result<CommandFrame> command_from_body(std::span<const uint8_t> body) {
    if (body.size() < 2)
        return make_error(ErrorCode::InvalidData,
                          fmt::format("command body has {} bytes, fewer than CMD PARA", body.size()));
    auto value = static_cast<uint16_t>(body[0] << 8 | body[1]);
    if (!known_command(value))
        return make_error(ErrorCode::InvalidData,
                          fmt::format("unknown command {:02X} {:02X}", body[0], body[1]));
    return CommandFrame{static_cast<Command>(value), std::vector<uint8_t>(body.begin() + 2, body.end())};
}

Result<Response> parse_response_frame(std::span<const uint8_t> frame) {
    if (frame.size() < kHeaderSize || !std::equal(std::begin(kPreamble), std::end(kPreamble), frame.begin()))
        return make_error(ErrorCode::InvalidData, "response frame does not start with AA AA AA 96 69");
    size_t total = kHeaderSize + (size_t(frame[5]) << 8 | frame[6]);
    if (frame.size() < total)
        return make_error(ErrorCode::InvalidData,
                          fmt::format("response frame truncated: {} of {} bytes", frame.size(), total));
    if (frame.size() > total)
        return make_error(ErrorCode::InvalidData,
                          fmt::format("{} trailing bytes after the response frame", frame.size() - total));
    FrameReader reader;
    reader.feed(frame);
    auto body = reader.next();
    if (!body)
        return make_error(ErrorCode::Internal, "a whole frame did not frame");
    if (!body->ok())
        return body->release_error();
    return response_from_body(body->value());
}

} // namespace kiosk::drivers::sam
