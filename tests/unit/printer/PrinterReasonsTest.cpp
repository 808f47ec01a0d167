// What the kiosk makes of a CUPS queue's state: each printer-state-reasons keyword (with and without
// its severity suffix) lands on the one device status with the person who fixes it. The snapshots are
// the ones the printing rig showed (docs/specs/test-rig.md §1).

#include "drivers/printer/PrinterReasons.h"

#include <gtest/gtest.h>

using namespace kiosk;
using namespace kiosk::drivers;
using domain::DeviceKind;
using domain::DeviceState;
using domain::FixedBy;

namespace {

constexpr int idle = 3;
constexpr int processing = 4;
constexpr int stopped = 5;

QueueSnapshot queue(int state, std::vector<std::string> reasons) {
    QueueSnapshot snapshot;
    snapshot.printer_state = state;
    snapshot.reasons = std::move(reasons);
    return snapshot;
}

// The printer answered for itself (its device URI is ipp://).
QueueSnapshot asked(QueueSnapshot snapshot, int state, std::vector<std::string> reasons) {
    snapshot.device_reachable = true;
    snapshot.device_state = state;
    snapshot.device_reasons = std::move(reasons);
    return snapshot;
}

int consumable(const domain::DeviceStatus& status, const std::string& id) {
    for (const auto& item : status.consumables) {
        if (item.id == id)
            return item.percent;
    }
    return -2;
}

} // namespace

TEST(PrinterReasons, StripsOnlyTheSeveritySuffix) {
    EXPECT_EQ(strip_severity("media-empty-error"), "media-empty");
    EXPECT_EQ(strip_severity("media-jam-warning"), "media-jam");
    EXPECT_EQ(strip_severity("toner-low-report"), "toner-low");
    EXPECT_EQ(strip_severity("paused"), "paused");
    EXPECT_EQ(strip_severity("cups-waiting-for-job-completed"), "cups-waiting-for-job-completed");
    EXPECT_EQ(strip_severity("-error"), "-error");
}

TEST(PrinterReasons, IdleIsReadyAndProcessingIsBusy) {
    auto ready = map_queue_status(DeviceKind::A4Printer, queue(idle, {}));
    EXPECT_EQ(ready.state, DeviceState::Ready);
    EXPECT_EQ(ready.kind, DeviceKind::A4Printer);
    EXPECT_EQ(ready.reason, "");
    auto busy =
        map_queue_status(DeviceKind::ReceiptPrinter, queue(processing, {"cups-waiting-for-job-completed"}));
    EXPECT_EQ(busy.state, DeviceState::Busy);
    EXPECT_EQ(busy.kind, DeviceKind::ReceiptPrinter);
}

TEST(PrinterReasons, PaperOutWhileAJobWaitsIsForHallStaff) {
    // cupsd while ippeveprinter holds a job for paper: processing, and the reasons as warnings.
    auto status = map_queue_status(
        DeviceKind::A4Printer,
        queue(processing, {"cups-waiting-for-job-completed", "media-empty-warning", "media-needed-warning"}));
    EXPECT_EQ(status.state, DeviceState::Fault);
    EXPECT_EQ(status.fixed_by, FixedBy::HallStaff);
    EXPECT_EQ(status.reason, "media-empty");
    EXPECT_EQ(consumable(status, "paper"), 0);
    EXPECT_EQ(map_queue_status(DeviceKind::A4Printer, queue(idle, {"media-needed-error"})).reason,
              "media-empty");
}

TEST(PrinterReasons, HallStaffFaults) {
    struct Case {
        const char* keyword;
        const char* reason;
    };
    for (auto [keyword, reason] :
         {Case{"media-jam-error", "media-jam"}, Case{"door-open-error", "cover-open"},
          Case{"cover-open-report", "cover-open"}, Case{"toner-empty-error", "toner-empty"},
          Case{"marker-supply-empty-error", "toner-empty"},
          Case{"input-tray-missing-error", "tray-missing"}}) {
        auto status = map_queue_status(DeviceKind::A4Printer, queue(idle, {keyword}));
        EXPECT_EQ(status.state, DeviceState::Fault) << keyword;
        EXPECT_EQ(status.fixed_by, FixedBy::HallStaff) << keyword;
        EXPECT_EQ(status.reason, reason) << keyword;
    }
}

TEST(PrinterReasons, AJamIsReportedBeforeTheEmptyTrayItCauses) {
    auto status =
        map_queue_status(DeviceKind::A4Printer, queue(idle, {"media-empty-error", "media-jam-error"}));
    EXPECT_EQ(status.reason, "media-jam");
}

