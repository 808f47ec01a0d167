// The device hub links the simulated devices to the UI thread: a card on the reader becomes CardRead
// with the cardholder's identity, a scanner jam or a printer out of paper greys out what needs that
// device and says who fixes it (hall staff), clearing the fault brings it back, and a QR payload too
// long to be a code is refused with a clear error instead of being delivered cut off.

#include "services/DeviceHub.h"
#include "FakeUiThread.h"
#include "core/base/Log.h"
#include "drivers/idcard/SimIdCardReader.h"
#include "drivers/printer/SimPrinter.h"
#include "drivers/qr/SimQrScanner.h"
#include "drivers/scanner/SimScanner.h"

#include <atomic>
#include <future>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::services {
namespace {

// A scan's page where the test does not look at it.
void drop_page(drivers::ScannedPage) {}

using domain::DeviceKind;
using domain::DeviceState;
using domain::FixedBy;
using test::FakeUiThread;
using test::kGenerous;
using ::testing::HasSubstr;

constexpr DeviceKind kAllKinds[] = {DeviceKind::IdCardReader, DeviceKind::Scanner, DeviceKind::QrScanner,
                                    DeviceKind::ReceiptPrinter, DeviceKind::A4Printer};

drivers::PrintJob receipt_job() {
    return drivers::PrintJob{"receipt", {'%', 'P', 'D', 'F', '-', '1', '.', '7'}};
}

void expect_same_identity(const domain::Identity& got, const domain::Identity& want) {
    EXPECT_EQ(got.document_type, want.document_type);
    EXPECT_EQ(got.name, want.name);
    EXPECT_EQ(got.name_en, want.name_en);
    EXPECT_EQ(got.sex, want.sex);
    EXPECT_EQ(got.nation, want.nation);
    EXPECT_EQ(got.birth_date, want.birth_date);
    EXPECT_EQ(got.address, want.address);
    EXPECT_EQ(got.id_number, want.id_number);
    EXPECT_EQ(got.issuer, want.issuer);
    EXPECT_EQ(got.valid_from, want.valid_from);
    EXPECT_EQ(got.valid_until, want.valid_until);
    EXPECT_EQ(got.permit_number, want.permit_number);
    EXPECT_EQ(got.nationality, want.nationality);
    EXPECT_EQ(got.photo_wlt, want.photo_wlt);
}

// A kiosk with every simulated device, started, with every device reported ready.
class DeviceHubTest : public ::testing::Test {
protected:
    void SetUp() override {
        hub.start();
        // The devices report in any order.
        auto all_ready = [this] {
            for (DeviceKind kind : kAllKinds)
                if (hub.status(kind).state != DeviceState::Ready)
                    return false;
            return true;
        };
        ASSERT_TRUE(ui.wait_until(all_ready)) << "not every device reported ready";
    }

