// The real ID-card reader's state machine against a scripted reader (FakeSamDevice): a card placed is
// read exactly once, watched with a cheap presence command until it leaves, and the reader's status
// goes ready → busy while reading → ready. stop() keeps its promise: no report after it returns.

#include "EventRecorder.h"
#include "FakeSamDevice.h"

#include "core/base/Log.h"

#include <atomic>
#include <gtest/gtest.h>

namespace kiosk::drivers {
namespace {

using domain::DeviceState;
using sam::Command;
using testing::EventRecorder;
using testing::FakeSamDevice;
using testing::FakeSamState;

class SamReaderTest : public ::testing::Test {
protected:
    FakeSamDevice device;
    EventRecorder recorder;
    SamReader reader{device.opener(), testing::fast_reader_options()};
};

TEST_F(SamReaderTest, ReportsReadyFirstOnceTheSamAnswers) {
    ASSERT_TRUE(reader.start(recorder.sink()).ok());
    ASSERT_TRUE(recorder.wait_for_state(DeviceState::Ready));
    auto events = recorder.events();
    ASSERT_TRUE(std::holds_alternative<domain::DeviceStatus>(events.front()));
    EXPECT_EQ(std::get<domain::DeviceStatus>(events.front()).state, DeviceState::Ready);
    EXPECT_EQ(reader.status().state, DeviceState::Ready);
    EXPECT_EQ(device.snapshot().commands.front(), Command::SamStatus);
}

TEST_F(SamReaderTest, ReadsEachPlacementExactlyOnceAndWatchesPresenceMeanwhile) {
    ASSERT_TRUE(reader.start(recorder.sink()).ok());
    device.place(testing::card_text(testing::test_identity()));
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(1));

    // Many presence polls later: still one read, and nothing but the cheap command since it.
    ASSERT_TRUE(device.wait_until(
        [](const FakeSamState& s) { return s.after_last(Command::ReadBase).size() >= 10; }));
    auto state = device.snapshot();
    EXPECT_EQ(state.count(Command::ReadBase), 1);
    for (Command command : state.after_last(Command::ReadBase))
        EXPECT_EQ(command, Command::ReadAppendedAddress);
    EXPECT_EQ(recorder.count<CardPlaced>(), 1);

    device.remove();
    ASSERT_TRUE(recorder.wait_for_count<CardRemoved>(1));
    device.place(testing::card_text(testing::test_identity()));
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(2));
    EXPECT_EQ(device.snapshot().count(Command::ReadBase), 2);
    EXPECT_EQ(recorder.count<CardReadFailed>(), 0);
}

TEST_F(SamReaderTest, ReportsTheIdentityOnTheCard) {
    ASSERT_TRUE(reader.start(recorder.sink()).ok());
    device.place(testing::card_text(testing::test_identity()));
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(1));
    for (const auto& event : recorder.events()) {
        if (auto* placed = std::get_if<CardPlaced>(&event)) {
            auto expected = testing::test_identity();
            EXPECT_EQ(placed->identity.name, expected.name);
            EXPECT_EQ(placed->identity.id_number, expected.id_number);
            EXPECT_EQ(placed->identity.birth_date, expected.birth_date);
            EXPECT_EQ(placed->identity.photo_wlt.size(), sam::kPhotoSize);
        }
    }
}

TEST_F(SamReaderTest, IsBusyWhileReadingAndReadyAfterTheCardIsReported) {
    ASSERT_TRUE(reader.start(recorder.sink()).ok());
    device.place(testing::card_text(testing::test_identity()));
    ASSERT_TRUE(recorder.wait_until([](const EventRecorder::Events& events) {
        return !events.empty() && std::holds_alternative<domain::DeviceStatus>(events.back()) &&
               EventRecorder::count<CardPlaced>(events) == 1;
    }));
    std::vector<std::string> sequence;
    for (const auto& event : recorder.events()) {
        if (auto* status = std::get_if<domain::DeviceStatus>(&event))
            sequence.push_back(domain::to_string(status->state));
        else if (std::holds_alternative<CardPlaced>(event))
            sequence.push_back("card");
    }
    std::vector<std::string> expected = {domain::to_string(DeviceState::Ready),
                                         domain::to_string(DeviceState::Busy), "card",
                                         domain::to_string(DeviceState::Ready)};
    EXPECT_EQ(sequence, expected);
}

