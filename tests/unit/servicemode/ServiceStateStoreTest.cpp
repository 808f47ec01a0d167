// The service state staff set survives a restart, and a running kiosk picks up a row another program
// (kiosk-devctl service out/in) wrote: real SQLite files, two connections as two processes.

#include "core/store/ServiceStateStore.h"
#include "core/store/Database.h"
#include "services/staff/mode/ServiceMode.h"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>

namespace kiosk::services {
namespace {

class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "servicestate-XXXXXX").string();
        m_path = mkdtemp(pattern.data()) ? pattern : "";
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    std::string file(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

std::unique_ptr<store::Database> open_db(const std::string& path) {
    auto opened = store::Database::open(path);
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    return opened.ok() ? opened.release_value() : nullptr;
}

std::unique_ptr<ServiceMode> kiosk_mode(const Clock& clock, std::vector<std::string>& audit) {
    return std::make_unique<ServiceMode>(ServiceModeOptions{}, clock, SelfTestInputs{},
                                         [&audit](std::string_view kind, std::string_view detail) {
                                             audit.push_back(std::string(kind) + " " + std::string(detail));
                                         });
}

TEST(ServiceStateStore, NothingSavedIsInService) {
    TempDir dir;
    FakeClock clock;
    auto database = open_db(dir.file("kiosk.db"));
    ASSERT_TRUE(database);
    auto loaded = store::ServiceStateStore(*database, clock).load();
    ASSERT_TRUE(loaded.ok());
    EXPECT_TRUE(loaded->in_service);
    EXPECT_EQ(loaded->revision, 0);
}

TEST(ServiceStateStore, ARestartKeepsTheStaffsOutOfService) {
    TempDir dir;
    FakeClock clock(from_local_civil(CivilTime{2026, 12, 4, 10, 0, 0, 0}));
    {
        auto database = open_db(dir.file("kiosk.db"));
        ASSERT_TRUE(database);
        std::vector<std::string> audit;
        store::ServiceStateStore stored(*database, clock);
        ServiceMode mode(
            ServiceModeOptions{}, clock, SelfTestInputs{}, {},
            [&](const store::StoredServiceState& state) { ASSERT_TRUE(stored.save(state).ok()); });
        ASSERT_TRUE(mode.set_out_of_service({"S1024", "", domain::StaffRole::HallIt}, "hardware",
                                            {"设备检修", "Under repair"}, "scanner glass cracked")
                        .ok());
    } // the kiosk stops
    auto database = open_db(dir.file("kiosk.db"));
    ASSERT_TRUE(database);
    auto row = store::ServiceStateStore(*database, clock).load();
    ASSERT_TRUE(row.ok());
    EXPECT_FALSE(row->in_service);
    EXPECT_EQ(row->reason, "hardware");
    EXPECT_EQ(row->detail, "scanner glass cracked");
    EXPECT_EQ(row->notice.en, "Under repair");
    EXPECT_EQ(row->staff_id, "S1024");
    EXPECT_EQ(row->staff_role, "hall-it");
    EXPECT_EQ(row->changed_utc.size(), 20U);
    EXPECT_EQ(row->revision, 1);

    std::vector<std::string> audit;
    auto mode = kiosk_mode(clock, audit); // the kiosk starts again
    mode->apply_stored(row.value());
    EXPECT_FALSE(mode->can_start_session());
    EXPECT_EQ(mode->state().reason, OutReason::Hardware);
    EXPECT_EQ(mode->attract_message().notice.zh, "设备检修");
}

TEST(ServiceStateStore, ARowWrittenByAnotherProgramIsPickedUp) {
    TempDir dir;
    FakeClock clock;
    auto kiosk_db = open_db(dir.file("kiosk.db"));
    auto tool_db = open_db(dir.file("kiosk.db")); // kiosk-devctl, another connection to the same file
    ASSERT_TRUE(kiosk_db && tool_db);
    store::ServiceStateStore kiosk_store(*kiosk_db, clock), tool_store(*tool_db, clock);
    std::vector<std::string> audit;
    auto mode = kiosk_mode(clock, audit);
    mode->apply_stored(kiosk_store.load().value()); // at start: nothing
    EXPECT_TRUE(mode->can_start_session());
    EXPECT_TRUE(audit.empty());

    store::StoredServiceState out{false, "maintenance", "", {"维护中", "Maintenance"}, "S1024", ""};
    ASSERT_EQ(tool_store.save(out).value(), 1);
    mode->apply_stored(kiosk_store.load().value()); // the kiosk's periodic re-read
    EXPECT_FALSE(mode->can_start_session());
    ASSERT_EQ(audit.size(), 1U);
    EXPECT_EQ(audit[0], "service.out reason=maintenance by store staff=S1024");

    ASSERT_EQ(tool_store.save(store::StoredServiceState{}).value(), 2);
    mode->apply_stored(kiosk_store.load().value());
    EXPECT_TRUE(mode->can_start_session());
    EXPECT_EQ(audit.back(), "service.in store staff=");
}

TEST(ServiceStateStore, RefusesInconsistentOrUnknownStates) {
    TempDir dir;
    FakeClock clock;
    auto database = open_db(dir.file("kiosk.db"));
    ASSERT_TRUE(database);
    store::ServiceStateStore stored(*database, clock);
    EXPECT_EQ(stored.save({false, ""}).error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(stored.save({true, "staff"}).error().code, ErrorCode::InvalidArgument);
    EXPECT_FALSE(stored.save({false, "out-of-hours"}).ok()); // the kiosk's own reasons are not stored
    EXPECT_EQ(stored.load().value().revision, 0);            // nothing written
}

} // namespace
} // namespace kiosk::services
