// The kiosk's paper and toner on a real SQLite file (services/staff/consumables/Consumables.h): low
// and out from the kiosk's own count, from the printer's reasons, the worse of the two wins, an out
// printer is withdrawn and a low one is not, a replacement is audited with the staff id and role,
// nothing is counted without the store, and a replacement made by kiosk-devctl while the kiosk runs
// is seen.

#include "services/staff/consumables/Consumables.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

namespace kiosk::services {
namespace {

using namespace std::chrono_literals;
using domain::DeviceKind;
using domain::DeviceState;
using domain::StaffMember;
using domain::StaffRole;

const StaffMember kDuty{"S1024", "", StaffRole::DutyStaff};

// Waits for `condition` with a generous deadline (the worker reads the store).
template <typename Condition>
bool eventually(Condition condition) {
    for (auto deadline = std::chrono::steady_clock::now() + 10s;
         std::chrono::steady_clock::now() < deadline;) {
        if (condition())
            return true;
        std::this_thread::sleep_for(5ms);
    }
    return condition();
}

domain::DeviceStatus printer(DeviceKind kind, std::string reason = "", int paper = -1, int toner = -1) {
    domain::DeviceStatus status;
    status.kind = kind;
    status.state = reason.ends_with("-empty") ? DeviceState::Fault : DeviceState::Ready;
    status.reason = std::move(reason);
    status.consumables = {{"paper", paper}, {"toner", toner}};
    return status;
}

class ConsumablesTest : public ::testing::Test {
protected:
    void SetUp() override {
        char pattern[] = "/tmp/consumables-XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        m_dir = pattern;
        m_receipt = printer(DeviceKind::ReceiptPrinter);
        m_a4 = printer(DeviceKind::A4Printer);
    }
    void TearDown() override {
        m_consumables.reset();
        std::filesystem::remove_all(m_dir);
    }

    void start(std::string database_path, std::chrono::milliseconds refresh_every = 60s,
               AppEventQueue* events = nullptr) {
        ConsumablesSettings settings{std::move(database_path), {}};
        settings.options.receipt_roll_mm = 10000; // a 10 m roll: a few receipts move the level
        settings.options.receipt_feed_mm = 10;
        settings.refresh_every = refresh_every;
        m_consumables = std::make_unique<Consumables>(
            settings, m_clock,
            [this](DeviceKind kind) {
                std::lock_guard lock(m_mutex);
                return kind == DeviceKind::ReceiptPrinter ? m_receipt : m_a4;
            },
            [this](std::string_view kind, std::string_view detail) {
                std::lock_guard lock(m_mutex);
                m_audited.push_back(std::string(kind) + " " + std::string(detail));
            },
            events);
        m_consumables->start();
    }
    std::string database() const { return m_dir + "/kiosk.db"; }

    ConsumableState state(const std::string& id) const {
        for (const auto& state : m_consumables->levels())
            if (state.id == id)
                return state;
        ADD_FAILURE() << "no " << id;
        return {};
    }
    // Receipts of 990 mm + 10 mm feed: 1000 mm = 10 % of the roll each.
    void print_receipts(int count) {
        for (int i = 0; i < count; ++i)
            m_consumables->book(
                PrintUsage{DeviceKind::ReceiptPrinter, store::PrintKind::Receipt, 1, 990, "completed"});
    }
    void set_printer(domain::DeviceStatus status) {
        std::lock_guard lock(m_mutex);
        (status.kind == DeviceKind::ReceiptPrinter ? m_receipt : m_a4) = std::move(status);
    }

