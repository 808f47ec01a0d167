// The events devices and services send the UI thread: each has a name for traces and logs, and that
// name is all a trace shows — never the payload (a cardholder, a QR code's text).

#include "services/Events.h"
#include "drivers/idcard/SimIdCardReader.h"

#include <gtest/gtest.h>
#include <set>
#include <string>
#include <vector>

namespace kiosk::services {
namespace {

TEST(Events, EveryEventHasItsOwnName) {
    const std::vector<AppEvent> events = {
        CardRead{},
        CardRemoved{},
        CardReadFailed{},
        QrScanned{},
        QrRejected{},
        DeviceStatusChanged{},
        ScanProgressed{},
        ScanCompleted{},
        ScanFailed{},
        PrintCompleted{},
        PrintFailed{},
        StoreUnavailable{},
        MaterialChecked{},
        MaterialFailed{},
        PassportRead{},
        PassportFailed{},
        ProgressAnswered{},
        CertificatesListed{},
        CertificateFetched{},
        ApplicationSealed{},
        SubmissionFailed{},
        HubAccepted{},
        HubRefused{},
        DeliveryChanged{},
        DraftLoaded{},
        SealingChanged{},
        PrintOutcomeReported{},
        StaffSignInAnswered{},
        ConsumableOutChanged{},
        StaffOutboxAnswered{},
        StaffConfigSlotsAnswered{},
    };
    ASSERT_EQ(events.size(), std::variant_size_v<AppEvent>);
    std::set<std::string> names;
    for (size_t i = 0; i < events.size(); ++i) {
        ASSERT_EQ(events[i].index(), i) << "list the events in variant order";
        names.insert(event_name(events[i]));
    }
    EXPECT_EQ(names.size(), events.size());
    EXPECT_STREQ(event_name(CardRead{}), "CardRead");
    EXPECT_STREQ(event_name(QrScanned{}), "QrScanned");
    EXPECT_STREQ(event_name(QrRejected{}), "QrRejected");
    EXPECT_STREQ(event_name(DeviceStatusChanged{}), "DeviceStatusChanged");
    EXPECT_STREQ(event_name(StoreUnavailable{}), "StoreUnavailable");
}

TEST(Events, NameNeverCarriesThePayload) {
    AppEvent card = CardRead{drivers::SimIdCardReader::sample_identity(0)};
    AppEvent code = QrScanned{"https://gov.example/apply?id=440304198806157315"};
    EXPECT_STREQ(event_name(card), "CardRead");
    EXPECT_STREQ(event_name(code), "QrScanned");
}

} // namespace
} // namespace kiosk::services
