#include "services/Events.h"

namespace kiosk::services {

const char* event_name(const AppEvent& event) {
    static constexpr const char* kNames[] = {"CardRead",
                                             "CardRemoved",
                                             "CardReadFailed",
                                             "QrScanned",
                                             "QrRejected",
                                             "DeviceStatusChanged",
                                             "ScanProgressed",
                                             "ScanCompleted",
                                             "ScanFailed",
                                             "PrintCompleted",
                                             "PrintFailed",
                                             "StoreUnavailable",
                                             "MaterialChecked",
                                             "MaterialFailed",
                                             "PassportRead",
                                             "PassportFailed",
                                             "ProgressAnswered",
                                             "CertificatesListed",
                                             "CertificateFetched",
                                             "ApplicationSealed",
                                             "SubmissionFailed",
                                             "HubAccepted",
                                             "HubRefused",
                                             "DeliveryChanged",
                                             "DraftLoaded",
                                             "SealingChanged",
                                             "PrintOutcomeReported",
                                             "StaffSignInAnswered",
                                             "ConsumableOutChanged",
                                             "StaffOutboxAnswered",
                                             "StaffConfigSlotsAnswered"};
    static_assert(std::size(kNames) == std::variant_size_v<AppEvent>);
    return kNames[event.index()];
}

} // namespace kiosk::services
