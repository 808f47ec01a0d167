// The CUPS driver against the printing rig (scripts/print-rig): a private cupsd and ippeveprinter
// virtual printers that copy what they print to the rig's out-<queue>/ and fail on command. Each test
// has its own rig. What CUPS does on each fault is in docs/specs/test-rig.md §1 and CupsPrinter.h.

#include "PrintRig.h"
#include "PrinterRecorder.h"
#include "drivers/printer/CupsPrinter.h"
#include "drivers/printer/CupsSession.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

using namespace kiosk;
using namespace kiosk::drivers;
using domain::DeviceKind;
using domain::DeviceState;
using domain::FixedBy;
using kiosk::drivers::testing::PrinterRecorder;
using kiosk::drivers::testing::PrintRig;

namespace {

std::string test_name() {
    return ::testing::UnitTest::GetInstance()->current_test_info()->name();
}

std::unique_ptr<CupsPrinter> a4_printer(const PrintRig& rig) {
    CupsPrinterOptions options;
    options.role = DeviceKind::A4Printer;
    options.queue = "kiosk-a4";
    options.session.server = rig.server();
    return std::make_unique<CupsPrinter>(options);
}

PrintJob certificate() {
    return PrintJob{"certificate", drivers::testing::one_page_pdf()};
}

std::string failure_of(const std::optional<PrinterEvent>& event) {
    auto* failed = event ? std::get_if<PrintFailed>(&*event) : nullptr;
    return failed ? failed->error.message : std::string("(not a failure)");
}

bool finished(const std::optional<PrinterEvent>& event) {
    return event && std::holds_alternative<PrintFinished>(*event);
}

class CupsPrinterRig : public ::testing::Test {
protected:
    void SetUp() override {
        rig = std::make_unique<PrintRig>(test_name());
        ASSERT_TRUE(rig->started()) << rig->start_output();
        printer = a4_printer(*rig);
        ASSERT_TRUE(printer->start(recorder.sink()).ok());
        ASSERT_TRUE(recorder.wait_for_status(DeviceState::Ready)) << "the queue never became ready";
    }
    void TearDown() override {
        if (printer)
            printer->stop();
        printer.reset();
        rig.reset();
    }

    int submit() {
        auto id = printer->submit(certificate());
        EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().describe());
        return id.ok() ? id.value() : -1;
    }

    std::unique_ptr<PrintRig> rig;
    PrinterRecorder recorder;
    std::unique_ptr<CupsPrinter> printer;
};

} // namespace

TEST_F(CupsPrinterRig, APdfJobReachesThePrinterAndCompletes) {
    auto started = std::chrono::steady_clock::now();
    int id = submit();
    auto end = recorder.wait_for_end(id);
    ASSERT_TRUE(finished(end)) << failure_of(end);
    auto elapsed = std::chrono::steady_clock::now() - started;
    std::cerr << "submit → completed: "
              << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms\n";
    EXPECT_EQ(printer->cups_job_id(id), 1); // a fresh rig
    auto printed = rig->printed("kiosk-a4");
    ASSERT_EQ(printed.size(), 1u);
    std::ifstream document(printed.front(), std::ios::binary);
    std::string magic(5, '\0');
    document.read(magic.data(), 5);
    EXPECT_EQ(magic, "%PDF-");
    EXPECT_TRUE(rig->printed("kiosk-receipt").empty());
    EXPECT_TRUE(recorder.wait_for_status(DeviceState::Ready));
}

// A receipt or certificate carries a name and an ID number: once its job is over, cupsd keeps no copy
// in its spool (PreserveJobFiles No, as images/cups/cupsd.conf), but keeps the job's record for
// the kiosk to read how it ended (PreserveJobHistory).
TEST_F(CupsPrinterRig, NoDocumentStaysInTheSpoolAfterItsJobEnds) {
    int id = submit();
    auto end = recorder.wait_for_end(id);
    ASSERT_TRUE(finished(end)) << failure_of(end);
    auto files_starting_with = [&](char first) {
        std::vector<std::string> names;
        std::error_code ignored;
        for (const auto& entry : std::filesystem::directory_iterator(rig->spool(), ignored)) {
            std::string name = entry.path().filename().string();
            if (entry.is_regular_file(ignored) && name.front() == first)
                names.push_back(name);
        }
        return names;
    };
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!files_starting_with('d').empty() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    auto documents = files_starting_with('d');
    EXPECT_TRUE(documents.empty()) << "a printed document is still in the spool: " << documents.front();
    cups::Session session("kiosk-a4", cups::SessionOptions{rig->server()});
    auto record = session.read_job(printer->cups_job_id(id).value_or(-1));
    ASSERT_TRUE(record.ok()) << "the job's record is gone: " << record.error().describe();
    EXPECT_EQ(record.value().state, 9) << "completed, as the kiosk reads it";
}