    drivers::SimIdCardReader idcard;
    drivers::SimScanner scanner;
    drivers::SimQrScanner qr;
    drivers::SimPrinter receipt_printer{DeviceKind::ReceiptPrinter, 200};
    drivers::SimPrinter a4_printer{DeviceKind::A4Printer, 100};
    AppEventQueue queue;
    FakeUiThread ui{queue, &hub};
    // Last: destroyed first, and its stop() waits for any delivery in progress before the UI stand-in
    // and the queue go.
    DeviceHub hub{{&idcard, &scanner, &qr, &receipt_printer, &a4_printer}, queue};
};

TEST(DeviceHub, BeforeStartEveryDeviceIsAbsentAndUnusable) {
    AppEventQueue queue;
    DeviceHub hub({}, queue);
    for (DeviceKind kind : kAllKinds) {
        EXPECT_EQ(hub.status(kind).kind, kind);
        EXPECT_EQ(hub.status(kind).state, DeviceState::Absent);
        EXPECT_EQ(hub.status(kind).reason, "not configured");
        EXPECT_FALSE(hub.usable(kind));
    }
}

// A receipt printer that reports itself ready but whose roll the kiosk counts as used up is withdrawn:
// scenes see a fault for hall staff with the withdrawal's reason; the device's own report is kept, and
// lifting the withdrawal (or the device faulting by itself) shows the report again.
TEST(DeviceHub, AWithdrawnDeviceReadsAsAFaultForStaffOnlyWhileItReportsItselfUsable) {
    AppEventQueue queue;
    DeviceHub hub({}, queue);
    domain::DeviceStatus ready{DeviceKind::ReceiptPrinter, DeviceState::Ready};
    hub.note(ready);
    ASSERT_TRUE(hub.usable(DeviceKind::ReceiptPrinter));

    EXPECT_TRUE(hub.set_withdrawn(DeviceKind::ReceiptPrinter, "receipt-paper-out"));
    EXPECT_FALSE(hub.usable(DeviceKind::ReceiptPrinter));
    EXPECT_EQ(hub.status(DeviceKind::ReceiptPrinter).fixed_by, FixedBy::HallStaff);
    EXPECT_EQ(hub.status(DeviceKind::ReceiptPrinter).reason, "receipt-paper-out");
    EXPECT_EQ(hub.reported(DeviceKind::ReceiptPrinter), ready);
    EXPECT_FALSE(hub.set_withdrawn(DeviceKind::ReceiptPrinter, "receipt-paper-out")) << "nothing changed";
    EXPECT_TRUE(hub.usable(DeviceKind::A4Printer) == false &&
                hub.status(DeviceKind::A4Printer).reason == "not configured")
        << "only that device";

    hub.note({DeviceKind::ReceiptPrinter, DeviceState::Fault, FixedBy::HallStaff, "media-jam"});
    EXPECT_EQ(hub.status(DeviceKind::ReceiptPrinter).reason, "media-jam") << "the device's own fault shows";
    hub.note(ready);
    EXPECT_EQ(hub.status(DeviceKind::ReceiptPrinter).reason, "receipt-paper-out");

    EXPECT_TRUE(hub.set_withdrawn(DeviceKind::ReceiptPrinter, ""));
    EXPECT_TRUE(hub.usable(DeviceKind::ReceiptPrinter));
    EXPECT_EQ(hub.status(DeviceKind::ReceiptPrinter), ready);
}

TEST_F(DeviceHubTest, StartReportsEveryDeviceReadyWithItsConsumables) {
    for (DeviceKind kind : kAllKinds) {
        EXPECT_TRUE(hub.usable(kind)) << domain::to_string(kind);
        EXPECT_EQ(hub.status(kind).kind, kind);
    }
    const auto& receipt = hub.status(DeviceKind::ReceiptPrinter);
    ASSERT_EQ(receipt.consumables.size(), 1u);
    EXPECT_EQ(receipt.consumables[0].id, "paper");
    EXPECT_EQ(receipt.consumables[0].percent, 100);
}

TEST_F(DeviceHubTest, CardOnTheReaderDeliversCardReadWithTheCardholder) {
    std::vector<std::string> log_lines;
    log::set_observer([&](log::Level, std::string_view line) { log_lines.emplace_back(line); });
    domain::Identity sample = drivers::SimIdCardReader::sample_identity(0);
    idcard.place_card(sample);
    auto read = ui.wait_for<CardRead>();
    ASSERT_TRUE(read) << "no CardRead";
    expect_same_identity(read->identity, sample);
    EXPECT_EQ(read->identity.name, "张三");
    EXPECT_EQ(read->identity.id_number, "440304198806157315");

    idcard.remove_card();
    EXPECT_TRUE(ui.wait_for<CardRemoved>());
    log::set_observer(nullptr);
    for (const auto& line : log_lines) {
        EXPECT_EQ(line.find(sample.name), std::string::npos) << line;
        EXPECT_EQ(line.find(sample.id_number), std::string::npos) << line;
        EXPECT_EQ(line.find(sample.address), std::string::npos) << line;
    }
}

TEST_F(DeviceHubTest, EachSampleCardholderArrivesIntact) {
    for (int index = 0; index < 3; ++index) {
        domain::Identity sample = drivers::SimIdCardReader::sample_identity(index);
        idcard.place_card(sample);
        auto read = ui.wait_for<CardRead>();
        ASSERT_TRUE(read) << "card " << index;
        expect_same_identity(read->identity, sample);
        idcard.remove_card();
        ASSERT_TRUE(ui.wait_for<CardRemoved>()) << "card " << index;
    }
}

TEST_F(DeviceHubTest, FailedCardReadIsReportedWithoutAnIdentity) {
    idcard.fail_next_read(make_error(ErrorCode::Device, "read failed (SW3 0x41)"));
    idcard.place_card(drivers::SimIdCardReader::sample_identity(1));
    auto failed = ui.wait_for<CardReadFailed>();
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->error.code, ErrorCode::Device);
    EXPECT_EQ(failed->error.message, "read failed (SW3 0x41)");
    for (const auto& event : ui.seen())
        EXPECT_FALSE(std::holds_alternative<CardRead>(event));
}

