// Printing for scenes, against the simulated printers and a real store: a print is rendered,
// recorded, submitted and followed to its end; a printer that cannot print, a document that does
// not render, and a certificate printed already are refused before anything is queued; a jammed
// print is kept for a reprint until the session ends.

#include "services/PrintService.h"
#include "FakeUiThread.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "drivers/printer/SimPrinter.h"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

namespace kiosk::services {
namespace {

using domain::DeviceKind;
using domain::DeviceState;
using store::PrintKind;
using store::PrintState;
using test::FakeUiThread;

// Stands in for the template renderer: a "PDF" naming the template and the one placeholder it
// needs ("number"); without it, a render error, as the real renderer gives for missing data.
Result<std::vector<uint8_t>> render(const std::string& template_name, const nlohmann::json& data) {
    if (!data.contains("number"))
        return make_error(ErrorCode::InvalidData, template_name + ": placeholder {{number}} has no data");
    std::string text = "%PDF-1.7 " + template_name + " " + data["number"].get<std::string>();
    return std::vector<uint8_t>(text.begin(), text.end());
}

class PrintServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        char pattern[] = "/tmp/print-service-XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        m_dir = pattern;
        auto database = store::Database::open(m_dir + "/kiosk.db");
        ASSERT_TRUE(database.ok()) << database.error().describe();
        m_database = database.release_value();
        m_audit = std::make_unique<store::AuditLog>(*m_database, m_clock);
        m_ledger = std::make_unique<store::PrintLedger>(*m_database, *m_audit, m_clock);
        m_service = std::make_unique<PrintService>(m_hub, render, m_ledger.get(),
                                                   PrintService::Queues{"kiosk-receipt", "kiosk-a4"});
        m_hub.start();
        ASSERT_TRUE(m_ui.wait_until([this] {
            return m_hub.usable(DeviceKind::ReceiptPrinter) && m_hub.usable(DeviceKind::A4Printer);
        }));
    }
    void TearDown() override {
        m_hub.stop();
        std::filesystem::remove_all(m_dir);
    }

    PrintRequest receipt(const std::string& number) {
        return PrintRequest{PrintKind::Receipt, number, "receipt", {{"number", number}}};
    }
    PrintRequest certificate(const std::string& number) {
        return PrintRequest{PrintKind::Certificate, number, "certificate", {{"number", number}}};
    }

    // Waits for the end of `ticket`'s job and hands the event to the service, as the app does.
    std::optional<PrintTicket> follow(const PrintTicket& ticket) {
        auto event = m_ui.wait_for([&](const AppEvent& e) {
            if (auto* done = std::get_if<PrintCompleted>(&e))
                return done->printer == ticket.printer && done->job_id == ticket.job_id;
            if (auto* failed = std::get_if<PrintFailed>(&e))
                return failed->printer == ticket.printer && failed->job_id == ticket.job_id;
            return false;
        });
        if (!event)
            return std::nullopt;
        return m_service->note(*event);
    }

    PrintState ledger_state(std::int64_t id) {
        auto record = m_ledger->find(id);
        EXPECT_TRUE(record.ok() && record.value().has_value());
        return record.ok() && record.value() ? record.value()->state : PrintState::Queued;
    }

    std::string m_dir;
    FakeClock m_clock;
    std::unique_ptr<store::Database> m_database;
    std::unique_ptr<store::AuditLog> m_audit;
    std::unique_ptr<store::PrintLedger> m_ledger;
    drivers::SimPrinter m_receipt_printer{DeviceKind::ReceiptPrinter, 200};
    drivers::SimPrinter m_a4_printer{DeviceKind::A4Printer, 100};
    AppEventQueue m_queue;
    FakeUiThread m_ui{m_queue, &m_hub};
    DeviceHub m_hub{{nullptr, nullptr, nullptr, &m_receipt_printer, &m_a4_printer}, m_queue};
    std::unique_ptr<PrintService> m_service;
};

TEST_F(PrintServiceTest, AReceiptIsPrintedOnTheRollAndRecordedToTheEnd) {
    auto ticket = m_service->print(receipt("YC20261125000123"));
    ASSERT_TRUE(ticket.ok()) << ticket.error().describe();
    EXPECT_EQ(ticket->printer, DeviceKind::ReceiptPrinter);
    EXPECT_GT(ticket->job_id, 0);
    EXPECT_EQ(ledger_state(ticket->ledger_id), PrintState::Printing);
    EXPECT_EQ(m_service->pending(), 1);

    auto finished = follow(ticket.value());
    ASSERT_TRUE(finished);
    EXPECT_EQ(finished->ledger_id, ticket->ledger_id);
    EXPECT_EQ(ledger_state(ticket->ledger_id), PrintState::Completed);
    EXPECT_EQ(m_service->pending(), 0);
    EXPECT_EQ(m_receipt_printer.printed_count(), 1);
    EXPECT_EQ(m_a4_printer.printed_count(), 0);
    auto record = m_ledger->find(ticket->ledger_id);
    EXPECT_EQ(record.value()->queue, "kiosk-receipt");
}

TEST_F(PrintServiceTest, ACertificateGoesToTheA4PrinterAndOnlyOnce) {
    auto first = m_service->print(certificate("BJ-1"));
    ASSERT_TRUE(first.ok()) << first.error().describe();
    EXPECT_EQ(first->printer, DeviceKind::A4Printer);
    ASSERT_TRUE(follow(first.value()));
    auto second = m_service->print(certificate("BJ-1"));
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, ErrorCode::Denied);
    EXPECT_EQ(m_a4_printer.printed_count(), 1);
}

