// How the real ID-card reader handles what goes wrong (docs/specs/idcard-sam.md §1.6, §5): a failed
// read is reported once and retried with a fresh find + select, a bad frame is re-sent, an invalid
// card never yields an identity, a SAM that is not ready is a fault until it is, and an unplugged
// reader is absent until it comes back.

#include "EventRecorder.h"
#include "FakeSamDevice.h"

#include <gtest/gtest.h>

namespace kiosk::drivers {
namespace {

using domain::DeviceState;
using domain::FixedBy;
using sam::Command;
using testing::EventRecorder;
using testing::FakeSamDevice;
using testing::FakeSamState;

class SamReaderFaultTest : public ::testing::Test {
protected:
    void start(SamReaderOptions options = testing::fast_reader_options()) {
        reader = std::make_unique<SamReader>(device.opener(), std::move(options));
        ASSERT_TRUE(reader->start(recorder.sink()).ok());
    }
    void place_valid_card() { device.place(testing::card_text(testing::test_identity())); }
    std::vector<Error> read_failures() const {
        std::vector<Error> errors;
        for (const auto& event : recorder.events())
            if (auto* failed = std::get_if<CardReadFailed>(&event))
                errors.push_back(failed->error);
        return errors;
    }

    FakeSamDevice device;
    EventRecorder recorder;
    std::unique_ptr<SamReader> reader;
};

// Every read base must come right after a select that came right after a find (§5 pitfall 2).
void expect_each_read_freshly_selected(const std::vector<Command>& commands) {
    for (size_t i = 0; i < commands.size(); ++i) {
        if (commands[i] != Command::ReadBase)
            continue;
        ASSERT_GE(i, 2u);
        EXPECT_EQ(commands[i - 1], Command::SelectCard) << "read #" << i;
        EXPECT_EQ(commands[i - 2], Command::FindCard) << "read #" << i;
    }
}

TEST_F(SamReaderFaultTest, ReadFailureIsReportedOnceThenRetriedWithFindAndSelect) {
    device.update([](FakeSamState& s) { s.failing_reads = 3; });
    start();
    place_valid_card();
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(1));
    auto failures = read_failures();
    ASSERT_EQ(failures.size(), 1u);
    EXPECT_EQ(failures[0].code, ErrorCode::Device);
    EXPECT_NE(failures[0].message.find("0x41"), std::string::npos) << failures[0].message;
    auto state = device.snapshot();
    EXPECT_EQ(state.count(Command::ReadBase), 4);
    expect_each_read_freshly_selected(state.commands);
}

TEST_F(SamReaderFaultTest, ReadTimeoutIsAReadFailure) {
    device.update([](FakeSamState& s) { s.silent_reads = 1; });
    start();
    place_valid_card();
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(1));
    auto failures = read_failures();
    ASSERT_EQ(failures.size(), 1u);
    EXPECT_EQ(failures[0].code, ErrorCode::Timeout);
    expect_each_read_freshly_selected(device.snapshot().commands);
}

TEST_F(SamReaderFaultTest, BadChecksumIsResentWithoutReportingAFailure) {
    device.update([](FakeSamState& s) { s.bad_frame_reads = 1; });
    start();
    place_valid_card();
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(1));
    EXPECT_TRUE(read_failures().empty());
    auto commands = device.snapshot().commands;
    auto first_read = std::find(commands.begin(), commands.end(), Command::ReadBase);
    ASSERT_NE(first_read, commands.end());
    EXPECT_EQ(*(first_read + 1), Command::ReadBase); // the same command again, at once
}

TEST_F(SamReaderFaultTest, BadChecksumBeyondTheRetriesIsAReadFailure) {
    auto options = testing::fast_reader_options();
    options.bad_frame_retries = 2;
    device.update([](FakeSamState& s) { s.bad_frame_reads = 3; });
    start(options);
    place_valid_card();
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(1));
    auto failures = read_failures();
    ASSERT_EQ(failures.size(), 1u);
    EXPECT_EQ(failures[0].code, ErrorCode::InvalidData);
}

TEST_F(SamReaderFaultTest, InvalidIdentityIsAReadFailureAndIsNotReadAgain) {
    auto identity = testing::test_identity();
    identity.id_number.back() = identity.id_number.back() == '0' ? '1' : '0'; // wrong check character
    start();
    device.place(testing::card_text(identity));
    ASSERT_TRUE(recorder.wait_for_count<CardReadFailed>(1));
    EXPECT_EQ(read_failures()[0].code, ErrorCode::InvalidData);
    EXPECT_EQ(read_failures()[0].message.find(identity.id_number), std::string::npos);
    ASSERT_TRUE(device.wait_until(
        [](const FakeSamState& s) { return s.after_last(Command::ReadBase).size() >= 10; }));
    EXPECT_EQ(device.snapshot().count(Command::ReadBase), 1);
    EXPECT_EQ(recorder.count<CardPlaced>(), 0);
    device.remove();
    ASSERT_TRUE(recorder.wait_for_count<CardRemoved>(1));
    EXPECT_EQ(recorder.count<CardReadFailed>(), 1);
}

