// The emulated reader's protocol logic, without a pty: one read per placement, the presence poll,
// and each scripted fault (drivers/idcard/emulator/SamEmulator.h, WireShaper.h).

#include "drivers/idcard/emulator/SamEmulator.h"
#include "drivers/idcard/CardText.h"
#include "drivers/idcard/emulator/WireShaper.h"

#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace kiosk::drivers::sam::emulator {
namespace {

constexpr domain::CivilDate kToday{2026, 1, 15};

EmulatorScript load(const char* name) {
    std::ifstream file(std::string(KIOSK_FIXTURES_DIR) + "/idcard/scripts/" + name);
    std::stringstream text;
    text << file.rdbuf();
    auto script = parse_script(text.str(), name);
    EXPECT_TRUE(script.ok()) << script.error().message;
    return script.release_value();
}

struct Exchange {
    SamEmulator::Answer answer;
    Response response;
};

Exchange ask(SamEmulator& sam, std::vector<uint8_t> frame) {
    FrameReader reader;
    reader.feed(frame);
    auto body = reader.next();
    EXPECT_TRUE(body.has_value());
    Exchange exchange{sam.answer(*body), {}};
    auto response = parse_response_frame(exchange.answer.frame);
    EXPECT_TRUE(response.ok()) << response.error().message;
    if (response.ok())
        exchange.response = response.release_value();
    return exchange;
}

uint8_t sw3(SamEmulator& sam, Command command, std::vector<uint8_t> data = {}) {
    return ask(sam, build_command(command, data)).response.sw3;
}

TEST(EmulatorSam, OneReadPerPlacementThenPresenceUntilRemoved) {
    SamEmulator sam(load("all-card-types.json"));
    EXPECT_EQ(sw3(sam, Command::FindCard), 0x80);
    ASSERT_TRUE(sam.place(0).ok());
    EXPECT_EQ(sw3(sam, Command::FindCard), 0x9F);
    EXPECT_EQ(sw3(sam, Command::SelectCard), 0x90);
    auto read = ask(sam, build_command(Command::ReadBase));
    EXPECT_TRUE(read.answer.card_read);
    EXPECT_EQ(read.answer.frame.size(), 1295u);
    auto identity = parse_read_base(read.response, kToday);
    ASSERT_TRUE(identity.ok()) << identity.error().message;
    EXPECT_EQ(identity->id_number, "110102199208150046");

    EXPECT_EQ(sw3(sam, Command::FindCard), 0x80);            // read once: no more finds while it lies there
    EXPECT_EQ(sw3(sam, Command::ReadAppendedAddress), 0x91); // …but the presence poll sees it
    sam.remove();
    EXPECT_EQ(sw3(sam, Command::ReadAppendedAddress), 0x80);
    ASSERT_TRUE(sam.place(0).ok());
    EXPECT_EQ(sw3(sam, Command::FindCard), 0x9F);
    EXPECT_FALSE(sam.place(9).ok());
}

TEST(EmulatorSam, AppendedAddressIsSentWhenTheCardHasOne) {
    SamEmulator sam(load("all-card-types.json"));
    ASSERT_TRUE(sam.place(1).ok());
    auto answer = ask(sam, build_command(Command::ReadAppendedAddress)).response;
    EXPECT_EQ(answer.sw3, 0x90);
    EXPECT_EQ(answer.data.size(), 70u);
}

TEST(EmulatorSam, ReadingNeedsFindAndSelectFirst) {
    SamEmulator sam(load("all-card-types.json"));
    EXPECT_EQ(sw3(sam, Command::SelectCard), 0x81);
    EXPECT_EQ(sw3(sam, Command::ReadBase), 0x41);
    ASSERT_TRUE(sam.place(2).ok());
    EXPECT_EQ(sw3(sam, Command::SelectCard), 0x81);
    EXPECT_EQ(sw3(sam, Command::ReadBase), 0x21);
}

TEST(EmulatorSam, ReadFailuresNeedAFreshFindAndSelect) {
    SamEmulator sam(load("all-card-types.json"));
    ASSERT_TRUE(sam.place(3).ok());
    sam.fail_reads(1);
    EXPECT_EQ(sw3(sam, Command::FindCard), 0x9F);
    EXPECT_EQ(sw3(sam, Command::SelectCard), 0x90);
    EXPECT_EQ(sw3(sam, Command::ReadBase), 0x41);
    EXPECT_EQ(sw3(sam, Command::ReadBase), 0x21);
    EXPECT_EQ(sw3(sam, Command::FindCard), 0x9F);
    EXPECT_EQ(sw3(sam, Command::SelectCard), 0x90);
    EXPECT_EQ(sw3(sam, Command::ReadBase), 0x90);
}

TEST(EmulatorSam, ReadWithFingerprintSendsItWhenTheCardHasOne) {
    SamEmulator sam(load("all-card-types.json"));
    for (auto [card, size] : {std::pair{4, size_t(2321)}, std::pair{0, size_t(1297)}}) {
        ASSERT_TRUE(sam.place(card).ok());
        sw3(sam, Command::FindCard);
        sw3(sam, Command::SelectCard);
        auto read = ask(sam, build_command(Command::ReadBaseWithFingerprint));
        EXPECT_EQ(read.answer.frame.size(), size);
        EXPECT_TRUE(parse_read_base(read.response, kToday).ok());
    }
}

TEST(EmulatorSam, NotReadyAfterPowerUpUntilPolled) {
    SamEmulator sam(load("faults.json"));
    EXPECT_EQ(sw3(sam, Command::FindCard), 0x60);
    EXPECT_EQ(sw3(sam, Command::SamStatus), 0x60);
    EXPECT_EQ(sw3(sam, Command::ReadSamId), 0x60);
    EXPECT_EQ(sw3(sam, Command::SamStatus), 0x90);
    auto id = ask(sam, build_command(Command::ReadSamId));
    EXPECT_EQ(id.answer.frame.size(), 27u);
    sam.power_cycle();
    EXPECT_EQ(sw3(sam, Command::SamStatus), 0x60);
}

TEST(EmulatorSam, AnswersABadChecksumWith0x10AndUnknownCommandsWith0x21) {
    SamEmulator sam(load("one-resident.json"));
    auto frame = build_command(Command::FindCard);
    frame.back() = 0x21; // the typo of one public program (§1.2)
    EXPECT_EQ(ask(sam, frame).response.sw3, 0x10);
    EXPECT_EQ(ask(sam, {0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x60, 0x00, 0x63}).response.sw3, 0x21);
    EXPECT_EQ(sw3(sam, Command::SetMaxRfBytes, {0x50}), 0x90);
    EXPECT_EQ(sw3(sam, Command::ResetSam), 0x90);
}

TEST(EmulatorWire, CorruptGarbageAndSplitApplyToTheNextResponses) {
    Faults faults;
    faults.corrupt_checksum = {1, Command::ReadBase};
    faults.garbage_before = {1, std::nullopt};
    faults.split = {1, std::nullopt};
    WireShaper shaper(faults, Timings{});
    auto frame = build_response(0x9F, std::vector<uint8_t>(4, 0));

    auto first = shaper.shape(Command::FindCard, frame); // garbage + split (3 parts), checksum intact
    ASSERT_EQ(first.size(), 4u);
    EXPECT_EQ(first[0].bytes, faults.garbage);
    EXPECT_EQ(first[2].at - first[1].at, std::chrono::milliseconds(20));
    FrameReader reader;
    for (const Chunk& chunk : first)
        reader.feed(chunk.bytes);
    auto body = reader.next();
    ASSERT_TRUE(body && body->ok());

    auto second = shaper.shape(Command::ReadBase, frame); // only the corruption is left
    ASSERT_EQ(second.size(), 1u);
    EXPECT_TRUE(parse_response_frame(second[0].bytes).error().message.starts_with(kChecksumError));
    EXPECT_EQ(shaper.shape(Command::ReadBase, frame)[0].bytes, frame);

    shaper.arm(Action::Kind::Corrupt, 1);
    EXPECT_NE(shaper.shape(Command::ReadBase, frame)[0].bytes, frame);
}

TEST(EmulatorWire, WireTimePacesA1295ByteAnswerOverAtLeast112Ms) {
    Timings timings;
    timings.wire_time = true;
    WireShaper shaper(Faults{}, timings);
    auto chunks = shaper.shape(Command::ReadBase, std::vector<uint8_t>(1295, 0x55));
    ASSERT_GT(chunks.size(), 100u);
    EXPECT_GE(chunks.back().at, std::chrono::milliseconds(112));
    EXPECT_LT(chunks.back().at, std::chrono::milliseconds(114));
    size_t total = 0;
    for (const Chunk& chunk : chunks)
        total += chunk.bytes.size();
    EXPECT_EQ(total, 1295u);
}

} // namespace
} // namespace kiosk::drivers::sam::emulator