// Staff test each printer from the maintenance screen: a test page goes to the printer asked for and
// is in the ledger as a test page; no other kind may choose its printer.
TEST_F(PrintServiceTest, ATestPagePrintsOnThePrinterStaffTest) {
    PrintRequest page{PrintKind::TestPage, "", "receipt", {{"number", "TEST"}}};
    page.printer = DeviceKind::ReceiptPrinter;
    auto ticket = m_service->print(page);
    ASSERT_TRUE(ticket.ok()) << ticket.error().describe();
    EXPECT_EQ(ticket->printer, DeviceKind::ReceiptPrinter);
    ASSERT_TRUE(follow(ticket.value()));
    EXPECT_EQ(m_receipt_printer.printed_count(), 1);
    EXPECT_EQ(m_ledger->find(ticket->ledger_id).value()->kind, PrintKind::TestPage);

    auto steered = receipt("YC20261125000124");
    steered.printer = DeviceKind::A4Printer;
    EXPECT_EQ(m_service->print(steered).error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(m_a4_printer.printed_count(), 0);
}

TEST_F(PrintServiceTest, APrinterOutOfPaperRefusesBeforeAnythingIsQueued) {
    m_receipt_printer.set_paper(0);
    ASSERT_TRUE(m_ui.wait_until([this] { return !m_hub.usable(DeviceKind::ReceiptPrinter); }));
    auto ticket = m_service->print(receipt("YC1"));
    ASSERT_FALSE(ticket.ok());
    EXPECT_EQ(ticket.error().code, ErrorCode::Device);
    EXPECT_NE(ticket.error().message.find("media-empty"), std::string::npos) << ticket.error().message;
    EXPECT_TRUE(m_ledger->recent(10).value().empty());
}

TEST_F(PrintServiceTest, ADocumentThatDoesNotRenderIsNeverAPrint) {
    auto ticket = m_service->print(PrintRequest{PrintKind::Receipt, "YC1", "receipt", {{"other", 1}}});
    ASSERT_FALSE(ticket.ok());
    EXPECT_EQ(ticket.error().code, ErrorCode::InvalidData);
    EXPECT_TRUE(m_ledger->recent(10).value().empty());
    EXPECT_EQ(m_service->pending(), 0);
}

TEST_F(PrintServiceTest, AJammedPrintIsRecordedAndCanBePrintedAgainOnceCleared) {
    m_receipt_printer.jam();
    auto ticket = m_service->print(receipt("YC7"));
    ASSERT_TRUE(ticket.ok());
    auto failed = follow(ticket.value());
    ASSERT_TRUE(failed);
    EXPECT_EQ(ledger_state(ticket->ledger_id), PrintState::Failed);
    EXPECT_EQ(m_ledger->find(ticket->ledger_id).value()->reason, "media-jam");
    ASSERT_TRUE(
        m_ui.wait_until([this] { return m_hub.status(DeviceKind::ReceiptPrinter).reason == "media-jam"; }));

    // While jammed the reprint is refused with the reason; after staff clear it, it prints.
    auto refused = m_service->reprint(ticket.value());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Device);
    m_receipt_printer.clear_jam();
    ASSERT_TRUE(m_ui.wait_until([this] { return m_hub.usable(DeviceKind::ReceiptPrinter); }));
    auto again = m_service->reprint(ticket.value());
    ASSERT_TRUE(again.ok()) << again.error().describe();
    EXPECT_NE(again->ledger_id, ticket->ledger_id);
    ASSERT_TRUE(follow(again.value()));
    EXPECT_EQ(ledger_state(again->ledger_id), PrintState::Completed);
    EXPECT_EQ(m_service->reprint(ticket.value()).error().code, ErrorCode::NotFound) << "reprinted once";
}

TEST_F(PrintServiceTest, TheEndOfTheSessionDropsWhatCouldBeReprinted) {
    m_receipt_printer.jam();
    auto ticket = m_service->print(receipt("YC8"));
    ASSERT_TRUE(ticket.ok());
    ASSERT_TRUE(follow(ticket.value()));
    m_service->forget_session();
    m_receipt_printer.clear_jam();
    ASSERT_TRUE(m_ui.wait_until([this] { return m_hub.usable(DeviceKind::ReceiptPrinter); }));
    EXPECT_EQ(m_service->reprint(ticket.value()).error().code, ErrorCode::NotFound);
}

TEST_F(PrintServiceTest, WithoutTheStoreReceiptsPrintButCertificatesDoNot) {
    PrintService without_store(m_hub, render, nullptr, {});
    auto ticket = without_store.print(receipt("YC9"));
    ASSERT_TRUE(ticket.ok()) << ticket.error().describe();
    EXPECT_EQ(ticket->ledger_id, 0);
    auto certificate_print = without_store.print(certificate("BJ-2"));
    ASSERT_FALSE(certificate_print.ok());
    EXPECT_EQ(certificate_print.error().code, ErrorCode::Denied);
}

TEST_F(PrintServiceTest, EventsOfOtherPrintsAreNotOurs) {
    EXPECT_FALSE(m_service->note(PrintCompleted{DeviceKind::ReceiptPrinter, 4242}));
    EXPECT_FALSE(m_service->note(CardRemoved{}));
}

} // namespace
} // namespace kiosk::services