TEST_F(SamReaderFaultTest, SamNotReadyIsAFaultThatFixesItself) {
    device.update([](FakeSamState& s) { s.sam_not_ready = 3; });
    start();
    ASSERT_TRUE(recorder.wait_for_state(DeviceState::Ready));
    auto statuses = recorder.statuses();
    ASSERT_EQ(statuses.size(), 2u); // the fault once, not once per check
    EXPECT_EQ(statuses[0].state, DeviceState::Fault);
    EXPECT_EQ(statuses[0].fixed_by, FixedBy::Auto);
    EXPECT_EQ(statuses[0].reason, "sam-not-ready");
    EXPECT_EQ(statuses[1].state, DeviceState::Ready);
    EXPECT_EQ(device.snapshot().count(Command::SamStatus), 4);
    EXPECT_FALSE(reader->last_problem().has_value());
}

TEST_F(SamReaderFaultTest, UnauthorisedSamNeedsAnEngineer) {
    device.update([](FakeSamState& s) { s.sam_answer = 0x66; });
    start();
    ASSERT_TRUE(recorder.wait_for_state(DeviceState::Fault, "sam-not-authorised"));
    EXPECT_EQ(reader->status().fixed_by, FixedBy::Engineer);
    ASSERT_TRUE(reader->last_problem().has_value());
    EXPECT_NE(reader->last_problem()->message.find("0x66"), std::string::npos);
}

TEST_F(SamReaderFaultTest, SamThatStaysNotReadyGetsItsLinkReopened) {
    auto options = testing::fast_reader_options();
    options.failures_before_reopen = 3;
    device.update([](FakeSamState& s) { s.sam_not_ready = 7; });
    start(options);
    ASSERT_TRUE(recorder.wait_for_state(DeviceState::Ready));
    EXPECT_EQ(device.snapshot().opens, 3); // reopened after the 3rd and the 6th failed check
}

TEST_F(SamReaderFaultTest, MissingReaderIsAbsentUntilItCanBeOpened) {
    device.update([](FakeSamState& s) { s.refused_opens = 3; });
    start();
    ASSERT_TRUE(recorder.wait_for_state(DeviceState::Ready));
    auto statuses = recorder.statuses();
    ASSERT_EQ(statuses.size(), 2u);
    EXPECT_EQ(statuses[0].state, DeviceState::Absent);
    EXPECT_EQ(statuses[0].fixed_by, FixedBy::HallStaff);
    EXPECT_EQ(statuses[0].reason, "unplugged");
    EXPECT_EQ(device.snapshot().opens, 4);
}

TEST_F(SamReaderFaultTest, UnplugWithACardReportsRemovalAndAbsenceThenReadyAgain) {
    start();
    place_valid_card();
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(1));
    device.unplug();
    ASSERT_TRUE(recorder.wait_for_state(DeviceState::Absent, "unplugged"));
    EXPECT_EQ(recorder.count<CardRemoved>(), 1);
    EXPECT_EQ(reader->status().state, DeviceState::Absent);
    ASSERT_TRUE(reader->last_problem().has_value());
    EXPECT_EQ(reader->last_problem()->code, ErrorCode::NotFound);

    device.replug();
    ASSERT_TRUE(recorder.wait_until([](const EventRecorder::Events& events) {
        return std::holds_alternative<domain::DeviceStatus>(events.back()) &&
               std::get<domain::DeviceStatus>(events.back()).state == DeviceState::Ready &&
               EventRecorder::count<CardPlaced>(events) == 2;
    }));
}

TEST_F(SamReaderFaultTest, RepeatedSilenceReopensTheLink) {
    auto options = testing::fast_reader_options();
    options.failures_before_reopen = 3;
    options.find_timeout = std::chrono::milliseconds(20);
    start(options);
    ASSERT_TRUE(recorder.wait_for_state(DeviceState::Ready));
    device.update([](FakeSamState& s) { s.silent_finds = 3; });
    ASSERT_TRUE(device.wait_until([](const FakeSamState& s) { return s.opens == 2; }));
    EXPECT_EQ(reader->status().state, DeviceState::Ready);
}

TEST_F(SamReaderFaultTest, HotplugLeftReportsAbsentAtOnceAndArrivalReopensAtOnce) {
    auto options = testing::fast_reader_options();
    options.read_timeout = std::chrono::minutes(10);
    options.reopen_backoff = std::chrono::hours(1); // only the arrival hint can bring it back in time
    device.update([](FakeSamState& s) { s.hold_reads = true; });
    start(options);
    place_valid_card();
    ASSERT_TRUE(device.wait_until([](const FakeSamState& s) { return s.count(Command::ReadBase) == 1; }));

    device.update([](FakeSamState& s) { s.refused_opens = 1000; }); // gone, as far as opening goes
    reader->device_left();
    ASSERT_TRUE(recorder.wait_for_state(DeviceState::Absent, "unplugged"));
    EXPECT_EQ(recorder.count<CardReadFailed>(), 0); // the interrupted read is not blamed on the card
    ASSERT_TRUE(device.wait_until([](const FakeSamState& s) { return s.opens >= 2; }));

    device.update([](FakeSamState& s) {
        s.refused_opens = 0;
        s.hold_reads = false;
    });
    reader->device_arrived();
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(1));
}

} // namespace
} // namespace kiosk::drivers