TEST_F(CupsPrinterRig, PaperOutHoldsTheJobUntilTheRefill) {
    ASSERT_TRUE(rig->fault("kiosk-a4", "paper-out"));
    auto empty = recorder.wait_for_status(DeviceState::Fault, "media-empty", std::chrono::seconds(5));
    ASSERT_TRUE(empty) << "paper out not seen on an idle printer";
    EXPECT_EQ(empty->fixed_by, FixedBy::HallStaff);
    int id = submit();
    // The job reaches the printer and waits there: the queue is busy with it, the job is not over.
    ASSERT_TRUE(recorder.wait_until([&](const auto&) { return printer->last_snapshot().printer_state == 4; }))
        << "the job never reached the printer";
    EXPECT_FALSE(recorder.ended(id));
    EXPECT_EQ(printer->status().reason, "media-empty");
    EXPECT_TRUE(rig->printed("kiosk-a4").empty());

    ASSERT_TRUE(rig->fault("kiosk-a4", "refill"));
    auto end = recorder.wait_for_end(id);
    ASSERT_TRUE(finished(end)) << failure_of(end);
    EXPECT_EQ(rig->printed("kiosk-a4").size(), 1u);
    EXPECT_TRUE(recorder.wait_for_status(DeviceState::Ready));
}

TEST_F(CupsPrinterRig, AJamFailsTheJobAndClearingItMakesThePrinterUsable) {
    ASSERT_TRUE(rig->fault("kiosk-a4", "jam"));
    int id = submit();
    auto end = recorder.wait_for_end(id);
    ASSERT_TRUE(end);
    EXPECT_EQ(failure_of(end).rfind("media-jam", 0), 0u) << failure_of(end);
    auto jammed = recorder.wait_for_status(DeviceState::Fault, "media-jam", std::chrono::seconds(5));
    ASSERT_TRUE(jammed);
    EXPECT_EQ(jammed->fixed_by, FixedBy::HallStaff);
    EXPECT_TRUE(rig->printed("kiosk-a4").empty());

    ASSERT_TRUE(rig->fault("kiosk-a4", "clear-jam"));
    ASSERT_TRUE(recorder.wait_for_status(DeviceState::Ready, {}, std::chrono::seconds(5)));
    int again = submit();
    auto second = recorder.wait_for_end(again);
    EXPECT_TRUE(finished(second)) << failure_of(second);
    EXPECT_EQ(rig->printed("kiosk-a4").size(), 1u);
}

TEST_F(CupsPrinterRig, APrinterThatDiesMidJobIsReportedAndTheLostJobFails) {
    ASSERT_TRUE(rig->fault("kiosk-a4", "slow")); // each job takes 30 s at the printer
    int id = submit();
    ASSERT_TRUE(recorder.wait_until([&](const auto&) { return printer->last_snapshot().device_state == 4; }))
        << "the printer never started the job";
    ASSERT_TRUE(rig->fault("kiosk-a4", "kill-printer"));
    auto gone = recorder.wait_for_status(DeviceState::Absent, "printer-unreachable", std::chrono::seconds(5));
    ASSERT_TRUE(gone) << "a dead printer was not noticed";
    EXPECT_EQ(gone->fixed_by, FixedBy::HallStaff);
    EXPECT_FALSE(recorder.ended(id));

    ASSERT_TRUE(rig->fault("kiosk-a4", "fast"));
    ASSERT_TRUE(rig->fault("kiosk-a4", "restart-printer"));
    EXPECT_TRUE(recorder.wait_for_status(DeviceState::Ready, {}, std::chrono::seconds(5)));
    // The restarted printer has forgotten the job; cupsd calls it completed, the driver does not.
    auto end = recorder.wait_for_end(id, std::chrono::seconds(30));
    ASSERT_TRUE(end);
    EXPECT_EQ(failure_of(end).rfind("printer-restarted", 0), 0u) << failure_of(end);
    EXPECT_TRUE(rig->printed("kiosk-a4").empty());
}

