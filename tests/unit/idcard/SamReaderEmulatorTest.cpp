// The whole real path — SamReader over SerialLink over a pty — against idcard-emulator playing a
// GA/T 467 reader: a normal card, a read failure (0x41), a SAM that is not ready yet, wire faults
// (garbage, bad checksum, split frames), and a reader unplugged and plugged in again.

#include "EmulatorProcess.h"
#include "EventRecorder.h"

#include "drivers/idcard/SamReader.h"
#include "drivers/idcard/SerialLink.h"

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

namespace kiosk::drivers {
namespace {

using domain::DeviceState;
using sam::testing::EmulatorProcess;
using testing::EventRecorder;

const std::string kScripts = std::string(KIOSK_FIXTURES_DIR) + "/idcard/scripts/";
constexpr const char* kResidentId = "110102199208150046"; // card 0 of one-resident.json

// Timeouts far above what the emulator needs, so a loaded machine cannot turn them into faults.
SamReaderOptions emulator_options() {
    using std::chrono::milliseconds;
    SamReaderOptions options;
    options.poll_interval = milliseconds(20);
    options.presence_poll_interval = milliseconds(20);
    options.find_timeout = options.select_timeout = std::chrono::seconds(5);
    options.read_timeout = options.presence_timeout = std::chrono::seconds(10);
    options.sam_status_timeout = std::chrono::seconds(5);
    options.sam_backoff = milliseconds(20);
    options.sam_backoff_max = milliseconds(100);
    options.reopen_backoff = milliseconds(100);
    options.today = [] { return domain::CivilDate{2025, 1, 1}; };
    return options;
}

class SamReaderEmulatorTest : public ::testing::Test {
protected:
    void SetUp() override {
        char pattern[] = "/tmp/sam-reader-test-XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        m_dir = pattern;
        m_link = m_dir + "/ttyIDCARD";
    }
    void TearDown() override {
        reader.reset();
        emulator.reset();
        std::remove((m_dir + "/script.json").c_str());
        rmdir(m_dir.c_str());
    }

    void run_emulator(const std::string& script, std::vector<std::string> extra = {}) {
        std::vector<std::string> arguments = {"--script", script, "--link", m_link};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        emulator = std::make_unique<EmulatorProcess>(arguments);
        ASSERT_TRUE(emulator->started());
        ASSERT_TRUE(emulator->wait_for("device ")) << "the emulator did not come up";
    }
    std::string write_script(const std::string& json) {
        std::string path = m_dir + "/script.json";
        std::ofstream(path) << json;
        return path;
    }
    void start_reader() {
        reader = std::make_unique<SamReader>(sam::SerialLink::opener({m_link}), emulator_options());
        ASSERT_TRUE(reader->start(recorder.sink()).ok());
    }
    std::vector<std::string> placed_ids() const {
        std::vector<std::string> ids;
        for (const auto& event : recorder.events())
            if (auto* placed = std::get_if<CardPlaced>(&event))
                ids.push_back(placed->identity.id_number);
        return ids;
    }
    std::vector<Error> read_failures() const {
        std::vector<Error> errors;
        for (const auto& event : recorder.events())
            if (auto* failed = std::get_if<CardReadFailed>(&event))
                errors.push_back(failed->error);
        return errors;
    }

    std::string m_dir, m_link;
    std::unique_ptr<EmulatorProcess> emulator;
    EventRecorder recorder;
    std::unique_ptr<SamReader> reader;
};

TEST_F(SamReaderEmulatorTest, ReadsACardOncePerPlacement) {
    run_emulator(kScripts + "one-resident.json");
    start_reader();
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(1));
    EXPECT_EQ(placed_ids(), std::vector<std::string>{kResidentId});
    EXPECT_EQ(recorder.statuses().front().state, DeviceState::Ready);

    emulator->send("remove");
    ASSERT_TRUE(recorder.wait_for_count<CardRemoved>(1));
    EXPECT_EQ(recorder.count<CardPlaced>(), 1); // presence polls did not read it again
    emulator->send("place 0");
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(2));
    EXPECT_TRUE(read_failures().empty());
}

TEST_F(SamReaderEmulatorTest, ReadFailureIsReportedThenTheCardIsRead) {
    run_emulator(write_script(R"({"cards": [{"document_type": "resident_id", "name": "林晓燕", "sex": "F",
        "nation": "汉", "birth_date": "1992-08-15", "address": "北京市西城区展览路示例胡同12号",
        "id_number": "110102199208150046", "issuer": "北京市公安局西城分局",
        "valid_from": "2015-06-01", "valid_until": "2035-06-01"}]})"));
    start_reader();
    ASSERT_TRUE(recorder.wait_for_state(DeviceState::Ready));
    emulator->send("fail-read 1");
    ASSERT_TRUE(emulator->wait_for("ok fail-read"));
    emulator->send("place 0");
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(1));
    auto failures = read_failures();
    ASSERT_EQ(failures.size(), 1u);
    EXPECT_NE(failures[0].message.find("0x41"), std::string::npos) << failures[0].message;
    EXPECT_EQ(placed_ids(), std::vector<std::string>{kResidentId});
}

TEST_F(SamReaderEmulatorTest, SamNotReadyIsAFaultUntilItAnswers) {
    run_emulator(kScripts + "one-resident.json");
    emulator->send("sam-not-ready 3");
    ASSERT_TRUE(emulator->wait_for("ok sam-not-ready"));
    start_reader();
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(1));
    auto statuses = recorder.statuses();
    ASSERT_GE(statuses.size(), 2u);
    EXPECT_EQ(statuses[0].state, DeviceState::Fault);
    EXPECT_EQ(statuses[0].reason, "sam-not-ready");
    EXPECT_EQ(statuses[1].state, DeviceState::Ready);
}

TEST_F(SamReaderEmulatorTest, WireFaultsStillGiveOneCorrectRead) {
    run_emulator(kScripts + "faults.json"); // garbage, a bad checksum, split frames, 0x60 twice, one 0x41
    start_reader();
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(1));
    EXPECT_EQ(placed_ids(), std::vector<std::string>{"810000198804210036"});
    EXPECT_LE(read_failures().size(), 1u);
    emulator->send("remove");
    ASSERT_TRUE(recorder.wait_for_count<CardRemoved>(1));
    EXPECT_EQ(recorder.count<CardPlaced>(), 1);
}

TEST_F(SamReaderEmulatorTest, UnpluggedReaderIsAbsentThenReadyWhenItComesBack) {
    run_emulator(kScripts + "one-resident.json", {"--replug-after-ms", "500"});
    start_reader();
    ASSERT_TRUE(recorder.wait_for_count<CardPlaced>(1));
    emulator->send("unplug");
    ASSERT_TRUE(recorder.wait_for_state(DeviceState::Absent, "unplugged"));
    EXPECT_EQ(recorder.count<CardRemoved>(), 1);
    ASSERT_TRUE(emulator->wait_for("device ")) << "no replug";
    // Back on a new pty behind the same symlink; the card still lies there and is read anew.
    ASSERT_TRUE(recorder.wait_until([](const EventRecorder::Events& events) {
        auto* last = std::get_if<domain::DeviceStatus>(&events.back());
        return EventRecorder::count<CardPlaced>(events) == 2 && last && last->state == DeviceState::Ready;
    }));
    EXPECT_TRUE(read_failures().empty());
}

} // namespace
} // namespace kiosk::drivers