TEST_F(DeviceHubTest, UnpluggedReaderNeedsAnEngineerAndReplugRecovers) {
    idcard.unplug();
    auto absent = ui.wait_for_state(DeviceKind::IdCardReader, DeviceState::Absent);
    ASSERT_TRUE(absent);
    EXPECT_EQ(absent->fixed_by, FixedBy::Engineer);
    EXPECT_EQ(absent->reason, "unplugged");
    EXPECT_FALSE(hub.usable(DeviceKind::IdCardReader));
    EXPECT_TRUE(hub.usable(DeviceKind::Scanner)); // the rest of the kiosk keeps serving

    idcard.replug();
    ASSERT_TRUE(ui.wait_for_state(DeviceKind::IdCardReader, DeviceState::Ready));
    EXPECT_TRUE(hub.usable(DeviceKind::IdCardReader));
}

TEST_F(DeviceHubTest, ScanReportsProgressThenHandsTheA4PageToItsSinkNotToTheUi) {
    std::promise<drivers::ScannedPage> delivered;
    std::thread::id sink_thread;
    ASSERT_TRUE(hub.scan({300, false},
                         [&](drivers::ScannedPage page) {
                             sink_thread = std::this_thread::get_id();
                             delivered.set_value(std::move(page));
                         })
                    .ok());
    auto busy = ui.wait_for_state(DeviceKind::Scanner, DeviceState::Busy);
    ASSERT_TRUE(busy);
    EXPECT_TRUE(hub.usable(DeviceKind::Scanner)); // busy is not broken
    bool second_sink_called = false;
    auto second = hub.scan({}, [&](drivers::ScannedPage) { second_sink_called = true; });
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, ErrorCode::Busy);

    ASSERT_TRUE(ui.wait_for<ScanCompleted>());
    auto page = delivered.get_future().get();
    EXPECT_NE(sink_thread, std::this_thread::get_id()); // on the scanner's thread, not the UI's
    EXPECT_FALSE(second_sink_called) << "the refused scan took the page of the one in progress";
    EXPECT_EQ(page.dpi, 300);
    EXPECT_EQ(page.width, 2480);                        // 210 mm at 300 dpi
    EXPECT_EQ(page.height, 3507);                       // 297 mm at 300 dpi
    EXPECT_EQ(page.pixels.size(), size_t(2480) * 3507); // the pixels come along, not only the size
    ASSERT_TRUE(ui.wait_for_state(DeviceKind::Scanner, DeviceState::Ready));

    std::vector<int> progress;
    for (const auto& event : ui.seen())
        if (auto* step = std::get_if<ScanProgressed>(&event))
            progress.push_back(step->percent);
    EXPECT_EQ(progress, (std::vector<int>{25, 50, 75}));
}

TEST_F(DeviceHubTest, ScannerJamNeedsHallStaffAndClearingRecovers) {
    scanner.jam();
    auto jammed = ui.wait_for_state(DeviceKind::Scanner, DeviceState::Fault);
    ASSERT_TRUE(jammed);
    EXPECT_EQ(jammed->fixed_by, FixedBy::HallStaff);
    EXPECT_EQ(jammed->reason, "jammed");
    EXPECT_FALSE(hub.usable(DeviceKind::Scanner));
    EXPECT_EQ(hub.status(DeviceKind::Scanner).fixed_by, FixedBy::HallStaff);
    EXPECT_TRUE(hub.usable(DeviceKind::IdCardReader));

    auto refused = hub.scan({}, drop_page);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Device);
    EXPECT_THAT(refused.error().message, HasSubstr("jammed"));

    scanner.clear_fault();
    ASSERT_TRUE(ui.wait_for_state(DeviceKind::Scanner, DeviceState::Ready));
    EXPECT_TRUE(hub.usable(DeviceKind::Scanner));
    ASSERT_TRUE(hub.scan({}, drop_page).ok());
    EXPECT_TRUE(ui.wait_for<ScanCompleted>());
}