TEST(PrinterReasons, LowSuppliesAreWarningsOnAUsablePrinter) {
    auto low_paper = map_queue_status(DeviceKind::ReceiptPrinter, queue(idle, {"media-low-report"}));
    EXPECT_EQ(low_paper.state, DeviceState::Ready);
    EXPECT_EQ(low_paper.reason, "media-low");
    QueueSnapshot toner = queue(processing, {"toner-low-warning"});
    toner.markers = {{"Black Toner", "toner", 12}, {"Toner Waste Tank", "wasteToner", 80}};
    auto low_toner = map_queue_status(DeviceKind::A4Printer, toner);
    EXPECT_EQ(low_toner.state, DeviceState::Busy);
    EXPECT_EQ(low_toner.reason, "toner-low");
    EXPECT_EQ(consumable(low_toner, "toner"), 12);
    EXPECT_EQ(consumable(low_toner, "paper"), -1); // IPP does not say how much paper is left
}

TEST(PrinterReasons, StoppedQueueIsForTheEngineer) {
    auto status = map_queue_status(DeviceKind::A4Printer, queue(stopped, {"paused"}));
    EXPECT_EQ(status.state, DeviceState::Fault);
    EXPECT_EQ(status.fixed_by, FixedBy::Engineer);
    EXPECT_EQ(status.reason, "queue-stopped");
    // Stopped also wins over a hall-staff fault: taking paper does not restart the queue.
    EXPECT_EQ(map_queue_status(DeviceKind::A4Printer, queue(stopped, {"paused", "media-empty-error"})).reason,
              "queue-stopped");
}

TEST(PrinterReasons, RejectingQueue) {
    QueueSnapshot snapshot = queue(idle, {});
    snapshot.accepting = false;
    auto status = map_queue_status(DeviceKind::ReceiptPrinter, snapshot);
    EXPECT_EQ(status.state, DeviceState::Fault);
    EXPECT_EQ(status.fixed_by, FixedBy::Engineer);
    EXPECT_EQ(status.reason, "queue-rejecting");
}

TEST(PrinterReasons, SchedulerAndQueueProblemsAreForTheEngineer) {
    QueueSnapshot down;
    down.scheduler_reachable = false;
    auto status = map_queue_status(DeviceKind::A4Printer, down);
    EXPECT_EQ(status.state, DeviceState::Fault);
    EXPECT_EQ(status.fixed_by, FixedBy::Engineer);
    EXPECT_EQ(status.reason, "cups-unreachable");
    QueueSnapshot missing;
    missing.queue_found = false;
    EXPECT_EQ(map_queue_status(DeviceKind::A4Printer, missing).reason, "queue-missing");
}

TEST(PrinterReasons, UnreachablePrinterIsAbsent) {
    // cupsd's ipp backend while it cannot connect: the queue says "processing" with this message.
    QueueSnapshot connecting = queue(processing, {});
    connecting.state_message = "The printer may not exist or is unavailable at this time.";
    auto status = map_queue_status(DeviceKind::A4Printer, connecting);
    EXPECT_EQ(status.state, DeviceState::Absent);
    EXPECT_EQ(status.fixed_by, FixedBy::HallStaff);
    EXPECT_EQ(status.reason, "printer-unreachable");
    EXPECT_EQ(map_queue_status(DeviceKind::A4Printer, queue(idle, {"offline-report"})).state,
              DeviceState::Absent);
    // The printer did not answer when asked directly, while cupsd still shows the last job's state.
    QueueSnapshot gone = queue(processing, {"cups-waiting-for-job-completed"});
    gone.device_reachable = false;
    EXPECT_EQ(map_queue_status(DeviceKind::A4Printer, gone).reason, "printer-unreachable");
}

TEST(PrinterReasons, ThePrintersOwnWordWinsOverWhatCupsdRemembers) {
    // cupsd keeps "media-jam-report" on an idle queue from the last job; the printer says it is clear.
    auto cleared =
        map_queue_status(DeviceKind::A4Printer, asked(queue(idle, {"media-jam-report"}), idle, {}));
    EXPECT_EQ(cleared.state, DeviceState::Ready);
    // cupsd hears nothing from an idle printer; asked directly it says its paper is out.
    auto empty =
        map_queue_status(DeviceKind::A4Printer, asked(queue(idle, {}), idle, {"media-empty-report"}));
    EXPECT_EQ(empty.reason, "media-empty");
    // Queue-level states stay cupsd's: a paused queue on a healthy printer is still stopped.
    auto paused = map_queue_status(DeviceKind::A4Printer, asked(queue(stopped, {"paused"}), idle, {}));
    EXPECT_EQ(paused.reason, "queue-stopped");
}

TEST(PrinterReasons, InformationalCupsReasonsDoNotMakeAFault) {
    auto status = map_queue_status(DeviceKind::A4Printer, queue(idle, {"cups-ipp-conformance-failure-report",
                                                                       "cups-ipp-missing-job-history"}));
    EXPECT_EQ(status.state, DeviceState::Ready);
    EXPECT_EQ(status.reason, "");
}
