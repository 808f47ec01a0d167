#include "drivers/idcard/emulator/SamEmulator.h"

#include <fmt/format.h>

namespace kiosk::drivers::sam::emulator {
namespace {

constexpr size_t kFingerprintSize = 1024;

std::vector<uint8_t> status(Sw3 sw3, std::span<const uint8_t> data = {}) {
    return build_response(static_cast<uint8_t>(sw3), data);
}

void put_u16(std::vector<uint8_t>& out, size_t value) {
    out.push_back(static_cast<uint8_t>(value >> 8));
    out.push_back(static_cast<uint8_t>(value & 0xFF));
}

} // namespace

SamEmulator::SamEmulator(const EmulatorScript& script)
    : m_cards(script.cards), m_sam_id(script.sam_id), m_scripted_not_ready(script.faults.sam_not_ready_polls),
      m_not_ready_polls(script.faults.sam_not_ready_polls), m_read_failures(script.faults.read_failures) {}

Result<void> SamEmulator::place(int card) {
    if (card < 0 || size_t(card) >= m_cards.size())
        return make_error(ErrorCode::InvalidArgument,
                          fmt::format("no card {} (the script has {})", card, m_cards.size()));
    m_card = card;
    m_found = m_selected = m_read_done = false;
    return {};
}

void SamEmulator::remove() {
    m_card.reset();
    m_found = m_selected = m_read_done = false;
}

void SamEmulator::power_cycle() {
    m_not_ready_polls = m_scripted_not_ready;
    m_found = m_selected = m_read_done = false;
}

SamEmulator::Answer SamEmulator::answer(const Result<std::vector<uint8_t>>& body) {
    if (!body.ok()) {
        // §1.2 note: a SAM answers a frame with a bad checksum with 0x10; a header too broken to frame
        // (impossible LEN) gets no answer, as the SAM cannot tell where it ends.
        if (body.error().message.starts_with(kChecksumError))
            return {std::nullopt, status(Sw3::ChecksumError), false};
        return {};
    }
    auto command = command_from_body(body.value());
    if (!command)
        return {std::nullopt, status(Sw3::CommandError), false};
    Answer answer{command->command, {}, false};
    answer.frame = respond(command.value(), answer.card_read);
    return answer;
}

std::vector<uint8_t> SamEmulator::respond(const CommandFrame& command, bool& card_read) {
    bool poll = command.command == Command::SamStatus || command.command == Command::ReadSamId;
    if (m_not_ready_polls > 0 && command.command != Command::ResetSam) {
        // §5 pitfall 5: after power-up the SAM reports 0x60 for a while; status/ID polls wear it off.
        if (poll)
            --m_not_ready_polls;
        return status(Sw3::SamSelfTestFailed);
    }
    switch (command.command) {
    case Command::ResetSam:
        m_found = m_selected = false;
        return status(Sw3::Success);
    case Command::SamStatus:
        return status(Sw3::Success);
    case Command::ReadSamId:
        return status(Sw3::Success, m_sam_id);
    case Command::FindCard: {
        if (!m_card || m_read_done)
            return status(Sw3::NoCard);
        m_found = true;
        m_selected = false;
        static constexpr uint8_t kFindData[4] = {};
        return status(Sw3::FindSuccess, kFindData);
    }
    case Command::SelectCard: {
        if (!m_card || m_read_done || !m_found)
            return status(Sw3::SelectFailed);
        m_selected = true;
        static constexpr uint8_t kSelectData[8] = {};
        return status(Sw3::Success, kSelectData);
    }
    case Command::ReadBase:
    case Command::ReadBaseWithFingerprint:
        return read_base(command.command == Command::ReadBaseWithFingerprint, card_read);
    case Command::ReadAppendedAddress: {
        if (!m_card)
            return status(Sw3::NoCard);
        const auto& address = m_cards[size_t(*m_card)].appended_address;
        return address ? status(Sw3::Success, *address) : status(Sw3::NoContent);
    }
    case Command::SetMaxRfBytes:
        return command.data.size() == 1 ? status(Sw3::Success) : status(Sw3::CommandError);
    }
    return status(Sw3::CommandError);
}

std::vector<uint8_t> SamEmulator::read_base(bool with_fingerprint, bool& card_read) {
    if (!m_card)
        return status(Sw3::ReadFailed);
    if (!m_selected)
        return status(Sw3::CommandError); // find and select come first (§1.6 step 3)
    m_found = m_selected = false;         // §5 pitfall 2: every read needs a fresh find/select
    if (m_read_failures > 0) {
        --m_read_failures;
        return status(Sw3::ReadFailed);
    }
    const EmulatedCard& card = m_cards[size_t(*m_card)];
    size_t fingerprint = with_fingerprint && card.fingerprint ? kFingerprintSize : 0;
    std::vector<uint8_t> data;
    data.reserve(6 + kTextSize + kPhotoSize + fingerprint);
    put_u16(data, kTextSize); // §2.1
    put_u16(data, kPhotoSize);
    if (with_fingerprint)
        put_u16(data, fingerprint); // §2.7
    data.insert(data.end(), card.text.begin(), card.text.end());
    data.insert(data.end(), card.photo.begin(), card.photo.end());
    for (size_t i = 0; i < fingerprint; ++i)
        data.push_back(static_cast<uint8_t>(0xF0 ^ i));
    m_read_done = true;
    card_read = true;
    return status(Sw3::Success, data);
}

} // namespace kiosk::drivers::sam::emulator
