// The CLI's blocking read (read_one_card) is the reader's own path: the first card's identity, a
// failed read as its error, an absent reader at once, no card as a timeout.

#include "FakeSamDevice.h"

#include <gtest/gtest.h>

namespace kiosk::drivers {
namespace {

using testing::FakeSamDevice;
using testing::FakeSamState;

constexpr std::chrono::minutes kPatience{2}; // never reached when the code is right

TEST(ReadOneCardTest, ReturnsTheIdentityOfTheCardOnTheReader) {
    FakeSamDevice device;
    device.place(testing::card_text(testing::test_identity()));
    auto identity = read_one_card(device.opener(), testing::fast_reader_options(), kPatience);
    ASSERT_TRUE(identity.ok()) << identity.error().describe();
    EXPECT_EQ(identity->id_number, testing::test_identity().id_number);
}

TEST(ReadOneCardTest, ReturnsAFailedReadAsTheError) {
    FakeSamDevice device;
    device.update([](FakeSamState& s) { s.failing_reads = 1; });
    device.place(testing::card_text(testing::test_identity()));
    auto identity = read_one_card(device.opener(), testing::fast_reader_options(), kPatience);
    ASSERT_FALSE(identity.ok());
    EXPECT_EQ(identity.error().code, ErrorCode::Device);
    EXPECT_NE(identity.error().message.find("0x41"), std::string::npos);
}

TEST(ReadOneCardTest, FailsAtOnceWhenNoReaderIsConnected) {
    FakeSamDevice device;
    device.update([](FakeSamState& s) { s.plugged = false; });
    auto began = std::chrono::steady_clock::now();
    auto identity = read_one_card(device.opener(), testing::fast_reader_options(), std::chrono::minutes(10));
    ASSERT_FALSE(identity.ok());
    EXPECT_EQ(identity.error().code, ErrorCode::NotFound);
    EXPECT_LT(std::chrono::steady_clock::now() - began, kPatience);
}

TEST(ReadOneCardTest, TimesOutWithoutACard) {
    FakeSamDevice device;
    auto identity =
        read_one_card(device.opener(), testing::fast_reader_options(), std::chrono::milliseconds(200));
    ASSERT_FALSE(identity.ok());
    EXPECT_EQ(identity.error().code, ErrorCode::Timeout);
}

TEST(ReadOneCardTest, TimeoutNamesAReaderThatNeverBecameReady) {
    FakeSamDevice device;
    device.update([](FakeSamState& s) { s.sam_not_ready = 1'000'000; });
    auto identity = read_one_card(device.opener(), testing::fast_reader_options(), std::chrono::seconds(2));
    ASSERT_FALSE(identity.ok());
    EXPECT_EQ(identity.error().code, ErrorCode::Timeout);
    EXPECT_NE(identity.error().message.find("sam-not-ready"), std::string::npos) << identity.error().message;
}

} // namespace
} // namespace kiosk::drivers
