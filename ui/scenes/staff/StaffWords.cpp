#include "ui/scenes/staff/StaffWords.h"

#include <algorithm>
#include <array>

namespace kiosk::ui {

namespace {

struct ReasonRow {
    std::string_view keyword;
    const char* words;
    const char* fix; // nullptr: not the hall staff's to fix
};

// Every reason keyword a driver or the device hub reports, and the few the tests tab records.
constexpr std::array kReasons{
    // Printers (drivers/printer/PrinterReasons.cpp, CupsPrinter.cpp).
    ReasonRow{"media-jam", "device.reason.media_jam", "staff.fix.media_jam"},
    ReasonRow{"media-empty", "device.reason.media_empty", "staff.fix.media_empty"},
    ReasonRow{"media-low", "device.reason.media_low", "staff.fix.media_low"},
    ReasonRow{"cover-open", "device.reason.cover_open", "staff.fix.cover_open"},
    ReasonRow{"toner-empty", "device.reason.toner_empty", "staff.fix.toner_empty"},
    ReasonRow{"toner-low", "device.reason.toner_low", nullptr},
    ReasonRow{"tray-missing", "device.reason.tray_missing", "staff.fix.tray_missing"},
    ReasonRow{"printer-unreachable", "device.reason.printer_unreachable", "staff.fix.printer_unreachable"},
    ReasonRow{"cups-unreachable", "device.reason.cups_unreachable", nullptr},
    ReasonRow{"queue-missing", "device.reason.queue_missing", nullptr},
    ReasonRow{"queue-stopped", "device.reason.queue_stopped", nullptr},
    ReasonRow{"queue-rejecting", "device.reason.queue_rejecting", nullptr},
    ReasonRow{"job-canceled", "device.reason.job_canceled", nullptr},
    ReasonRow{"job-aborted", "device.reason.job_aborted", nullptr},
    ReasonRow{"job-lost", "device.reason.job_lost", nullptr},
    ReasonRow{"printer-restarted", "device.reason.printer_restarted", nullptr},
    ReasonRow{"print-failed", "device.reason.print_failed", nullptr}, // refused before printing (TestsPanel)
    // Document scanner (drivers/scanner/SaneStatus.cpp, SaneScanner.cpp, IsolatedScanner.cpp).
    ReasonRow{"jammed", "device.reason.jammed", "staff.fix.jammed"},
    ReasonRow{"no-document", "device.reason.no_document", nullptr},
    ReasonRow{"device-busy", "device.reason.device_busy", nullptr},
    ReasonRow{"access-denied", "device.reason.access_denied", nullptr},
    ReasonRow{"io-error", "device.reason.io_error", nullptr},
    ReasonRow{"invalid-request", "device.reason.invalid_request", nullptr},
    ReasonRow{"out-of-memory", "device.reason.out_of_memory", nullptr},
    ReasonRow{"unsupported", "device.reason.unsupported", nullptr},
    ReasonRow{"sane-error", "device.reason.sane_error", nullptr},
    ReasonRow{"sane-init", "device.reason.sane_init", nullptr},
    ReasonRow{"scanner-host-missing", "device.reason.scanner_host_missing", nullptr},
    ReasonRow{"restarting", "device.reason.restarting", nullptr},
    // ID-card reader (drivers/idcard/SamReader.cpp), QR scanner, every device.
    ReasonRow{"unplugged", "device.reason.unplugged", "staff.fix.unplugged"},
    ReasonRow{"no-permission", "device.reason.no_permission", nullptr},
    ReasonRow{"in-use", "device.reason.in_use", nullptr},
    ReasonRow{"open-failed", "device.reason.open_failed", nullptr},
    ReasonRow{"no-response", "device.reason.no_response", nullptr},
    ReasonRow{"link-error", "device.reason.link_error", nullptr},
    ReasonRow{"sam-not-ready", "device.reason.sam_not_ready", nullptr},
    ReasonRow{"sam-not-authorised", "device.reason.sam_not_authorised", nullptr},
    ReasonRow{"sam-error", "device.reason.sam_error", nullptr},
    ReasonRow{"not-started", "device.reason.not_started", nullptr},
    ReasonRow{"not configured", "device.reason.not_configured", nullptr}, // services/DeviceHub.cpp
    // Outcomes of the tests tab (TestsPanel.cpp) for devices that report no keyword of their own.
    ReasonRow{"scan-failed", "device.reason.scan_failed", nullptr},
    ReasonRow{"card-invalid", "device.reason.card_invalid", nullptr},
    ReasonRow{"card-unreadable", "device.reason.card_unreadable", nullptr},
    ReasonRow{"qr-rejected", "device.reason.qr_rejected", nullptr},
};

const ReasonRow* find_reason(std::string_view keyword) {
    auto found = std::find_if(kReasons.begin(), kReasons.end(),
                              [&](const ReasonRow& row) { return row.keyword == keyword; });
    return found == kReasons.end() ? nullptr : &*found;
}

} // namespace

const char* role_key(domain::StaffRole role) {
    switch (role) {
    case domain::StaffRole::DutyStaff:
        return "staff.role.duty";
    case domain::StaffRole::HallIt:
        return "staff.role.hall_it";
    case domain::StaffRole::Engineer:
        return "staff.role.engineer";
    }
    return "staff.role.duty";
}

const char* tab_key(StaffTab tab) {
    constexpr const char* kKeys[] = {"staff.tab.devices", "staff.tab.tests",   "staff.tab.consumables",
                                     "staff.tab.outbox",  "staff.tab.service", "staff.tab.about",
                                     "staff.tab.config"};
    static_assert(std::size(kKeys) == kStaffTabCount);
    return kKeys[static_cast<int>(tab)];
}

StatusWord status_word(const domain::DeviceStatus& status) {
    switch (status.state) {
    case domain::DeviceState::Ready:
        return StatusWord::Ready;
    case domain::DeviceState::Busy:
        return StatusWord::Busy;
    case domain::DeviceState::Absent:
        return StatusWord::Absent;
    case domain::DeviceState::Fault:
        break;
    }
    switch (status.fixed_by) {
    case domain::FixedBy::Auto:
        return StatusWord::Busy;
    case domain::FixedBy::HallStaff:
        return StatusWord::NeedsStaff;
    case domain::FixedBy::Engineer:
        return StatusWord::NeedsEngineer;
    }
    return StatusWord::NeedsEngineer;
}

const char* status_key(StatusWord word) {
    constexpr const char* kKeys[] = {"staff.status.ready", "staff.status.busy", "staff.status.needs_staff",
                                     "staff.status.needs_engineer", "staff.status.absent"};
    return kKeys[static_cast<int>(word)];
}

Color status_colour(StatusWord word, const Theme& theme) {
    switch (word) {
    case StatusWord::Ready:
        return theme.success;
    case StatusWord::Busy:
        return theme.primary;
    case StatusWord::NeedsStaff:
        return theme.warning;
    case StatusWord::NeedsEngineer:
        return theme.danger;
    case StatusWord::Absent:
        return theme.text_muted;
    }
    return theme.text_muted;
}

std::string reason_words(const Translator& tr, std::string_view keyword) {
    if (keyword.empty())
        return {};
    if (const ReasonRow* row = find_reason(keyword))
        return tr.tr(row->words);
    return tr.format("staff.reason_unknown", {{"keyword", std::string(keyword)}});
}

const char* fix_key(std::string_view keyword) {
    const ReasonRow* row = find_reason(keyword);
    return row ? row->fix : nullptr;
}

const char* device_key(domain::DeviceKind kind) {
    constexpr const char* kKeys[] = {"staff.device.idcard_reader", "staff.device.scanner",
                                     "staff.device.qr_scanner", "staff.device.receipt_printer",
                                     "staff.device.a4_printer"};
    return kKeys[static_cast<int>(kind)];
}

} // namespace kiosk::ui
