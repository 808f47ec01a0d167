// Which SANE status the kiosk reports how (drivers/scanner/SaneStatus.h).
#include "drivers/scanner/SaneStatus.h"

#include <gtest/gtest.h>

namespace kiosk::drivers {
namespace {

using domain::DeviceState;
using domain::FixedBy;

struct Expected {
    SANE_Status sane;
    DeviceState state;
    FixedBy fixed_by;
    const char* reason;
    ErrorCode code;
};

class SaneStatusMapping : public ::testing::TestWithParam<Expected> {};

TEST_P(SaneStatusMapping, SaysWhoFixesIt) {
    const auto& expected = GetParam();
    auto outcome = map_sane_status(expected.sane);
    EXPECT_EQ(outcome.status.kind, domain::DeviceKind::Scanner);
    EXPECT_EQ(outcome.status.state, expected.state) << sane_strstatus(expected.sane);
    EXPECT_EQ(outcome.status.fixed_by, expected.fixed_by) << sane_strstatus(expected.sane);
    EXPECT_EQ(outcome.status.reason, expected.reason);
    EXPECT_EQ(outcome.code, expected.code) << sane_strstatus(expected.sane);
}

INSTANTIATE_TEST_SUITE_P(
    AllStatuses, SaneStatusMapping,
    ::testing::Values(
        Expected{SANE_STATUS_GOOD, DeviceState::Ready, FixedBy::Auto, "", ErrorCode::Device},
        Expected{SANE_STATUS_EOF, DeviceState::Ready, FixedBy::Auto, "", ErrorCode::Device},
        Expected{SANE_STATUS_CANCELLED, DeviceState::Ready, FixedBy::Auto, "", ErrorCode::Device},
        // An empty feeder is the citizen's to fix, not a fault: the scanner stays usable.
        Expected{SANE_STATUS_NO_DOCS, DeviceState::Ready, FixedBy::Auto, "no-document", ErrorCode::NotFound},
        Expected{SANE_STATUS_JAMMED, DeviceState::Fault, FixedBy::HallStaff, "jammed", ErrorCode::Device},
        Expected{SANE_STATUS_COVER_OPEN, DeviceState::Fault, FixedBy::HallStaff, "cover-open",
                 ErrorCode::Device},
        Expected{SANE_STATUS_DEVICE_BUSY, DeviceState::Busy, FixedBy::Auto, "device-busy", ErrorCode::Busy},
        Expected{SANE_STATUS_ACCESS_DENIED, DeviceState::Fault, FixedBy::Engineer, "access-denied",
                 ErrorCode::Denied},
        Expected{SANE_STATUS_IO_ERROR, DeviceState::Fault, FixedBy::Engineer, "io-error", ErrorCode::Io},
        Expected{SANE_STATUS_INVAL, DeviceState::Fault, FixedBy::Engineer, "invalid-request",
                 ErrorCode::Device},
        Expected{SANE_STATUS_NO_MEM, DeviceState::Fault, FixedBy::Engineer, "out-of-memory",
                 ErrorCode::Device},
        Expected{SANE_STATUS_UNSUPPORTED, DeviceState::Fault, FixedBy::Engineer, "unsupported",
                 ErrorCode::Unsupported}));

TEST(SaneStatusMapping, UnknownStatusIsAnEngineersFault) {
    auto outcome = map_sane_status(static_cast<SANE_Status>(99));
    EXPECT_EQ(outcome.status.state, DeviceState::Fault);
    EXPECT_EQ(outcome.status.fixed_by, FixedBy::Engineer);
    EXPECT_EQ(outcome.status.reason, "sane-error");
}

TEST(SaneOpenFailure, ADeviceThatWillNotOpenIsAbsent) {
    for (SANE_Status status : {SANE_STATUS_INVAL, SANE_STATUS_IO_ERROR, SANE_STATUS_UNSUPPORTED}) {
        auto outcome = map_open_failure(status);
        EXPECT_EQ(outcome.status.state, DeviceState::Absent) << sane_strstatus(status);
        EXPECT_EQ(outcome.status.fixed_by, FixedBy::HallStaff);
        EXPECT_EQ(outcome.status.reason, "unplugged");
        EXPECT_EQ(outcome.code, ErrorCode::NotFound);
    }
}

TEST(SaneOpenFailure, BusyAndDeniedKeepTheirMeaning) {
    EXPECT_EQ(map_open_failure(SANE_STATUS_DEVICE_BUSY).status.state, DeviceState::Busy);
    EXPECT_EQ(map_open_failure(SANE_STATUS_ACCESS_DENIED).status.reason, "access-denied");
}

} // namespace
} // namespace kiosk::drivers