TEST_F(DeviceHubTest, JamDuringAScanFailsTheScanAndTheFaultStays) {
    // Jam the moment the scan starts moving (on the scanner's thread, before its first step).
    ui.on_next_post([this] { scanner.jam(); });
    ASSERT_TRUE(hub.scan({}, drop_page).ok());

    auto failed = ui.wait_for<ScanFailed>();
    ASSERT_TRUE(failed) << "the scan went on through a jam";
    EXPECT_EQ(failed->error.code, ErrorCode::Device);
    EXPECT_THAT(failed->error.message, HasSubstr("jammed"));
    for (const auto& event : ui.seen())
        EXPECT_FALSE(std::holds_alternative<ScanCompleted>(event));

    // Clearing brings it back: the next status is Ready, and nothing of the failed scan overwrote
    // the fault in between.
    scanner.clear_fault();
    ASSERT_TRUE(ui.wait_for_state(DeviceKind::Scanner, DeviceState::Ready));
    bool fault_seen = false;
    for (const auto& event : ui.seen()) {
        auto* changed = std::get_if<DeviceStatusChanged>(&event);
        if (!changed || changed->status.kind != DeviceKind::Scanner)
            continue;
        if (changed->status.state == DeviceState::Fault) {
            fault_seen = true;
        } else if (fault_seen) {
            EXPECT_EQ(&event, &ui.seen().back()) << "fault overwritten before clear_fault()";
        }
    }
    EXPECT_TRUE(fault_seen);

    // A new scan runs normally: nothing left over from the failed one.
    ASSERT_TRUE(hub.scan({}, drop_page).ok()) << "scanner still thinks the failed scan is running";
    EXPECT_TRUE(ui.wait_for<ScanCompleted>());
}

TEST_F(DeviceHubTest, PrintsOnTheRequestedPrinter) {
    auto receipt = hub.print(DeviceKind::ReceiptPrinter, receipt_job());
    auto certificate = hub.print(DeviceKind::A4Printer, {"certificate", {'%', 'P', 'D', 'F'}});
    ASSERT_TRUE(receipt.ok()) << receipt.error().describe();
    ASSERT_TRUE(certificate.ok()) << certificate.error().describe();
    std::optional<PrintCompleted> receipt_done, certificate_done; // in either order
    ASSERT_TRUE(ui.wait_until([&] {
        if (auto* done = ui.seen().empty() ? nullptr : std::get_if<PrintCompleted>(&ui.seen().back()))
            (done->printer == DeviceKind::A4Printer ? certificate_done : receipt_done) = *done;
        return receipt_done && certificate_done;
    }));
    EXPECT_EQ(receipt_done->job_id, receipt.value());
    EXPECT_EQ(certificate_done->job_id, certificate.value());
    EXPECT_EQ(receipt_printer.printed_count(), 1);
    EXPECT_EQ(a4_printer.printed_count(), 1);
}

TEST_F(DeviceHubTest, EmptyPrintJobIsRefusedAtOnce) {
    auto refused = hub.print(DeviceKind::ReceiptPrinter, {"receipt", {}});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(refused.error().message, "print job 'receipt' has no document");
}

TEST_F(DeviceHubTest, PrinterOutOfPaperNeedsHallStaffAndRefillRecovers) {
    receipt_printer.set_paper(0);
    auto empty = ui.wait_for_state(DeviceKind::ReceiptPrinter, DeviceState::Fault);
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->fixed_by, FixedBy::HallStaff);
    EXPECT_EQ(empty->reason, "media-empty");
    ASSERT_EQ(empty->consumables.size(), 1u);
    EXPECT_EQ(empty->consumables[0].percent, 0);
    EXPECT_FALSE(hub.usable(DeviceKind::ReceiptPrinter));
    EXPECT_TRUE(hub.usable(DeviceKind::A4Printer)); // the other printer keeps serving

    // A job sent anyway is kept and printed once hall staff refill the paper.
    auto job = hub.print(DeviceKind::ReceiptPrinter, receipt_job());
    ASSERT_TRUE(job.ok()) << job.error().describe();
    receipt_printer.set_paper(200);
    auto done = ui.wait_for<PrintCompleted>();
    ASSERT_TRUE(done);
    EXPECT_EQ(done->job_id, job.value());
    EXPECT_TRUE(hub.usable(DeviceKind::ReceiptPrinter));
    EXPECT_EQ(hub.status(DeviceKind::ReceiptPrinter).state, DeviceState::Ready);
}

TEST_F(DeviceHubTest, NegativePaperCountIsPaperOut) {
    receipt_printer.set_paper(-5); // a miscounting control must not make an empty printer "ready"
    auto empty = ui.wait_for_state(DeviceKind::ReceiptPrinter, DeviceState::Fault);
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->reason, "media-empty");
    EXPECT_EQ(empty->consumables.at(0).percent, 0);
}

