#include "drivers/printer/PrinterReasons.h"

#include <algorithm>
#include <array>
#include <utility>

namespace kiosk::drivers {

using domain::DeviceState;
using domain::DeviceStatus;
using domain::FixedBy;

namespace {

constexpr int printer_processing = 4;
constexpr int printer_stopped = 5;

struct Rule {
    std::string_view keyword;
    std::string_view reason;
};

// Hall-staff faults, most urgent first (a jam also leaves the printer without usable paper).
constexpr std::array faults{
    Rule{"media-jam", "media-jam"},
    Rule{"media-empty", "media-empty"},
    Rule{"media-needed", "media-empty"},
    Rule{"door-open", "cover-open"},
    Rule{"cover-open", "cover-open"},
    Rule{"interlock-open", "cover-open"},
    Rule{"toner-empty", "toner-empty"},
    Rule{"marker-supply-empty", "toner-empty"},
    Rule{"input-tray-missing", "tray-missing"},
};

constexpr std::array warnings{
    Rule{"media-low", "media-low"},
    Rule{"toner-low", "toner-low"},
    Rule{"marker-supply-low", "toner-low"},
};

bool has(const std::vector<std::string>& stripped, std::string_view keyword) {
    return std::find(stripped.begin(), stripped.end(), keyword) != stripped.end();
}

std::vector<std::string> stripped(const std::vector<std::string>& reasons) {
    std::vector<std::string> out;
    out.reserve(reasons.size());
    for (const auto& reason : reasons)
        out.push_back(strip_severity(reason));
    return out;
}

std::vector<domain::Consumable> consumables(const QueueSnapshot& snapshot,
                                            const std::vector<std::string>& printer) {
    int toner = -1;
    for (const auto& marker : snapshot.markers) {
        if ((marker.type == "toner" || marker.type == "ink") && marker.level >= 0)
            toner = toner < 0 ? marker.level : std::min(toner, marker.level);
    }
    if (has(printer, "toner-empty") || has(printer, "marker-supply-empty"))
        toner = 0;
    // IPP says "empty" or "low" about paper but not how much is left.
    int paper = has(printer, "media-empty") || has(printer, "media-needed") ? 0 : -1;
    return {{"paper", paper}, {"toner", toner}};
}

DeviceStatus make(domain::DeviceKind kind, DeviceState state, FixedBy fixed_by, std::string_view reason) {
    DeviceStatus status;
    status.kind = kind;
    status.state = state;
    status.fixed_by = fixed_by;
    status.reason = std::string(reason);
    return status;
}

} // namespace

std::string strip_severity(std::string_view keyword) {
    for (std::string_view suffix : {"-error", "-warning", "-report"}) {
        if (keyword.size() > suffix.size() && keyword.ends_with(suffix))
            return std::string(keyword.substr(0, keyword.size() - suffix.size()));
    }
    return std::string(keyword);
}

bool says_printer_unreachable(std::string_view message) {
    return message.find("may not exist or is unavailable") != std::string_view::npos;
}

DeviceStatus map_queue_status(domain::DeviceKind kind, const QueueSnapshot& snapshot) {
    if (!snapshot.scheduler_reachable)
        return make(kind, DeviceState::Fault, FixedBy::Engineer, "cups-unreachable");
    if (!snapshot.queue_found)
        return make(kind, DeviceState::Fault, FixedBy::Engineer, "queue-missing");

    auto queue = stripped(snapshot.reasons);
    bool asked_printer = snapshot.device_reachable.has_value();
    auto printer = asked_printer ? stripped(snapshot.device_reasons) : queue;
    bool unreachable = asked_printer ? !*snapshot.device_reachable
                                     : has(queue, "offline") || has(queue, "shutdown") ||
                                           says_printer_unreachable(snapshot.state_message);
    if (asked_printer && (has(printer, "offline") || has(printer, "shutdown")))
        unreachable = true;

    DeviceStatus status;
    if (unreachable) {
        status = make(kind, DeviceState::Absent, FixedBy::HallStaff, "printer-unreachable");
    } else if (snapshot.printer_state == printer_stopped || has(queue, "paused")) {
        status = make(kind, DeviceState::Fault, FixedBy::Engineer, "queue-stopped");
    } else if (!snapshot.accepting) {
        status = make(kind, DeviceState::Fault, FixedBy::Engineer, "queue-rejecting");
    } else {
        auto fault = std::find_if(faults.begin(), faults.end(),
                                  [&](const Rule& rule) { return has(printer, rule.keyword); });
        if (fault != faults.end()) {
            status = make(kind, DeviceState::Fault, FixedBy::HallStaff, fault->reason);
        } else {
            bool busy = snapshot.printer_state == printer_processing ||
                        (asked_printer && snapshot.device_state == printer_processing);
            auto warning = std::find_if(warnings.begin(), warnings.end(),
                                        [&](const Rule& rule) { return has(printer, rule.keyword); });
            status = make(kind, busy ? DeviceState::Busy : DeviceState::Ready, FixedBy::Auto,
                          warning != warnings.end() ? warning->reason : std::string_view());
        }
    }
    status.consumables = consumables(snapshot, printer);
    return status;
}

} // namespace kiosk::drivers