TEST_F(SamReaderTest, LogsNoPersonalData) {
    struct Lines {
        Lines() {
            log::set_observer([this](log::Level, std::string_view line) {
                std::lock_guard lock(mutex);
                all.emplace_back(line);
            });
        }
        ~Lines() { log::set_observer(nullptr); }
        std::mutex mutex;
        std::vector<std::string> all;
    } captured;
    auto identity = testing::test_identity();
    ASSERT_TRUE(reader.start(recorder.sink()).ok());
    device.place(testing::card_text(identity));
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(1));
    device.unplug();
    ASSERT_TRUE(recorder.wait_for_state(DeviceState::Absent));
    reader.stop();
    ASSERT_FALSE(captured.all.empty());
    for (const auto& line : captured.all) {
        EXPECT_EQ(line.find(identity.name), std::string::npos) << line;
        EXPECT_EQ(line.find(identity.id_number), std::string::npos) << line;
        EXPECT_EQ(line.find(identity.address), std::string::npos) << line;
    }
}

TEST_F(SamReaderTest, StopFromInsideTheSinkEndsAllReports) {
    auto own = std::make_unique<SamReader>(device.opener(), testing::fast_reader_options());
    SamReader* raw = own.get(); // the sink may still run while `own` is reset below
    std::atomic<bool> stopped = false;
    std::atomic<int> after_stop = 0;
    ASSERT_TRUE(own->start(recorder.sink([&](const IdCardEvent& event) {
                       if (stopped)
                           ++after_stop;
                       if (std::holds_alternative<CardPlaced>(event)) {
                           raw->stop();
                           stopped = true;
                       }
                   }))
                    .ok());
    device.place(testing::card_text(testing::test_identity()));
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(1));
    device.remove(); // would be CardRemoved
    device.unplug(); // would be Absent
    own.reset();     // joins the owner thread
    EXPECT_TRUE(stopped);
    EXPECT_EQ(after_stop, 0);
    EXPECT_EQ(recorder.count<CardRemoved>(), 0);
    EXPECT_EQ(recorder.count<domain::DeviceStatus>(), 2); // ready, busy; not the ready after the read
}

TEST_F(SamReaderTest, StopInterruptsAReadInFlightAndReportsNothingAfter) {
    auto options = testing::fast_reader_options();
    options.read_timeout = std::chrono::minutes(10);
    SamReader slow(device.opener(), options);
    device.update([](FakeSamState& s) { s.hold_reads = true; });
    ASSERT_TRUE(slow.start(recorder.sink()).ok());
    device.place(testing::card_text(testing::test_identity()));
    ASSERT_TRUE(device.wait_until([](const FakeSamState& s) { return s.count(Command::ReadBase) == 1; }));

    auto began = std::chrono::steady_clock::now();
    slow.stop();
    // Far below the 10-minute read deadline: the link was interrupted.
    EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::minutes(2));
    EXPECT_GE(device.snapshot().interrupts, 1);
    auto reported = recorder.events().size();
    device.update([](FakeSamState& s) { s.hold_reads = false; });
    device.unplug();
    EXPECT_EQ(recorder.events().size(), reported);
    EXPECT_EQ(recorder.count<CardReadFailed>(), 0);
}

TEST_F(SamReaderTest, StopWaitsForASinkCallInProgress) {
    std::atomic<bool> in_sink = false, release = false, sink_done = false;
    ASSERT_TRUE(reader
                    .start(recorder.sink([&](const IdCardEvent& event) {
                        if (!std::holds_alternative<CardPlaced>(event))
                            return;
                        in_sink = true;
                        while (!release)
                            std::this_thread::yield();
                        sink_done = true;
                    }))
                    .ok());
    device.place(testing::card_text(testing::test_identity()));
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(1));
    while (!in_sink)
        std::this_thread::yield();
    std::atomic<bool> stop_returned = false;
    std::thread stopper([&] {
        reader.stop();
        stop_returned = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50)); // give stop() a chance to return early
    EXPECT_FALSE(stop_returned);
    release = true;
    stopper.join();
    EXPECT_TRUE(sink_done);
}

TEST_F(SamReaderTest, CanStartAgainAfterStop) {
    ASSERT_TRUE(reader.start(recorder.sink()).ok());
    ASSERT_TRUE(recorder.wait_for_state(DeviceState::Ready));
    EXPECT_FALSE(reader.start(recorder.sink()).ok()); // already running
    reader.stop();
    ASSERT_TRUE(reader.start(recorder.sink()).ok());
    ASSERT_TRUE(recorder.wait_until([](const EventRecorder::Events& events) {
        return EventRecorder::count<domain::DeviceStatus>(events) == 2; // ready, and ready again
    }));
    EXPECT_EQ(device.snapshot().opens, 2);
}

} // namespace
} // namespace kiosk::drivers
