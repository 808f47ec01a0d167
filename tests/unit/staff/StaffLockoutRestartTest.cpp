// The PIN pad's lockout survives a restart of the kiosk: the count of wrong tries and the lock's end are
// kept in the kiosk's SQLite store (a real file, opened again as at start), and a new authenticator that
// reads them back is still locked until the wall clock passes the lock's end — though its steady clock
// starts afresh, as a new process's does.

#include "core/store/Database.h"
#include "core/store/StaffPinLockStore.h"
#include "services/staff/StaffAuthenticator.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <sodium.h>
#include <stdlib.h>

namespace kiosk::services {
namespace {

using namespace std::chrono_literals;
using domain::StaffRole;

const WallTime kNow{std::chrono::seconds(1796551200)}; // 2026-12-06T10:00:00Z

class StaffLockoutRestartTest : public ::testing::Test {
protected:
    std::string m_folder;
    std::vector<StaffPinEntry> m_pins;
    StaffAuthOptions m_options;

    void SetUp() override {
        std::string pattern = (std::filesystem::temp_directory_path() / "staff-lock-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        m_folder = pattern;
        m_options.min_opslimit = crypto_pwhash_OPSLIMIT_MIN;
        m_options.min_memlimit = crypto_pwhash_MEMLIMIT_MIN;
        auto hash = hash_pin("246810", crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
        ASSERT_TRUE(hash.ok());
        m_pins = {{{"S0001", "演示值班员", StaffRole::DutyStaff}, hash.value()}};
    }
    void TearDown() override { std::filesystem::remove_all(m_folder); }

    std::unique_ptr<store::Database> open_store() {
        auto opened = store::Database::open(m_folder + "/kiosk.db");
        EXPECT_TRUE(opened.ok()) << opened.error().describe();
        return opened.ok() ? opened.release_value() : nullptr;
    }

    // As the kiosk starts: the authenticator, what the store kept handed back, every change kept.
    std::unique_ptr<StaffAuthenticator> start(store::Database& database, const Clock& clock) {
        auto made = StaffAuthenticator::create(m_pins, m_options, clock, {});
        EXPECT_TRUE(made.ok());
        if (!made.ok())
            return nullptr;
        auto auth = made.release_value();
        auto kept = store::StaffPinLockStore(database).load();
        EXPECT_TRUE(kept.ok()) << kept.error().describe();
        if (kept.ok())
            auth->restore_lock(kept.value());
        auth->keep_lock_with([&database](const store::StoredPinLock& lock) {
            auto saved = store::StaffPinLockStore(database).save(lock);
            EXPECT_TRUE(saved.ok()) << saved.error().describe();
        });
        return auth;
    }
};

TEST_F(StaffLockoutRestartTest, FiveWrongTriesStayLockedAfterARestartUntilTheLockEnds) {
    FakeClock before{kNow};
    {
        auto database = open_store();
        ASSERT_TRUE(database);
        auto auth = start(*database, before);
        for (int i = 0; i < 5; ++i)
            auth->sign_in_with_pin("S0001", "000000");
        ASSERT_EQ(auth->locked_for(), 300s);
    }
    // The kiosk comes back 10 s later: a new process, its steady clock from zero, the wall clock on.
    FakeClock after{before.wall_now() + 10s};
    auto database = open_store();
    ASSERT_TRUE(database);
    auto auth = start(*database, after);
    EXPECT_EQ(auth->locked_for(), 290s);
    auto refused = auth->sign_in_with_pin("S0001", "246810");
    EXPECT_EQ(refused.refusal, "locked");
    EXPECT_EQ(refused.locked_for, 290s);

    after.advance(290s - 1ms);
    EXPECT_EQ(auth->locked_for(), 1s);
    after.advance(1ms);
    EXPECT_EQ(auth->locked_for(), 0s);
    auto signed_in = auth->sign_in_with_pin("S0001", "246810");
    ASSERT_TRUE(signed_in.staff.has_value()) << signed_in.refusal;
}

TEST_F(StaffLockoutRestartTest, WrongTriesBeforeARestartStillCount) {
    FakeClock clock{kNow};
    {
        auto database = open_store();
        ASSERT_TRUE(database);
        auto auth = start(*database, clock);
        for (int i = 0; i < 3; ++i)
            auth->sign_in_with_pin("S0001", "000000");
    }
    auto database = open_store();
    ASSERT_TRUE(database);
    auto auth = start(*database, clock);
    EXPECT_EQ(auth->sign_in_with_pin("S0001", "000000").locked_for, 0s);
    EXPECT_EQ(auth->sign_in_with_pin("S0001", "000000").locked_for, 300s); // the fifth in a row
}

TEST_F(StaffLockoutRestartTest, ARightPinClearsTheKeptCount) {
    FakeClock clock{kNow};
    {
        auto database = open_store();
        ASSERT_TRUE(database);
        auto auth = start(*database, clock);
        for (int i = 0; i < 4; ++i)
            auth->sign_in_with_pin("S0001", "000000");
        ASSERT_TRUE(auth->sign_in_with_pin("S0001", "246810").staff.has_value());
    }
    auto database = open_store();
    ASSERT_TRUE(database);
    EXPECT_EQ(store::StaffPinLockStore(*database).load().value(), store::StoredPinLock{});
    auto auth = start(*database, clock);
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(auth->sign_in_with_pin("S0001", "000000").locked_for, 0s);
}

TEST_F(StaffLockoutRestartTest, ALockKeptFarAheadLastsNoLongerThanTheLockout) {
    // The wall clock was set back after the lock was kept: the pad is locked for one lockout at most.
    FakeClock clock{kNow};
    auto database = open_store();
    ASSERT_TRUE(database);
    ASSERT_TRUE(store::StaffPinLockStore(*database).save({0, kNow + 24h}).ok());
    auto auth = start(*database, clock);
    EXPECT_EQ(auth->locked_for(), 300s);
}

} // namespace
} // namespace kiosk::services
