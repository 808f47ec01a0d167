// The SAM link layer (docs/specs/idcard-sam.md §1): every command frame of §1.2 and every sample
// response of §1.3 byte for byte, and length-driven framing that survives split input, garbage, bad
// checksums and absurd lengths.

#include "drivers/idcard/SamFrame.h"
#include "drivers/idcard/HexText.h"

#include <gtest/gtest.h>
#include <random>

namespace kiosk::drivers::sam {
namespace {

std::vector<uint8_t> hex(std::string_view text) {
    return parse_hex(text).value();
}

TEST(SamFrame, EveryCommandFrameOfTheSpecIsBuiltByteForByte) {
    struct Case {
        Command command;
        std::vector<uint8_t> data;
        const char* frame;
    };
    for (const Case& c : {
             Case{Command::ResetSam, {}, "AA AA AA 96 69 00 03 10 FF EC"},
             Case{Command::SamStatus, {}, "AA AA AA 96 69 00 03 11 FF ED"},
             Case{Command::ReadSamId, {}, "AA AA AA 96 69 00 03 12 FF EE"},
             Case{Command::FindCard, {}, "AA AA AA 96 69 00 03 20 01 22"},
             Case{Command::SelectCard, {}, "AA AA AA 96 69 00 03 20 02 21"},
             Case{Command::ReadBase, {}, "AA AA AA 96 69 00 03 30 01 32"},
             Case{Command::ReadAppendedAddress, {}, "AA AA AA 96 69 00 03 30 03 30"},
             Case{Command::ReadBaseWithFingerprint, {}, "AA AA AA 96 69 00 03 30 10 23"},
             Case{Command::SetMaxRfBytes, {0x50}, "AA AA AA 96 69 00 04 61 FF 50 CA"},
         }) {
        EXPECT_EQ(to_hex(build_command(c.command, c.data)), c.frame) << to_string(c.command);
        // …and the reader side takes each apart again.
        FrameReader reader;
        reader.feed(hex(c.frame));
        auto body = reader.next();
        ASSERT_TRUE(body && body->ok()) << to_string(c.command);
        auto command = command_from_body(body->value());
        ASSERT_TRUE(command.ok());
        EXPECT_EQ(command->command, c.command);
        EXPECT_EQ(command->data, c.data);
    }
}

// §1.2's baud-rate frames (60 00..04, from one vendor page) are well-formed frames, but no command the
// driver sends: switching speed is not implemented, so command_from_body refuses them.
TEST(SamFrame, TheSpecsBaudRateFramesFrameButAreNotOurCommands) {
    for (const char* frame :
         {"AA AA AA 96 69 00 03 60 00 63", "AA AA AA 96 69 00 03 60 01 62", "AA AA AA 96 69 00 03 60 02 61",
          "AA AA AA 96 69 00 03 60 03 60", "AA AA AA 96 69 00 03 60 04 67"}) {
        FrameReader reader;
        reader.feed(hex(frame));
        auto body = reader.next();
        ASSERT_TRUE(body && body->ok()) << frame;
        EXPECT_FALSE(command_from_body(body->value()).ok()) << frame;
    }
}

TEST(SamFrame, EverySampleResponseOfTheSpecIsBuiltAndParsedByteForByte) {
    struct Case {
        uint8_t sw3;
        size_t data_size;
        const char* frame;
    };
    for (const Case& c : {
             Case{0x90, 0, "AA AA AA 96 69 00 04 00 00 90 94"},
             Case{0x60, 0, "AA AA AA 96 69 00 04 00 00 60 64"},
             Case{0x9F, 4, "AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97"},
             Case{0x80, 0, "AA AA AA 96 69 00 04 00 00 80 84"},
             Case{0x90, 8, "AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C"},
             Case{0x81, 0, "AA AA AA 96 69 00 04 00 00 81 85"},
             Case{0x41, 0, "AA AA AA 96 69 00 04 00 00 41 45"},
         }) {
        std::vector<uint8_t> data(c.data_size, 0);
        EXPECT_EQ(to_hex(build_response(c.sw3, data)), c.frame);
        auto response = parse_response_frame(hex(c.frame));
        ASSERT_TRUE(response.ok()) << c.frame << ": " << response.error().message;
        EXPECT_EQ(response->sw1, 0);
        EXPECT_EQ(response->sw2, 0);
        EXPECT_EQ(response->sw3, c.sw3);
        EXPECT_EQ(response->data, data);
    }
}

TEST(SamFrame, ReadBaseAnswerIs1295BytesWithTheSpecsHeader) {
    std::vector<uint8_t> data = {0x01, 0x00, 0x04, 0x00};
    data.resize(4 + 256 + 1024, 0x5A);
    auto frame = build_response(0x90, data);
    ASSERT_EQ(frame.size(), 1295u);
    EXPECT_EQ(to_hex(std::span(frame).first(14)), "AA AA AA 96 69 05 08 00 00 90 01 00 04 00");
    auto response = parse_response_frame(frame);
    ASSERT_TRUE(response.ok());
    EXPECT_EQ(response->data, data);
}

TEST(SamFrame, SamIdAnswerIs27Bytes) {
    std::vector<uint8_t> id(16, 0x11);
    auto frame = build_response(0x90, id);
    ASSERT_EQ(frame.size(), 27u);
    EXPECT_EQ(frame[5], 0x00);
    EXPECT_EQ(frame[6], 0x14);
}

TEST(SamFrame, EveryWireStatusHasAShortEnglishMeaning) {
    EXPECT_EQ(describe_sw3(0x41), "read failed (SW3 0x41)");
    EXPECT_EQ(describe_sw3(0x80), "no card (SW3 0x80)");
    EXPECT_EQ(describe_sw3(0x60), "SAM self-test failed (SW3 0x60)");
    EXPECT_EQ(describe_sw3(0x10), "reader received a bad checksum (SW3 0x10)");
    EXPECT_EQ(describe_sw3(0x02), "unknown status (SW3 0x02)"); // a host-side SDK code, not a wire code
    for (uint8_t code : {0x90, 0x91, 0x9F, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32,
                         0x33, 0x37, 0x3F, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81})
        EXPECT_EQ(describe_sw3(code).find("unknown status"), std::string::npos) << int(code);
    Error error = sw3_error(0x41);
    EXPECT_EQ(error.code, ErrorCode::Device);
    EXPECT_EQ(error.message, "read failed (SW3 0x41)");
}

TEST(SamFrameReader, FramesInputFedByteByByte) {
    auto frame = build_response(0x9F, std::vector<uint8_t>(4, 0));
    FrameReader reader;
    for (size_t i = 0; i + 1 < frame.size(); ++i) {
        reader.feed(std::span(frame).subspan(i, 1));
        EXPECT_FALSE(reader.next()) << "after byte " << i;
        EXPECT_GT(reader.bytes_wanted(), 0u);
    }
    EXPECT_EQ(reader.bytes_wanted(), 1u);
    reader.feed(std::span(frame).last(1));
    EXPECT_EQ(reader.bytes_wanted(), 0u);
    auto body = reader.next();
    ASSERT_TRUE(body && body->ok());
    EXPECT_EQ(to_hex(body->value()), "00 00 9F 00 00 00 00");
    EXPECT_FALSE(reader.next());
    EXPECT_EQ(reader.skipped_bytes(), 0u);
}

TEST(SamFrameReader, BytesWantedTellsHowMuchAFrameStillNeeds) {
    FrameReader reader;
    EXPECT_EQ(reader.bytes_wanted(), kHeaderSize + 3);
    reader.feed(hex("AA AA AA 96 69 05 08"));
    EXPECT_EQ(reader.bytes_wanted(), 1288u);
}

TEST(SamFrameReader, SkipsGarbageBeforeAFrameAndCountsIt) {
    FrameReader reader;
    reader.feed(hex("00 FF 13 AA AA 96 AA AA AA AA 96 69 00 04 00 00 90 94"));
    auto body = reader.next();
    ASSERT_TRUE(body && body->ok());
    EXPECT_EQ(to_hex(body->value()), "00 00 90");
    EXPECT_EQ(reader.skipped_bytes(), 7u);
}

TEST(SamFrameReader, KeepsAPreambleSplitAcrossReads) {
    FrameReader reader;
    reader.feed(hex("01 02 AA AA"));
    EXPECT_FALSE(reader.next());
    reader.feed(hex("AA 96 69 00 04 00 00 80 84"));
    auto body = reader.next();
    ASSERT_TRUE(body && body->ok());
    EXPECT_EQ(body->value()[2], 0x80);
    EXPECT_EQ(reader.skipped_bytes(), 2u);
}

TEST(SamFrameReader, ReportsABadChecksumThenReadsTheNextFrame) {
    FrameReader reader;
    reader.feed(hex("AA AA AA 96 69 00 04 00 00 90 95  AA AA AA 96 69 00 04 00 00 41 45"));
    auto bad = reader.next();
    ASSERT_TRUE(bad && !bad->ok());
    EXPECT_EQ(bad->error().code, ErrorCode::InvalidData);
    EXPECT_TRUE(bad->error().message.starts_with(kChecksumError)) << bad->error().message;
    auto good = reader.next();
    ASSERT_TRUE(good && good->ok());
    EXPECT_EQ(good->value()[2], 0x41);
}

TEST(SamFrameReader, AnAbsurdLengthIsAnErrorAndTheReaderResynchronises) {
    for (const char* header : {"AA AA AA 96 69 FF FF", "AA AA AA 96 69 00 02", "AA AA AA 96 69 10 01"}) {
        FrameReader reader;
        reader.feed(hex(header));
        reader.feed(hex("AA AA AA 96 69 00 04 00 00 90 94"));
        auto bad = reader.next();
        ASSERT_TRUE(bad && !bad->ok()) << header;
        EXPECT_NE(bad->error().message.find("out of range"), std::string::npos);
        std::optional<Result<std::vector<uint8_t>>> good;
        while ((good = reader.next()) && !good->ok()) {
        }
        ASSERT_TRUE(good && good->ok()) << header;
        EXPECT_EQ(good->value()[2], 0x90);
    }
}

TEST(SamFrameReader, A1295ByteFrameInRandomChunksFramesOnceAndExactly) {
    std::vector<uint8_t> data = {0x01, 0x00, 0x04, 0x00};
    for (size_t i = 0; i < 256 + 1024; ++i)
        data.push_back(static_cast<uint8_t>(i * 7));
    auto frame = build_response(0x90, data);
    std::mt19937 random(467);
    for (int round = 0; round < 20; ++round) {
        FrameReader reader;
        size_t frames = 0;
        for (size_t at = 0; at < frame.size();) {
            size_t chunk = std::min(frame.size() - at, size_t(1 + random() % 200));
            reader.feed(std::span(frame).subspan(at, chunk));
            at += chunk;
            while (auto body = reader.next()) {
                ASSERT_TRUE(body->ok());
                auto response = response_from_body(body->value());
                ASSERT_TRUE(response.ok());
                EXPECT_EQ(response->data, data);
                ++frames;
            }
        }
        EXPECT_EQ(frames, 1u);
    }
}

TEST(SamFrame, BodiesTooShortOrUnknownCommandsAreErrors) {
    EXPECT_FALSE(response_from_body(hex("00 00")).ok());
    EXPECT_FALSE(command_from_body(hex("20")).ok());
    auto unknown = command_from_body(hex("60 00"));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().message, "unknown command 60 00");
}

TEST(SamFrame, AWholeResponseFrameMustBeExactlyOneFrame) {
    auto frame = hex("AA AA AA 96 69 00 04 00 00 90 94");
    EXPECT_TRUE(parse_response_frame(frame).ok());
    auto longer = frame;
    longer.push_back(0x00);
    EXPECT_NE(parse_response_frame(longer).error().message.find("trailing"), std::string::npos);
    EXPECT_NE(parse_response_frame(std::span(frame).first(10)).error().message.find("truncated"),
              std::string::npos);
    auto garbage_first = hex("00");
    garbage_first.insert(garbage_first.end(), frame.begin(), frame.end());
    EXPECT_FALSE(parse_response_frame(garbage_first).ok());
    frame[10] ^= 1;
    EXPECT_TRUE(parse_response_frame(frame).error().message.starts_with(kChecksumError));
    EXPECT_FALSE(parse_response_frame(hex("AA AA AA 96 69 00 03 00 00 93")).ok()); // 2-byte body: no SW3
}

} // namespace
} // namespace kiosk::drivers::sam