TEST(DeviceHub, PrinterRunningOutOfPaperHoldsTheNextJobUntilRefilled) {
    drivers::SimPrinter printer(DeviceKind::ReceiptPrinter, 1); // one sheet left
    AppEventQueue queue;
    FakeUiThread ui(queue, nullptr);
    DeviceHub hub({nullptr, nullptr, nullptr, &printer, nullptr}, queue);
    hub.start();

    auto first = hub.print(DeviceKind::ReceiptPrinter, receipt_job());
    auto second = hub.print(DeviceKind::ReceiptPrinter, receipt_job());
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(second.ok());
    EXPECT_NE(first.value(), second.value());
    auto empty = ui.wait_for_state(DeviceKind::ReceiptPrinter, DeviceState::Fault);
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->reason, "media-empty");
    EXPECT_EQ(empty->fixed_by, FixedBy::HallStaff);

    printer.set_paper(1);
    auto second_done =
        ui.wait_for<PrintCompleted>([&](const PrintCompleted& e) { return e.job_id == second.value(); });
    ASSERT_TRUE(second_done);
    // In order: the first job, paper out, refilled, then the second job.
    std::vector<std::string> story;
    for (const auto& event : ui.seen()) {
        auto* done = std::get_if<PrintCompleted>(&event);
        auto* changed = std::get_if<DeviceStatusChanged>(&event);
        if (done) {
            story.push_back(done->job_id == first.value() ? "first printed" : "second printed");
            if (done->job_id == second.value())
                break;
        } else if (changed && changed->status.state == DeviceState::Fault &&
                   (story.empty() || story.back() != "paper out")) {
            story.push_back("paper out");
        } else if (changed && changed->status.state == DeviceState::Ready && !story.empty() &&
                   story.back() == "paper out") {
            story.push_back("refilled");
        }
    }
    EXPECT_EQ(story, (std::vector<std::string>{"first printed", "paper out", "refilled", "second printed"}));
    EXPECT_EQ(printer.printed_count(), 2);
}

TEST_F(DeviceHubTest, QrPayloadIsDeliveredAsScanned) {
    qr.present("https://zwfw.example.gov.cn/kiosk?ticket=A-0042");
    auto scanned = ui.wait_for<QrScanned>();
    ASSERT_TRUE(scanned);
    EXPECT_EQ(scanned->text, "https://zwfw.example.gov.cn/kiosk?ticket=A-0042");
}

TEST_F(DeviceHubTest, QrPayloadAtTheLimitIsDeliveredWhole) {
    std::string largest(drivers::kMaxQrPayloadBytes, 'Q');
    qr.present(largest);
    auto scanned = ui.wait_for<QrScanned>();
    ASSERT_TRUE(scanned);
    EXPECT_EQ(scanned->text, largest);
}

TEST_F(DeviceHubTest, QrPayloadOverTheLimitIsRefusedNotCutOff) {
    std::string too_long(drivers::kMaxQrPayloadBytes + 1, 'Q');
    qr.present(too_long);
    qr.present("next-code"); // the scanner keeps working afterwards

    auto rejected = ui.wait_for<QrRejected>();
    ASSERT_TRUE(rejected) << "an over-long payload was not reported";
    EXPECT_EQ(rejected->error.code, ErrorCode::InvalidData);
    EXPECT_THAT(rejected->error.message,
                HasSubstr(std::to_string(drivers::kMaxQrPayloadBytes + 1) + " bytes"));
    EXPECT_THAT(rejected->error.message, HasSubstr(std::to_string(drivers::kMaxQrPayloadBytes)));
    EXPECT_EQ(rejected->error.message.find("QQQQ"), std::string::npos); // the payload is not echoed

    auto next = ui.wait_for<QrScanned>();
    ASSERT_TRUE(next);
    EXPECT_EQ(next->text, "next-code");
    for (const auto& event : ui.seen()) {
        if (auto* scanned = std::get_if<QrScanned>(&event)) {
            EXPECT_EQ(scanned->text, "next-code") << "a cut-off payload was delivered";
        }
    }
    EXPECT_TRUE(hub.usable(DeviceKind::QrScanner));
}

