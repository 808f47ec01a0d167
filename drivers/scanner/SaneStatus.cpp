#include "drivers/scanner/SaneStatus.h"

namespace kiosk::drivers {

using domain::DeviceState;
using domain::FixedBy;

namespace {

SaneOutcome outcome(DeviceState state, FixedBy fixed_by, std::string reason, ErrorCode code) {
    SaneOutcome result;
    result.status.kind = domain::DeviceKind::Scanner;
    result.status.state = state;
    result.status.fixed_by = fixed_by;
    result.status.reason = std::move(reason);
    result.code = code;
    return result;
}

} // namespace

SaneOutcome map_sane_status(SANE_Status status) {
    switch (status) {
    case SANE_STATUS_GOOD:
    case SANE_STATUS_EOF:
        return outcome(DeviceState::Ready, FixedBy::Auto, "", ErrorCode::Device);
    case SANE_STATUS_CANCELLED:
        return outcome(DeviceState::Ready, FixedBy::Auto, "", ErrorCode::Device);
    case SANE_STATUS_NO_DOCS:
        return outcome(DeviceState::Ready, FixedBy::Auto, "no-document", ErrorCode::NotFound);
    case SANE_STATUS_JAMMED:
        return outcome(DeviceState::Fault, FixedBy::HallStaff, "jammed", ErrorCode::Device);
    case SANE_STATUS_COVER_OPEN:
        return outcome(DeviceState::Fault, FixedBy::HallStaff, "cover-open", ErrorCode::Device);
    case SANE_STATUS_DEVICE_BUSY:
        return outcome(DeviceState::Busy, FixedBy::Auto, "device-busy", ErrorCode::Busy);
    case SANE_STATUS_ACCESS_DENIED:
        return outcome(DeviceState::Fault, FixedBy::Engineer, "access-denied", ErrorCode::Denied);
    case SANE_STATUS_IO_ERROR:
        return outcome(DeviceState::Fault, FixedBy::Engineer, "io-error", ErrorCode::Io);
    case SANE_STATUS_INVAL:
        return outcome(DeviceState::Fault, FixedBy::Engineer, "invalid-request", ErrorCode::Device);
    case SANE_STATUS_NO_MEM:
        return outcome(DeviceState::Fault, FixedBy::Engineer, "out-of-memory", ErrorCode::Device);
    case SANE_STATUS_UNSUPPORTED:
        return outcome(DeviceState::Fault, FixedBy::Engineer, "unsupported", ErrorCode::Unsupported);
    }
    return outcome(DeviceState::Fault, FixedBy::Engineer, "sane-error", ErrorCode::Device);
}

SaneOutcome map_open_failure(SANE_Status status) {
    if (status == SANE_STATUS_DEVICE_BUSY)
        return map_sane_status(status);
    if (status == SANE_STATUS_ACCESS_DENIED)
        return map_sane_status(status);
    return outcome(DeviceState::Absent, FixedBy::HallStaff, "unplugged", ErrorCode::NotFound);
}

} // namespace kiosk::drivers
