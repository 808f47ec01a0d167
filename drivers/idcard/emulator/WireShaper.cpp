#include "drivers/idcard/emulator/WireShaper.h"

#include <algorithm>

namespace kiosk::drivers::sam::emulator {
namespace {

constexpr size_t kPacedSlice = 8; // bytes per write when pacing (~0.7 ms at 115200)

} // namespace

WireShaper::WireShaper(const Faults& faults, const Timings& timings) : m_faults(faults), m_timings(timings) {}

void WireShaper::arm(Action::Kind kind, int count) {
    switch (kind) {
    case Action::Kind::Corrupt:
        m_faults.corrupt_checksum.responses = count;
        break;
    case Action::Kind::Garbage:
        m_faults.garbage_before.responses = count;
        break;
    case Action::Kind::Split:
        m_faults.split.responses = count;
        break;
    default:
        break;
    }
}

bool WireShaper::take(WireFault& fault, std::optional<Command> command) {
    if (fault.responses <= 0 || (fault.command && fault.command != command))
        return false;
    --fault.responses;
    return true;
}

std::vector<Chunk> WireShaper::shape(std::optional<Command> command, std::vector<uint8_t> frame) {
    if (frame.empty())
        return {};
    if (take(m_faults.corrupt_checksum, command))
        frame.back() ^= 0x5A;
    // Pieces written separately, each with the gap before it.
    std::vector<std::pair<std::chrono::microseconds, std::vector<uint8_t>>> pieces;
    if (take(m_faults.garbage_before, command))
        pieces.emplace_back(std::chrono::microseconds(0), m_faults.garbage);
    if (take(m_faults.split, command)) {
        size_t parts = std::min(size_t(m_faults.split_parts), frame.size());
        size_t at = 0;
        for (size_t i = 0; i < parts; ++i) {
            size_t end = frame.size() * (i + 1) / parts;
            auto gap =
                i == 0 ? std::chrono::microseconds(0) : std::chrono::milliseconds(m_faults.split_gap_ms);
            pieces.emplace_back(gap,
                                std::vector<uint8_t>(frame.begin() + long(at), frame.begin() + long(end)));
            at = end;
        }
    } else {
        pieces.emplace_back(std::chrono::microseconds(0), std::move(frame));
    }

    std::vector<Chunk> chunks;
    std::chrono::microseconds clock(0);
    double byte_us = 10.0 * 1e6 / m_timings.baud; // 8N1: start + 8 data + stop bits
    for (auto& [gap, bytes] : pieces) {
        clock += gap;
        if (!m_timings.wire_time) {
            chunks.push_back({clock, std::move(bytes)});
            continue;
        }
        // Each slice leaves when its last byte would have crossed the wire.
        for (size_t at = 0; at < bytes.size(); at += kPacedSlice) {
            size_t end = std::min(bytes.size(), at + kPacedSlice);
            auto wire = std::chrono::microseconds(long(double(end) * byte_us));
            chunks.push_back(
                {clock + wire, std::vector<uint8_t>(bytes.begin() + long(at), bytes.begin() + long(end))});
        }
        clock += std::chrono::microseconds(long(double(bytes.size()) * byte_us));
    }
    return chunks;
}

} // namespace kiosk::drivers::sam::emulator