    std::string m_dir;
    FakeClock m_clock{WallTime(std::chrono::sys_days(std::chrono::year(2026) / 11 / 25).time_since_epoch())};
    mutable std::mutex m_mutex;
    domain::DeviceStatus m_receipt, m_a4;
    std::vector<std::string> m_audited;
    std::unique_ptr<Consumables> m_consumables;
};

TEST_F(ConsumablesTest, LowAndOutFromTheKiosksOwnCount) {
    start(database());
    ASSERT_TRUE(eventually([&] { return m_consumables->counting(); }));
    EXPECT_EQ(state("receipt-paper").level,
              ConsumableLevel::Ok); // the printer has paper; the count is unknown
    EXPECT_EQ(state("receipt-paper").counter_level, ConsumableLevel::Unknown);

    ASSERT_TRUE(m_consumables->replace("receipt-paper", 0, kDuty).ok()); // a full roll
    EXPECT_EQ(state("receipt-paper").percent, 100);
    print_receipts(8); // 20 % left
    EXPECT_EQ(state("receipt-paper").level, ConsumableLevel::Ok);
    print_receipts(1); // 10 %: low, a warning only
    EXPECT_EQ(state("receipt-paper").level, ConsumableLevel::Low);
    EXPECT_EQ(state("receipt-paper").used, 9000);
    EXPECT_FALSE(m_consumables->withdrawn(DeviceKind::ReceiptPrinter));
    print_receipts(1); // 0 %: out, the receipt printer is withdrawn and only it
    EXPECT_EQ(state("receipt-paper").level, ConsumableLevel::Out);
    EXPECT_EQ(m_consumables->withdrawn(DeviceKind::ReceiptPrinter), "receipt-paper-out");
    EXPECT_FALSE(m_consumables->withdrawn(DeviceKind::A4Printer));

    // What the worker stored is what a fresh read finds.
    m_consumables->refresh();
    ASSERT_TRUE(eventually([&] { return state("receipt-paper").used == 10000; }));
    EXPECT_EQ(state("receipt-paper").level, ConsumableLevel::Out);
}

// "Out" is posted as news when a level crosses into it or back, once per crossing: from the count (a
// booking, a replacement) and from the printer's own report (its marker level), never repeated.
TEST_F(ConsumablesTest, CrossingIntoOutAndBackIsPostedOnce) {
    AppEventQueue events;
    start(database(), 60s, &events);
    ASSERT_TRUE(eventually([&] { return m_consumables->counting(); }));
    auto next = [&]() -> std::optional<ConsumableOutChanged> {
        while (auto event = events.try_pop())
            if (const auto* out = std::get_if<ConsumableOutChanged>(&*event))
                return *out;
        return std::nullopt;
    };
    m_consumables->printer_reported(m_receipt);
    m_consumables->printer_reported(m_a4);
    ASSERT_TRUE(m_consumables->replace("receipt-paper", 0, kDuty).ok());
    m_consumables->refresh_and_wait();
    print_receipts(9); // 10 % left: low is no news
    EXPECT_FALSE(next());
    print_receipts(1); // out
    auto out = next();
    ASSERT_TRUE(out);
    EXPECT_EQ(out->printer, DeviceKind::ReceiptPrinter);
    EXPECT_EQ(out->withdrawn, "receipt-paper-out");
    print_receipts(1); // still out: nothing new
    m_consumables->refresh_and_wait();
    EXPECT_FALSE(next());
    ASSERT_TRUE(m_consumables->replace("receipt-paper", 0, kDuty).ok());
    auto back = next();
    ASSERT_TRUE(back);
    EXPECT_EQ(back->printer, DeviceKind::ReceiptPrinter);
    EXPECT_EQ(back->withdrawn, "");

    // The A4 printer's own toner marker at 1 %: out; back at 80 %.
    m_consumables->printer_reported(printer(DeviceKind::A4Printer, "", 90, 1));
    auto toner = next();
    ASSERT_TRUE(toner);
    EXPECT_EQ(toner->printer, DeviceKind::A4Printer);
    EXPECT_EQ(toner->withdrawn, "toner-out");
    m_consumables->printer_reported(printer(DeviceKind::A4Printer, "", 90, 80));
    auto refilled = next();
    ASSERT_TRUE(refilled);
    EXPECT_EQ(refilled->withdrawn, "");
    m_consumables->refresh_and_wait();
    EXPECT_FALSE(next());
}

TEST_F(ConsumablesTest, APrintBeforeTheStoreIsFirstReadStillCounts) {
    start(database());
    print_receipts(2); // at once: the worker is still opening the store
    m_consumables->refresh();
    EXPECT_TRUE(eventually([&] { return state("receipt-paper").used == 2000; }));
}

TEST_F(ConsumablesTest, LowAndOutFromThePrintersReasons) {
    start(""); // no store: the printers' word alone
    set_printer(printer(DeviceKind::ReceiptPrinter, "media-low"));
    set_printer(printer(DeviceKind::A4Printer, "", -1, 12)); // toner 12 % by CUPS marker-levels
    EXPECT_EQ(state("receipt-paper").level, ConsumableLevel::Low);
    EXPECT_EQ(state("receipt-paper").printer_report, "media-low");
    EXPECT_EQ(state("a4-paper").level, ConsumableLevel::Ok);
    EXPECT_EQ(state("toner").level, ConsumableLevel::Low);
    EXPECT_EQ(state("toner").percent, 12);
    EXPECT_FALSE(state("toner").replaceable);
    EXPECT_FALSE(m_consumables->withdrawn(DeviceKind::A4Printer));

    set_printer(printer(DeviceKind::ReceiptPrinter, "media-empty", 0));
    set_printer(printer(DeviceKind::A4Printer, "toner-empty", -1, 0));
    EXPECT_EQ(state("receipt-paper").level, ConsumableLevel::Out);
    EXPECT_EQ(m_consumables->withdrawn(DeviceKind::ReceiptPrinter), "receipt-paper-out");
    EXPECT_EQ(state("toner").level, ConsumableLevel::Out);
    EXPECT_EQ(m_consumables->withdrawn(DeviceKind::A4Printer), "toner-out");

    // A printer that is not there says nothing: unknown, not ok.
    set_printer(printer(DeviceKind::A4Printer, "printer-unreachable"));
    EXPECT_EQ(state("a4-paper").level, ConsumableLevel::Unknown);
    EXPECT_EQ(state("toner").level, ConsumableLevel::Unknown);
}

TEST_F(ConsumablesTest, TheWorseOfCountAndPrinterWins) {
    start(database());
    ASSERT_TRUE(eventually([&] { return m_consumables->counting(); }));
    ASSERT_TRUE(m_consumables->replace("receipt-paper", 0, kDuty).ok());
    print_receipts(9); // the count says low, the printer says nothing
    EXPECT_EQ(state("receipt-paper").printer_level, ConsumableLevel::Ok);
    EXPECT_EQ(state("receipt-paper").level, ConsumableLevel::Low);

    ASSERT_TRUE(m_consumables->replace("receipt-paper", 0, kDuty).ok()); // the count says full …
    set_printer(printer(DeviceKind::ReceiptPrinter, "media-empty", 0));  // … the printer's sensor: empty
    EXPECT_EQ(state("receipt-paper").counter_level, ConsumableLevel::Ok);
    EXPECT_EQ(state("receipt-paper").level, ConsumableLevel::Out);

    EXPECT_EQ(worse(ConsumableLevel::Unknown, ConsumableLevel::Low), ConsumableLevel::Low);
    EXPECT_EQ(worse(ConsumableLevel::Out, ConsumableLevel::Ok), ConsumableLevel::Out);
    EXPECT_EQ(worse(ConsumableLevel::Unknown, ConsumableLevel::Unknown), ConsumableLevel::Unknown);
}

TEST_F(ConsumablesTest, AReplacementIsAuditedWithTheStaffIdAndRole) {
    start(database());
    ASSERT_TRUE(eventually([&] { return m_consumables->counting(); }));
    ASSERT_TRUE(m_consumables->replace("a4-paper", 200, StaffMember{"S2048", "", StaffRole::HallIt}).ok());
    ASSERT_TRUE(eventually([&] {
        std::lock_guard lock(m_mutex);
        return !m_audited.empty();
    }));
    EXPECT_EQ(m_audited.front(), "consumable.replaced a4-paper loaded 200 sheets by S2048 (hall-it)");
    EXPECT_EQ(state("a4-paper").percent, 80);
    EXPECT_EQ(state("a4-paper").replaced_by, "S2048");

    EXPECT_EQ(m_consumables->replace("toner", 0, kDuty).error().code, ErrorCode::Unsupported);
    EXPECT_EQ(m_consumables->replace("ink", 0, kDuty).error().code, ErrorCode::NotFound);
    EXPECT_EQ(m_consumables->replace("a4-paper", -1, kDuty).error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(m_consumables->replace("a4-paper", 2501, kDuty).error().code, ErrorCode::InvalidArgument);
}

TEST_F(ConsumablesTest, WithoutTheStoreNothingIsCountedAndTheReportStands) {
    start(m_dir + "/no-such-folder/kiosk.db");
    m_consumables->refresh();
    std::this_thread::sleep_for(50ms);
    EXPECT_FALSE(m_consumables->counting());
    print_receipts(3);
    EXPECT_EQ(state("receipt-paper").used, 0);
    EXPECT_EQ(state("receipt-paper").level, ConsumableLevel::Ok); // from the printer
    EXPECT_EQ(m_consumables->replace("receipt-paper", 0, kDuty).error().code, ErrorCode::Unsupported);
}

TEST_F(ConsumablesTest, TheForecastComesFromTheHallsHistory) {
    {
        // Three days of the hall's usage, booked as the kiosk would have, then a fresh roll.
        auto opened = store::Database::open(database());
        ASSERT_TRUE(opened.ok()) << opened.error().describe();
        store::ConsumableLedger ledger(*opened.value(), m_clock);
        for (int hour = 0; hour < 72; ++hour) {
            ASSERT_TRUE(ledger.book("receipt-paper", 100).ok());
            m_clock.advance(1h);
        }
        ASSERT_TRUE(ledger.replace("receipt-paper", 1000, "S1024").ok());
    }
    start(database());
    ASSERT_TRUE(eventually([&] { return state("receipt-paper").runs_out_at.has_value(); }));
    EXPECT_EQ(*state("receipt-paper").runs_out_at, m_clock.wall_now() + 10h); // 1000 mm at 100 mm an hour
    EXPECT_FALSE(state("a4-paper").runs_out_at);
}

TEST_F(ConsumablesTest, AReplacementByKioskDevctlIsSeenWhileTheKioskRuns) {
    std::string config = m_dir + "/kiosk.json";
    std::ofstream(config) << R"({"paths": {"database": "kiosk.db"}})";
    start(database(), 100ms); // reads the store every 100 ms instead of every minute
    ASSERT_TRUE(eventually([&] { return m_consumables->counting(); }));
    m_consumables->book(PrintUsage{DeviceKind::A4Printer, store::PrintKind::Checklist, 3, 891, "completed"});
    ASSERT_TRUE(eventually([&] { return state("a4-paper").used == 3; }));

    std::string command = std::string(KIOSK_DEVCTL) + " consumable replace a4-paper --config " + config +
                          " --staff S4096 --loaded 125 > " + m_dir + "/out.txt 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    // No refresh() asked: the periodic read picks it up.
    ASSERT_TRUE(eventually([&] { return state("a4-paper").replaced_by == "S4096"; }));
    EXPECT_EQ(state("a4-paper").used, 0);
    EXPECT_EQ(state("a4-paper").percent, 50); // 125 of a 250-sheet tray
    // The tool audited it in the kiosk's own audit log, with the staff id.
    auto opened = store::Database::open(database());
    ASSERT_TRUE(opened.ok());
    auto entries = store::AuditLog(*opened.value(), m_clock).recent(5).value();
    ASSERT_FALSE(entries.empty());
    EXPECT_EQ(entries[0].kind, "consumable.replaced");
    EXPECT_EQ(entries[0].detail, "a4-paper loaded 125 by S4096 (kiosk-devctl)");
}

} // namespace
} // namespace kiosk::services