TEST_F(CupsPrinterRig, AJobSentWhileThePrinterIsAwayPrintsWhenItComesBack) {
    ASSERT_TRUE(rig->fault("kiosk-a4", "kill-printer"));
    ASSERT_TRUE(
        recorder.wait_for_status(DeviceState::Absent, "printer-unreachable", std::chrono::seconds(5)));
    int id = submit();
    // cupsd takes the job and its backend keeps trying to reach the printer.
    ASSERT_TRUE(recorder.wait_until([&](const auto&) { return printer->cups_job_id(id).has_value(); }));
    EXPECT_FALSE(recorder.ended(id));
    ASSERT_TRUE(rig->fault("kiosk-a4", "restart-printer"));
    auto end = recorder.wait_for_end(id, std::chrono::seconds(30));
    ASSERT_TRUE(finished(end)) << failure_of(end);
    EXPECT_EQ(rig->printed("kiosk-a4").size(), 1u);
    EXPECT_TRUE(recorder.wait_for_status(DeviceState::Ready));
}

TEST_F(CupsPrinterRig, AStoppedQueueHoldsJobsUntilStarted) {
    ASSERT_TRUE(rig->fault("kiosk-a4", "stop-queue"));
    auto stopped = recorder.wait_for_status(DeviceState::Fault, "queue-stopped", std::chrono::seconds(5));
    ASSERT_TRUE(stopped);
    EXPECT_EQ(stopped->fixed_by, FixedBy::Engineer);
    int id = submit();
    ASSERT_TRUE(recorder.wait_until([&](const auto&) { return printer->cups_job_id(id).has_value(); }));
    EXPECT_FALSE(recorder.ended(id));
    EXPECT_TRUE(rig->printed("kiosk-a4").empty());

    ASSERT_TRUE(rig->fault("kiosk-a4", "start-queue"));
    auto end = recorder.wait_for_end(id);
    ASSERT_TRUE(finished(end)) << failure_of(end);
    EXPECT_EQ(rig->printed("kiosk-a4").size(), 1u);
}

TEST_F(CupsPrinterRig, ARejectingQueueRefusesJobsAtOnce) {
    ASSERT_TRUE(rig->fault("kiosk-a4", "reject"));
    auto rejecting = recorder.wait_for_status(DeviceState::Fault, "queue-rejecting", std::chrono::seconds(5));
    ASSERT_TRUE(rejecting);
    EXPECT_EQ(rejecting->fixed_by, FixedBy::Engineer);
    auto refused = printer->submit(certificate());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Device);
    EXPECT_NE(refused.error().message.find("queue-rejecting"), std::string::npos) << refused.error().message;

    ASSERT_TRUE(rig->fault("kiosk-a4", "accept"));
    ASSERT_TRUE(recorder.wait_for_status(DeviceState::Ready, {}, std::chrono::seconds(5)));
    auto end = recorder.wait_for_end(submit());
    EXPECT_TRUE(finished(end)) << failure_of(end);
}

TEST_F(CupsPrinterRig, AJobRefusedByCupsIsFailedNotLost) {
    // The queue starts rejecting between two status reads: submit() cannot know, CUPS refuses.
    CupsPrinterOptions options;
    options.role = DeviceKind::A4Printer;
    options.queue = "kiosk-a4";
    options.session.server = rig->server();
    options.status_interval = std::chrono::minutes(1);
    CupsPrinter unaware(options);
    PrinterRecorder events;
    ASSERT_TRUE(unaware.start(events.sink()).ok());
    ASSERT_TRUE(events.wait_for_status(DeviceState::Ready));
    ASSERT_TRUE(rig->fault("kiosk-a4", "reject"));
    auto id = unaware.submit(certificate());
    ASSERT_TRUE(id.ok()) << id.error().describe();
    auto end = events.wait_for_end(id.value(), std::chrono::seconds(5));
    ASSERT_TRUE(end);
    EXPECT_NE(failure_of(end).find("not accepting"), std::string::npos) << failure_of(end);
}

TEST_F(CupsPrinterRig, ADeadSchedulerIsAFaultForTheEngineer) {
    ASSERT_TRUE(rig->scheduler("kill-scheduler"));
    auto down = recorder.wait_for_status(DeviceState::Fault, "cups-unreachable", std::chrono::seconds(5));
    ASSERT_TRUE(down);
    EXPECT_EQ(down->fixed_by, FixedBy::Engineer);
    auto refused = printer->submit(certificate());
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("cups-unreachable"), std::string::npos) << refused.error().message;

    ASSERT_TRUE(rig->scheduler("restart-scheduler"));
    ASSERT_TRUE(recorder.wait_for_status(DeviceState::Ready, {}, std::chrono::seconds(10)));
    auto end = recorder.wait_for_end(submit());
    EXPECT_TRUE(finished(end)) << failure_of(end);
}