TEST(DeviceHub, MissingDevicesAnswerUnsupported) {
    drivers::SimIdCardReader idcard;
    AppEventQueue queue;
    FakeUiThread ui(queue, nullptr);
    DeviceHub hub({&idcard}, queue);
    hub.start();
    ASSERT_TRUE(ui.wait_for_state(DeviceKind::IdCardReader, DeviceState::Ready));

    auto scan = hub.scan({}, drop_page);
    ASSERT_FALSE(scan.ok());
    EXPECT_EQ(scan.error().code, ErrorCode::Unsupported);
    for (DeviceKind printer : {DeviceKind::ReceiptPrinter, DeviceKind::A4Printer}) {
        auto print = hub.print(printer, receipt_job());
        ASSERT_FALSE(print.ok());
        EXPECT_EQ(print.error().code, ErrorCode::Unsupported);
    }
    EXPECT_FALSE(hub.usable(DeviceKind::Scanner));
    EXPECT_EQ(hub.status(DeviceKind::Scanner).reason, "not configured");
}

// A scanner whose backend cannot be opened (no SANE device, permissions).
class UnopenableScanner final : public drivers::Scanner {
public:
    Result<void> start(Sink) override {
        return make_error(ErrorCode::NotFound, "SANE device 'fujitsu:fi-7160' not found");
    }
    void stop() override {}
    Result<void> scan(const drivers::ScanRequest&) override {
        return make_error(ErrorCode::Device, "not started");
    }
    void cancel() override {}
    domain::DeviceStatus status() const override { return {}; }
};

TEST(DeviceHub, DeviceThatFailsToStartIsAFaultForAnEngineerAndTheRestStart) {
    UnopenableScanner scanner;
    drivers::SimIdCardReader idcard;
    AppEventQueue queue;
    DeviceHub hub({&idcard, &scanner}, queue);
    FakeUiThread ui(queue, &hub);
    hub.start();
    ASSERT_TRUE(ui.wait_until([&] {
        return hub.status(DeviceKind::Scanner).state == DeviceState::Fault &&
               hub.usable(DeviceKind::IdCardReader);
    }));
    const auto& fault = hub.status(DeviceKind::Scanner);
    EXPECT_EQ(fault.fixed_by, FixedBy::Engineer);
    EXPECT_EQ(fault.reason, "SANE device 'fujitsu:fi-7160' not found");
    hub.stop(); // before the UI stand-in goes
}

// stop() is the end of the line for driver callbacks: when it returns no event is being delivered,
// so whatever the callbacks use (the queue, the UI) may go away.
TEST(DeviceHub, StopWaitsForAnEventBeingDelivered) {
    drivers::SimIdCardReader idcard;
    AppEventQueue queue;
    auto hub = std::make_unique<DeviceHub>(DeviceSet{&idcard}, queue);

    std::promise<void> delivering, may_finish;
    auto may_finish_future = may_finish.get_future().share();
    std::atomic<bool> armed{false};
    queue.set_waker([&] {
        if (!armed.exchange(false))
            return;
        delivering.set_value();
        may_finish_future.wait_for(kGenerous); // the reader's thread is now inside the hub's callback
    });
    hub->start();
    armed = true;
    idcard.place_card(drivers::SimIdCardReader::sample_identity(2));
    ASSERT_EQ(delivering.get_future().wait_for(kGenerous), std::future_status::ready);

    auto stopped = std::async(std::launch::async, [&] { hub->stop(); });
    // Bounded wait: it must still be waiting after this (a correct stop() can never be done early).
    EXPECT_EQ(stopped.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout)
        << "stop() returned while the callback was still running";
    may_finish.set_value();
    ASSERT_EQ(stopped.wait_for(kGenerous), std::future_status::ready);
    queue.set_waker(nullptr);
}

// Stopping in the middle of a scan (a config change between sessions) must not leave the scanner
// busy for ever once it is started again.
TEST(DeviceHub, DevicesStoppedMidScanStartAgainReady) {
    drivers::SimScanner scanner;
    AppEventQueue queue;
    FakeUiThread ui(queue, nullptr);
    DeviceHub hub({nullptr, &scanner}, queue);
    hub.start();
    ASSERT_TRUE(ui.wait_for_state(DeviceKind::Scanner, DeviceState::Ready));
    ASSERT_TRUE(hub.scan({}, drop_page).ok());
    hub.stop();

    hub.start();
    ASSERT_TRUE(ui.wait_for_state(DeviceKind::Scanner, DeviceState::Ready));
    auto scan = hub.scan({}, drop_page);
    ASSERT_TRUE(scan.ok()) << scan.error().describe();
    EXPECT_TRUE(ui.wait_for<ScanCompleted>());
}

} // namespace
} // namespace kiosk::services
