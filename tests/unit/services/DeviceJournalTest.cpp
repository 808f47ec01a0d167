// The device panel's history: last fault (from the status a device reports, or a print it stopped),
// last successful use and the use counter, from the events devices already send.

#include "services/DeviceJournal.h"
#include "core/store/Database.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <stdlib.h>

namespace kiosk::services {
namespace {

using domain::DeviceKind;
using domain::DeviceState;
using namespace std::chrono_literals;

class DeviceJournalTest : public ::testing::Test {
protected:
    FakeClock m_clock{std::chrono::sys_days{std::chrono::year{2026} / 12 / 7} + 9h};
    std::vector<std::string> m_counted;
    DeviceJournal m_journal{m_clock, [this](std::string_view name) { m_counted.emplace_back(name); }};

    static AppEvent status(DeviceKind kind, DeviceState state, std::string reason = {}) {
        domain::DeviceStatus status;
        status.kind = kind;
        status.state = state;
        status.reason = std::move(reason);
        return DeviceStatusChanged{status};
    }
};

TEST_F(DeviceJournalTest, AFaultIsNotedWhenItBeginsNotEveryTimeItIsRepeated) {
    EXPECT_FALSE(m_journal.entry(DeviceKind::ReceiptPrinter).last_fault_at);
    m_journal.observe(status(DeviceKind::ReceiptPrinter, DeviceState::Fault, "media-empty"));
    WallTime began = m_clock.wall_now();
    m_clock.advance(10min);
    m_journal.observe(status(DeviceKind::ReceiptPrinter, DeviceState::Fault, "media-empty"));
    auto entry = [this] { return m_journal.entry(DeviceKind::ReceiptPrinter); };
    EXPECT_EQ(entry().last_fault_at, began);
    EXPECT_EQ(entry().last_fault_reason, "media-empty");

    m_journal.observe(status(DeviceKind::ReceiptPrinter, DeviceState::Fault, "media-jam"));
    EXPECT_EQ(entry().last_fault_at, m_clock.wall_now()) << "another fault is a new one";
    m_journal.observe(status(DeviceKind::ReceiptPrinter, DeviceState::Ready));
    EXPECT_EQ(entry().last_fault_reason, "media-jam") << "the last fault stays after the device recovers";
    EXPECT_FALSE(m_journal.entry(DeviceKind::A4Printer).last_fault_at) << "another device";
}

TEST_F(DeviceJournalTest, SuccessesAreTimedAndCountedPerDevice) {
    m_journal.observe(PrintCompleted{DeviceKind::A4Printer, 7});
    m_journal.observe(ScanCompleted{});
    m_journal.observe(QrScanned{"OW1-7KQ2-M9XD-4TPA-Z3R8"});
    m_journal.observe(CardRead{});
    EXPECT_EQ(m_journal.entry(DeviceKind::A4Printer).last_success_at, m_clock.wall_now());
    EXPECT_FALSE(m_journal.entry(DeviceKind::ReceiptPrinter).last_success_at);
    EXPECT_EQ(m_counted, (std::vector<std::string>{"device.a4_printer.uses", "device.scanner.uses",
                                                   "device.qr_scanner.uses", "device.idcard_reader.uses"}));
}

TEST_F(DeviceJournalTest, APrintThePrinterStoppedIsAFaultARefusedOneIsNot) {
    m_journal.observe(
        PrintFailed{DeviceKind::ReceiptPrinter, 3, make_error(ErrorCode::Device, "jam"), "media-jam"});
    EXPECT_EQ(m_journal.entry(DeviceKind::ReceiptPrinter).last_fault_reason, "media-jam");
    m_journal.observe(
        PrintFailed{DeviceKind::A4Printer, 0, make_error(ErrorCode::Unsupported, "no queue"), ""});
    EXPECT_FALSE(m_journal.entry(DeviceKind::A4Printer).last_fault_at);
    EXPECT_TRUE(m_counted.empty());
}

// The times are kept in the kiosk's store (a real SQLite file) and read back after a restart.
TEST_F(DeviceJournalTest, FaultAndSuccessTimesSurviveAReopenOfTheStore) {
    std::string pattern = (std::filesystem::temp_directory_path() / "journal-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    std::string path = pattern + "/kiosk.db";
    WallTime jammed, printed, scanned;
    {
        auto database = store::Database::open(path);
        ASSERT_TRUE(database.ok()) << database.error().describe();
        m_journal.keep_with([&](const store::StoredDeviceHistory& history) {
            auto saved = store::DeviceJournalStore(*database.value()).save(history);
            EXPECT_TRUE(saved.ok()) << saved.error().describe();
        });
        m_journal.observe(
            PrintFailed{DeviceKind::ReceiptPrinter, 3, make_error(ErrorCode::Device, "jam"), "media-jam"});
        jammed = m_clock.wall_now();
        m_clock.advance(5min);
        m_journal.observe(PrintCompleted{DeviceKind::ReceiptPrinter, 4});
        printed = m_clock.wall_now();
        m_clock.advance(1min);
        m_journal.observe(ScanCompleted{});
        scanned = m_clock.wall_now();
    }
    auto database = store::Database::open(path);
    ASSERT_TRUE(database.ok()) << database.error().describe();
    auto kept = store::DeviceJournalStore(*database.value()).load();
    ASSERT_TRUE(kept.ok()) << kept.error().describe();
    FakeClock later{m_clock.wall_now() + 1h};
    DeviceJournal restarted{later, {}};
    restarted.restore(kept.value());
    auto receipt = restarted.entry(DeviceKind::ReceiptPrinter);
    EXPECT_EQ(receipt.last_fault_at, jammed);
    EXPECT_EQ(receipt.last_fault_reason, "media-jam");
    EXPECT_EQ(receipt.last_success_at, printed);
    EXPECT_EQ(restarted.entry(DeviceKind::Scanner).last_success_at, scanned);
    EXPECT_FALSE(restarted.entry(DeviceKind::Scanner).last_fault_at);
    EXPECT_FALSE(restarted.entry(DeviceKind::A4Printer).last_success_at);

    // What happened since the restart is newer than what was kept, and stays.
    DeviceJournal busy{later, {}};
    busy.observe(PrintCompleted{DeviceKind::ReceiptPrinter, 9});
    busy.restore(kept.value());
    EXPECT_EQ(busy.entry(DeviceKind::ReceiptPrinter).last_success_at, later.wall_now());
    EXPECT_EQ(busy.entry(DeviceKind::ReceiptPrinter).last_fault_reason, "media-jam");
    std::filesystem::remove_all(pattern);
}

} // namespace
} // namespace kiosk::services
