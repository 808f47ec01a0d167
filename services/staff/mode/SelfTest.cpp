#include "services/staff/mode/SelfTest.h"

#include <algorithm>

namespace kiosk::services {

using domain::DeviceKind;

bool is_consumable_reason(std::string_view reason) {
    // drivers/printer/PrinterReasons.h maps the printers' states onto these keywords.
    return reason == "media-empty" || reason == "toner-empty" || reason == "consumable-out";
}

std::string SelfTestResult::out_reason() const {
    if (can_serve)
        return "";
    bool all_consumable = std::all_of(failures.begin(), failures.end(), [](const DeviceFailure& failure) {
        return !failure.needed || failure.consumable;
    });
    return all_consumable ? "consumables" : "hardware";
}

std::string SelfTestResult::detail() const {
    if (failures.empty())
        return "all devices ready";
    std::string text;
    for (const auto& failure : failures) {
        if (!text.empty())
            text += "; ";
        text += domain::to_string(failure.device);
        text += " ";
        text += domain::to_string(failure.state);
        if (!failure.reason.empty())
            text += " " + failure.reason;
        if (failure.consumable)
            text += " (consumable)";
    }
    if (!withdrawn.empty()) {
        text += "; withdrawn:";
        for (const auto& item : withdrawn)
            text += " " + item;
    }
    return text;
}

SelfTestResult run_self_test(const DeviceStatuses& statuses, const domain::Catalog* catalog,
                             const PrinterWithdrawn& withdrawn) {
    SelfTestResult result;
    auto failing = [&](DeviceKind kind) {
        return std::any_of(result.failures.begin(), result.failures.end(),
                           [kind](const DeviceFailure& failure) { return failure.device == kind; });
    };
    for (size_t i = 0; i < statuses.size(); ++i) {
        auto kind = static_cast<DeviceKind>(i);
        const auto& status = statuses[i];
        bool printer = kind == DeviceKind::ReceiptPrinter || kind == DeviceKind::A4Printer;
        bool out_by_count = printer && withdrawn && withdrawn(kind);
        // Ready only: a device busy at the self-test is not a failure either (it is working).
        if (status.usable() && !out_by_count)
            continue;
        DeviceFailure failure;
        failure.device = kind;
        failure.state = status.state;
        failure.reason = status.usable() ? "consumable-out" : status.reason;
        failure.consumable = out_by_count || is_consumable_reason(status.reason);
        failure.needed = kind == DeviceKind::Scanner || kind == DeviceKind::ReceiptPrinter;
        result.failures.push_back(failure);
    }
    result.passed = result.failures.empty();
    result.can_serve = !failing(DeviceKind::Scanner) && !failing(DeviceKind::ReceiptPrinter);
    if (!result.can_serve)
        return result; // nothing serves: no list of withdrawals
    if (failing(DeviceKind::A4Printer)) {
        result.withdrawn.emplace_back("checklist-print");
        result.withdrawn.emplace_back("certificates");
    }
    if (failing(DeviceKind::IdCardReader))
        result.withdrawn.emplace_back("identify-by-card");
    if (failing(DeviceKind::QrScanner))
        result.withdrawn.emplace_back("progress-by-qr");
    if (catalog && failing(DeviceKind::A4Printer))
        for (const auto& matter : catalog->matters())
            if (matter.issues_certificate)
                result.withdrawn.push_back("matter:" + matter.id);
    return result;
}

} // namespace kiosk::services
