// The self-test rule: which failing devices stop the kiosk serving (scanner, receipt printer), which
// only withdraw part of the catalog (A4 printer: checklists, certificates and the matters issuing
// them; the card reader and the QR scanner: those ways in), and hardware vs consumables.

#include "services/staff/mode/SelfTest.h"
#include "core/domain/Catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kiosk::services {
namespace {

using domain::DeviceKind;
using domain::DeviceState;
using domain::FixedBy;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

DeviceStatuses all_ready() {
    DeviceStatuses statuses;
    for (size_t i = 0; i < statuses.size(); ++i)
        statuses[i] = {static_cast<DeviceKind>(i), DeviceState::Ready};
    return statuses;
}

void fault(DeviceStatuses& statuses, DeviceKind kind, std::string reason,
           DeviceState state = DeviceState::Fault) {
    auto& status = statuses[static_cast<size_t>(kind)];
    status.state = state;
    status.fixed_by = FixedBy::HallStaff;
    status.reason = std::move(reason);
}

const domain::Catalog& sample_catalog() {
    static const auto catalog =
        domain::load_catalog(std::string(KIOSK_SOURCE_DIR) + "/data/catalog/sample-catalog.json");
    EXPECT_TRUE(catalog.ok());
    return catalog.value();
}

TEST(SelfTest, AllReadyPasses) {
    auto result = run_self_test(all_ready(), &sample_catalog());
    EXPECT_TRUE(result.passed);
    EXPECT_TRUE(result.can_serve);
    EXPECT_TRUE(result.failures.empty());
    EXPECT_TRUE(result.withdrawn.empty());
    EXPECT_EQ(result.out_reason(), "");
    EXPECT_EQ(result.detail(), "all devices ready");
}

TEST(SelfTest, BusyIsNotAFailure) {
    auto statuses = all_ready();
    statuses[static_cast<size_t>(DeviceKind::ReceiptPrinter)].state = DeviceState::Busy;
    EXPECT_TRUE(run_self_test(statuses, nullptr).passed);
}

TEST(SelfTest, MissingA4PrinterWithdrawsOnlyWhatPrintsOnA4) {
    auto statuses = all_ready();
    fault(statuses, DeviceKind::A4Printer, "media-jam");
    auto result = run_self_test(statuses, &sample_catalog());
    EXPECT_FALSE(result.passed);
    EXPECT_TRUE(result.can_serve); // serving with withdrawals, not out of service
    EXPECT_EQ(result.out_reason(), "");
    EXPECT_THAT(result.withdrawn,
                ElementsAre("checklist-print", "certificates", "matter:company_registration",
                            "matter:no_criminal_record_certificate"));
    ASSERT_EQ(result.failures.size(), 1U);
    EXPECT_EQ(result.failures[0].device, DeviceKind::A4Printer);
    EXPECT_FALSE(result.failures[0].needed);
    EXPECT_THAT(result.detail(), HasSubstr("a4_printer fault media-jam"));
}

TEST(SelfTest, CardReaderAndQrScannerWithdrawTheirWayIn) {
    auto statuses = all_ready();
    fault(statuses, DeviceKind::IdCardReader, "unplugged", DeviceState::Absent);
    fault(statuses, DeviceKind::QrScanner, "unplugged", DeviceState::Absent);
    auto result = run_self_test(statuses, &sample_catalog());
    EXPECT_TRUE(result.can_serve);
    EXPECT_THAT(result.withdrawn, ElementsAre("identify-by-card", "progress-by-qr"));
}

TEST(SelfTest, NeededDeviceFaultedCannotServeAsHardware) {
    auto statuses = all_ready();
    fault(statuses, DeviceKind::Scanner, "jammed");
    auto result = run_self_test(statuses, &sample_catalog());
    EXPECT_FALSE(result.can_serve);
    EXPECT_EQ(result.out_reason(), "hardware");
    EXPECT_TRUE(result.withdrawn.empty());
    EXPECT_THAT(result.detail(), HasSubstr("scanner fault jammed"));
}

TEST(SelfTest, ReceiptPaperOutIsConsumables) {
    auto statuses = all_ready();
    fault(statuses, DeviceKind::ReceiptPrinter, "media-empty");
    fault(statuses, DeviceKind::QrScanner, "unplugged", DeviceState::Absent); // not needed: does not decide
    auto result = run_self_test(statuses, nullptr);
    EXPECT_FALSE(result.can_serve);
    EXPECT_EQ(result.out_reason(), "consumables");
    EXPECT_THAT(result.detail(), HasSubstr("receipt_printer fault media-empty (consumable)"));
    // A consumable and a broken needed device: hardware wins (an engineer is needed anyway).
    fault(statuses, DeviceKind::Scanner, "io-error");
    EXPECT_EQ(run_self_test(statuses, nullptr).out_reason(), "hardware");
}

TEST(SelfTest, PrinterOutByTheKiosksCountFailsThoughItSaysReady) {
    auto result = run_self_test(all_ready(), nullptr,
                                [](DeviceKind printer) { return printer == DeviceKind::ReceiptPrinter; });
    EXPECT_FALSE(result.passed);
    EXPECT_FALSE(result.can_serve);
    EXPECT_EQ(result.out_reason(), "consumables");
    ASSERT_EQ(result.failures.size(), 1U);
    EXPECT_EQ(result.failures[0].reason, "consumable-out");
    // Only printers are asked.
    auto scanners = run_self_test(all_ready(), nullptr, [](DeviceKind) { return true; });
    EXPECT_EQ(scanners.failures.size(), 2U);
}

} // namespace
} // namespace kiosk::services
