#include "core/domain/StaffRole.h"

#include <gtest/gtest.h>

using namespace kiosk::domain;

TEST(StaffRoleTest, DutyStaffKeepPaperInButTestNoDevices) {
    EXPECT_TRUE(allows(StaffRole::DutyStaff, StaffAction::ReplaceConsumable));
    EXPECT_TRUE(allows(StaffRole::DutyStaff, StaffAction::TestPrint));
    EXPECT_TRUE(allows(StaffRole::DutyStaff, StaffAction::SetServiceState));
    EXPECT_TRUE(allows(StaffRole::DutyStaff, StaffAction::AuthoriseReprint));
    EXPECT_FALSE(allows(StaffRole::DutyStaff, StaffAction::TestDevices));
    EXPECT_FALSE(allows(StaffRole::DutyStaff, StaffAction::ForceMaintenance));
    EXPECT_FALSE(allows(StaffRole::DutyStaff, StaffAction::OutboxActions));
    EXPECT_FALSE(allows(StaffRole::DutyStaff, StaffAction::ChangeSettings));
}

TEST(StaffRoleTest, HallItAddDeviceTestsRestartLogsOutboxAndForce) {
    for (auto action : {StaffAction::ReplaceConsumable, StaffAction::TestDevices, StaffAction::RestartApp,
                        StaffAction::ViewLogs, StaffAction::OutboxActions, StaffAction::ForceMaintenance})
        EXPECT_TRUE(allows(StaffRole::HallIt, action)) << to_string(action);
    EXPECT_FALSE(allows(StaffRole::HallIt, StaffAction::ChangeSettings));
    EXPECT_FALSE(allows(StaffRole::HallIt, StaffAction::InstallUpdates));
}

TEST(StaffRoleTest, EngineersMayDoEverything) {
    for (int i = 0; i <= static_cast<int>(StaffAction::InstallUpdates); ++i)
        EXPECT_TRUE(allows(StaffRole::Engineer, static_cast<StaffAction>(i)));
}

TEST(StaffRoleTest, RoleWordsRoundTripAndUnknownWordsAreRefused) {
    for (auto role : {StaffRole::DutyStaff, StaffRole::HallIt, StaffRole::Engineer})
        EXPECT_EQ(parse_staff_role(to_string(role)), role);
    EXPECT_FALSE(parse_staff_role("admin"));
    EXPECT_FALSE(parse_staff_role(""));
    EXPECT_FALSE(parse_staff_role("Engineer"));
}
