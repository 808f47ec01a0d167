// The blocking helpers for kiosk-devctl against the printing rig: print a file and wait for the end,
// read a queue's status now.

#include "PrintRig.h"
#include "drivers/printer/CupsQueue.h"

#include <gtest/gtest.h>

using namespace kiosk;
using namespace kiosk::drivers;
using domain::DeviceKind;
using domain::DeviceState;
using kiosk::drivers::testing::PrintRig;

namespace {

CupsPrinterOptions on(const PrintRig& rig) {
    CupsPrinterOptions options;
    options.role = DeviceKind::ReceiptPrinter;
    options.session.server = rig.server();
    return options;
}

} // namespace

TEST(CupsQueueRig, SubmitAndWaitPrintsAndSaysHowLongItTook) {
    PrintRig rig("SubmitAndWait");
    ASSERT_TRUE(rig.started()) << rig.start_output();
    auto outcome = cups::submit_and_wait("kiosk-receipt", drivers::testing::one_page_pdf(), "test print",
                                         std::chrono::seconds(20), on(rig));
    ASSERT_TRUE(outcome.ok()) << outcome.error().describe();
    EXPECT_FALSE(outcome->failure) << outcome->failure->describe();
    EXPECT_EQ(outcome->cups_job_id, 1);
    EXPECT_GT(outcome->elapsed.count(), 0);
    EXPECT_EQ(rig.printed("kiosk-receipt").size(), 1u);
    std::cerr << "submit_and_wait: " << outcome->elapsed.count() << " ms\n";

    // A job that fails at the printer is an outcome with its failure; a refused one an error.
    ASSERT_TRUE(rig.fault("kiosk-receipt", "jam"));
    auto jammed = cups::submit_and_wait("kiosk-receipt", drivers::testing::one_page_pdf(), "test print",
                                        std::chrono::seconds(20), on(rig));
    ASSERT_TRUE(jammed.ok()) << jammed.error().describe();
    ASSERT_TRUE(jammed->failure);
    EXPECT_EQ(jammed->failure->message.rfind("media-jam", 0), 0u) << jammed->failure->message;
    ASSERT_TRUE(rig.fault("kiosk-receipt", "reject"));
    auto refused = cups::submit_and_wait("kiosk-receipt", drivers::testing::one_page_pdf(), "test print",
                                         std::chrono::seconds(20), on(rig));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Device);
}

TEST(CupsQueueRig, SubmitAndWaitGivesUpAtTheDeadline) {
    PrintRig rig("SubmitAndWaitDeadline");
    ASSERT_TRUE(rig.started()) << rig.start_output();
    ASSERT_TRUE(rig.fault("kiosk-receipt", "stop-queue"));
    auto outcome = cups::submit_and_wait("kiosk-receipt", drivers::testing::one_page_pdf(), "test print",
                                         std::chrono::seconds(2), on(rig));
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().code, ErrorCode::Timeout);
    EXPECT_NE(outcome.error().message.find("queue-stopped"), std::string::npos) << outcome.error().message;
}

TEST(CupsQueueRig, QueueStatusReadsTheQueueAndItsPrinter) {
    PrintRig rig("QueueStatus");
    ASSERT_TRUE(rig.started()) << rig.start_output();
    cups::SessionOptions session;
    session.server = rig.server();
    auto ready = cups::queue_status("kiosk-a4", DeviceKind::A4Printer, session);
    EXPECT_EQ(ready.status.state, DeviceState::Ready);
    EXPECT_EQ(ready.status.kind, DeviceKind::A4Printer);
    EXPECT_TRUE(ready.raw.accepting);
    EXPECT_EQ(ready.raw.printer_state, 3);
    EXPECT_EQ(ready.raw.device_uri.rfind("ipp://localhost:", 0), 0u) << ready.raw.device_uri;
    EXPECT_EQ(ready.raw.device_reachable, true);
    EXPECT_FALSE(ready.raw.markers.empty()); // ippeveprinter's printer-supply: toner and waste toner

    ASSERT_TRUE(rig.fault("kiosk-a4", "paper-out"));
    auto empty = cups::queue_status("kiosk-a4", DeviceKind::A4Printer, session);
    EXPECT_EQ(empty.status.reason, "media-empty");

    auto missing = cups::queue_status("no-such-queue", DeviceKind::A4Printer, session);
    EXPECT_EQ(missing.status.reason, "queue-missing");
    ASSERT_TRUE(rig.scheduler("kill-scheduler"));
    auto down = cups::queue_status("kiosk-a4", DeviceKind::A4Printer, session);
    EXPECT_EQ(down.status.reason, "cups-unreachable");
    EXPECT_EQ(down.status.state, DeviceState::Fault);
}
