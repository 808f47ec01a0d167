// The A/B config slots on real files in a scratch folder (services/slots, docs/ConfigSlots.md):
// install and switch, trial / confirm / crash loop / rollback, refusals, start-up recovery from every
// kind of leftover. A crash at every step of an install: InstallCrashTest.cpp.
#include "tests/unit/slots/SlotsTestSupport.h"

#include <algorithm>
#include <sys/stat.h>

namespace kiosk::slots {
namespace {

TEST_F(ConfigSlotsTest, AFreshKioskStartsOnTheFactoryConfig) {
    auto slots = open();
    ASSERT_TRUE(slots);
    EXPECT_EQ(link(), m_factory.string());
    EXPECT_EQ(slots->state().current, ActiveSlot::Factory);
    EXPECT_EQ(slots->start_candidates(), std::vector<fs::path>{m_factory});
    EXPECT_TRUE(slots->state().history.empty()); // a first start is no repair
    EXPECT_TRUE(fs::exists(config() / "state.json"));
}

TEST_F(ConfigSlotsTest, InstallFillsTheSlotNotInUseAndSwitchesToItOnTrial) {
    auto slots = open();
    auto used = install(*slots, 1);
    ASSERT_TRUE(used.ok()) << used.error().describe();
    EXPECT_EQ(used.value(), ActiveSlot::A);
    EXPECT_EQ(link(), "a");
    EXPECT_EQ(current_version(), 1);
    ASSERT_TRUE(check_slot(config() / "a", true).ok());
    const auto& a = slots->state().a;
    EXPECT_EQ(a.status, SlotStatus::Trial);
    EXPECT_EQ(a.bundle_id, "bundle-1");
    EXPECT_EQ(a.installed_at, "2026-11-30T00:53:20Z");
    EXPECT_EQ(last_outcome(*slots), Outcome::Installed);
    EXPECT_EQ(slots->start_candidates(), (std::vector<fs::path>{config() / "a", m_factory}));
    EXPECT_FALSE(fs::exists(m_root / "staged-1-1")); // same filesystem: moved, not copied
    // The factory folder is never written.
    std::string why;
    EXPECT_EQ(content_version(m_factory, why), 0) << why;
    EXPECT_FALSE(fs::exists(m_factory / kMarkerName));
}

TEST_F(ConfigSlotsTest, AStagedFolderOnAnotherFilesystemIsCopiedWhole) {
    struct stat here {
    }, shm{};
    if (::stat(m_root.c_str(), &here) != 0 || ::stat("/dev/shm", &shm) != 0 || here.st_dev == shm.st_dev)
        GTEST_SKIP() << "needs /dev/shm on another filesystem than the scratch folder";
    std::string pattern = "/dev/shm/configslots-staged-XXXXXX";
    ASSERT_TRUE(mkdtemp(pattern.data()));
    fs::path staged = pattern;
    write_content(staged, 1);
    auto slots = open();
    auto used = slots->install(staged, SlotInfo{"bundle-1", 1});
    EXPECT_TRUE(used.ok());
    EXPECT_EQ(current_version(), 1);
    EXPECT_TRUE(check_slot(config() / "a", true).ok());
    std::string why;
    EXPECT_EQ(content_version(staged, why), 1) << why; // copied: left for the caller to remove
    fs::remove_all(staged);
}

TEST_F(ConfigSlotsTest, TheSlotUsedBeforeStaysWholeForARollback) {
    auto slots = open();
    ASSERT_TRUE(install(*slots, 1).ok());
    ASSERT_TRUE(slots->confirm_good().ok());
    ASSERT_EQ(install(*slots, 2).value_or(ActiveSlot::Factory), ActiveSlot::B);
    EXPECT_EQ(link(), "b");
    std::string why;
    EXPECT_EQ(content_version(config() / "a", why), 1) << why;
    EXPECT_EQ(slots->start_candidates(), (std::vector<fs::path>{config() / "b", config() / "a", m_factory}));
    // The third install replaces the oldest, never the one in use.
    ASSERT_TRUE(slots->confirm_good().ok());
    ASSERT_EQ(install(*slots, 3).value_or(ActiveSlot::Factory), ActiveSlot::A);
    EXPECT_EQ(content_version(config() / "b", why), 2) << why;
    EXPECT_EQ(current_version(), 3);
}

TEST_F(ConfigSlotsTest, AVersionNotAboveTheInstalledOneIsRefusedAndRecorded) {
    auto slots = open();
    ASSERT_TRUE(install(*slots, 5).ok());
    for (std::int64_t version : {5, 4}) {
        auto again = install(*slots, version);
        ASSERT_FALSE(again.ok());
        EXPECT_EQ(again.error().code, ErrorCode::Denied);
        EXPECT_EQ(last_outcome(*slots), Outcome::Refused);
        EXPECT_EQ(slots->state().history.back().version, version);
    }
    EXPECT_EQ(slots->state().history.back().reason, "version 4 is not above the installed 5");
    EXPECT_EQ(link(), "a");
    EXPECT_EQ(current_version(), 5);
    EXPECT_FALSE(fs::exists(config() / "b"));
    // A slot rolled back from still counts: the same bundle cannot come back under its old version.
    ASSERT_TRUE(slots->rollback("health check failed").ok());
    EXPECT_EQ(install(*slots, 5).error().code, ErrorCode::Denied);
    EXPECT_TRUE(install(*slots, 6).ok());
}

TEST_F(ConfigSlotsTest, ABundleRefusedBeforeTheSlotsIsRecordedForTheReport) {
    auto slots = open();
    ASSERT_TRUE(install(*slots, 1).ok());
    ASSERT_TRUE(slots->record_refused(SlotInfo{"hall-7", 2}, "signature: unknown key id").ok());
    slots = open(); // kept across a restart
    const auto& last = slots->state().history.back();
    EXPECT_EQ(last.outcome, Outcome::Refused);
    EXPECT_EQ(last.bundle_id, "hall-7");
    EXPECT_EQ(last.version, 2);
    EXPECT_EQ(last.reason, "signature: unknown key id");
    EXPECT_EQ(link(), "a"); // nothing else changed
    EXPECT_EQ(slots->state().a.status, SlotStatus::Trial);
}

TEST_F(ConfigSlotsTest, AStagedFolderWithALinkIsRefusedBeforeAnythingMoves) {
    auto slots = open();
    auto staged = stage(1);
    fs::create_symlink("/etc/passwd", staged / "d0" / "sneaky");
    auto result = slots->install(staged, SlotInfo{"bundle-1", 1});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::InvalidData);
    EXPECT_EQ(last_outcome(*slots), Outcome::Refused);
    EXPECT_TRUE(fs::exists(staged / "catalog.json"));
    EXPECT_EQ(link(), m_factory.string());
    EXPECT_FALSE(fs::exists(config() / "a"));
    EXPECT_FALSE(fs::exists(config() / "a.new"));
}

TEST_F(ConfigSlotsTest, AHealthCheckPassedConfirmsTheTrialSlot) {
    auto slots = open();
    ASSERT_TRUE(install(*slots, 1).ok());
    ASSERT_TRUE(slots->begin_start().ok());
    EXPECT_EQ(slots->state().a.boot_attempts, 1);
    ASSERT_TRUE(slots->confirm_good().ok());
    EXPECT_EQ(slots->state().a.status, SlotStatus::Good);
    EXPECT_EQ(slots->state().a.boot_attempts, 0);
    EXPECT_EQ(last_outcome(*slots), Outcome::Confirmed);
    // A good slot no longer counts its starts.
    ASSERT_TRUE(slots->begin_start().ok());
    EXPECT_EQ(slots->state().a.boot_attempts, 0);
    // And it is remembered across a restart.
    slots.reset();
    EXPECT_EQ(open()->state().a.status, SlotStatus::Good);
}

TEST_F(ConfigSlotsTest, ACrashLoopingSlotIsFailedAndTheKioskGoesBackByItself) {
    auto slots = open();
    ASSERT_TRUE(install(*slots, 1).ok());
    ASSERT_TRUE(slots->confirm_good().ok());
    ASSERT_TRUE(install(*slots, 2).ok());
    for (int start = 1; start <= 3; ++start) {
        slots = open(); // each start is a new process
        ASSERT_TRUE(slots->begin_start().ok());
        EXPECT_EQ(link(), "b") << "start " << start;
        EXPECT_EQ(slots->state().b.boot_attempts, start);
    }
    slots = open();
    ASSERT_TRUE(slots->begin_start().ok());
    EXPECT_EQ(link(), "a");
    EXPECT_EQ(slots->state().b.status, SlotStatus::Failed);
    EXPECT_EQ(slots->state().b.last_result, Outcome::CrashLoop);
    EXPECT_EQ(last_outcome(*slots), Outcome::CrashLoop);
    EXPECT_EQ(slots->state().history.back().reason, "3 starts without a passed health check (to a)");
    EXPECT_EQ(slots->start_candidates(), (std::vector<fs::path>{config() / "a", m_factory}));
}

TEST_F(ConfigSlotsTest, RollbackGoesToThePreviousGoodSlotAndRecordsWhy) {
    auto slots = open();
    ASSERT_TRUE(install(*slots, 1).ok());
    ASSERT_TRUE(slots->confirm_good().ok());
    ASSERT_TRUE(install(*slots, 2).ok());
    auto back = slots->rollback("attract screen not drawn within 60 s");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.value(), ActiveSlot::A);
    EXPECT_EQ(link(), "a");
    EXPECT_EQ(current_version(), 1);
    EXPECT_EQ(slots->state().b.status, SlotStatus::Failed);
    EXPECT_EQ(slots->state().b.reason, "attract screen not drawn within 60 s");
    EXPECT_EQ(last_outcome(*slots), Outcome::RolledBack);
    EXPECT_EQ(slots->start_candidates(), (std::vector<fs::path>{config() / "a", m_factory}));
}

TEST_F(ConfigSlotsTest, WithoutAGoodSlotTheFactoryConfigIsTheLastResort) {
    auto slots = open();
    ASSERT_TRUE(install(*slots, 1).ok());
    ASSERT_TRUE(install(*slots, 2).ok()); // 1 never confirmed: no fallback but the factory
    auto back = slots->mark_failed("catalog.json: package newborn names an unknown matter");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.value(), ActiveSlot::Factory);
    EXPECT_EQ(link(), m_factory.string());
    EXPECT_EQ(last_outcome(*slots), Outcome::LoadFailed);
    EXPECT_EQ(slots->start_candidates(), std::vector<fs::path>{m_factory});
    auto again = slots->rollback("staff asked");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::NotFound);
    // The next install keeps nothing good to protect: it takes slot a and switches.
    EXPECT_TRUE(install(*slots, 3).ok());
    EXPECT_EQ(current_version(), 3);
}

TEST_F(ConfigSlotsTest, ACorruptStateFileIsNoStateAndTheSlotsAreAdoptedFromTheirMarkers) {
    {
        auto slots = open();
        ASSERT_TRUE(install(*slots, 1).ok());
        ASSERT_TRUE(slots->confirm_good().ok());
        ASSERT_TRUE(install(*slots, 2).ok());
    }
    for (const char* damage : {"{\"format\": 1, \"current\": \"b\"", "\xff\xfe garbage", "[]",
                               "{\"format\":1,\"current\":\"b\",\"a\":{},\"b\":{},\"history\":[]}"}) {
        std::ofstream(config() / "state.json", std::ios::trunc) << damage;
        auto slots = open();
        ASSERT_TRUE(slots);
        EXPECT_EQ(link(), "b");
        EXPECT_EQ(slots->state().b.status, SlotStatus::Trial);
        EXPECT_EQ(slots->state().b.version, 2);
        EXPECT_EQ(slots->state().a.version, 1);
        EXPECT_EQ(last_outcome(*slots), Outcome::Recovered);
        EXPECT_NE(slots->state().history.front().reason.find("state.json unreadable"), std::string::npos);
        EXPECT_EQ(install(*slots, 2).error().code, ErrorCode::Denied); // versions still known
    }
}

TEST_F(ConfigSlotsTest, LeftoversOfACrashAreRemovedAtStart) {
    {
        auto slots = open();
        ASSERT_TRUE(install(*slots, 1).ok());
    }
    write_content(config() / "b.new", 2);
    write_content(config() / "a.old", 0);
    fs::create_symlink("b", config() / "current.new");
    std::ofstream(config() / "state.json.tmp") << "{\"format\": 1, \"cur";
    auto slots = open();
    for (const char* name : {"b.new", "a.old", "current.new", "state.json.tmp"})
        EXPECT_FALSE(fs::exists(fs::symlink_status(config() / name))) << name;
    EXPECT_EQ(link(), "a");
    EXPECT_EQ(current_version(), 1);
    EXPECT_EQ(slots->state().a.status, SlotStatus::Trial);
    EXPECT_EQ(slots->state().history.size(), 5u); // installed + four removals
}

TEST_F(ConfigSlotsTest, ACurrentLinkNamingAMissingOrDamagedSlotIsSwitchedToTheBestLeft) {
    {
        auto slots = open();
        ASSERT_TRUE(install(*slots, 1).ok());
        ASSERT_TRUE(slots->confirm_good().ok());
        ASSERT_TRUE(install(*slots, 2).ok());
    }
    // A file of b changed behind our back (same size): the hash check finds it, b is emptied.
    auto victim = config() / "b" / "d1" / "file1.bin";
    auto bytes = read_bytes(victim);
    bytes[bytes.size() / 2] ^= 0x20;
    std::ofstream(victim, std::ios::binary | std::ios::trunc) << bytes;
    auto slots = open();
    EXPECT_EQ(link(), "a");
    EXPECT_EQ(current_version(), 1);
    EXPECT_FALSE(fs::exists(config() / "b"));
    EXPECT_EQ(slots->state().b.status, SlotStatus::Empty);
    // Then a missing marker in a: nothing whole is left but the factory config.
    fs::remove(config() / "a" / kMarkerName);
    slots = open();
    EXPECT_EQ(link(), m_factory.string());
    EXPECT_EQ(slots->start_candidates(), std::vector<fs::path>{m_factory});
    // A link naming an unknown folder, or no link at all, is resolved the same way.
    fs::remove(config() / "current");
    fs::create_symlink("/etc", config() / "current");
    slots = open();
    EXPECT_EQ(link(), m_factory.string());
}

TEST_F(ConfigSlotsTest, AFileTheMarkerDoesNotListMakesTheSlotIncomplete) {
    {
        auto slots = open();
        ASSERT_TRUE(install(*slots, 1).ok());
    }
    std::ofstream(config() / "a" / "d2" / "stray.bin") << "left over";
    auto slots = open();
    EXPECT_EQ(link(), m_factory.string());
    EXPECT_FALSE(fs::exists(config() / "a"));
    const auto& history = slots->state().history;
    EXPECT_TRUE(std::any_of(history.begin(), history.end(), [](const HistoryEntry& entry) {
        return entry.reason.find("d2/stray.bin: not in the marker") != std::string::npos;
    }));
}

TEST_F(ConfigSlotsTest, TheHistoryKeepsTheLastTwentyResults) {
    auto slots = open();
    for (std::int64_t version = 1; version <= 30; ++version)
        ASSERT_TRUE(install(*slots, version).ok());
    ASSERT_EQ(slots->state().history.size(), 20u);
    EXPECT_EQ(slots->state().history.front().version, 11);
    EXPECT_EQ(slots->state().history.back().version, 30);
    EXPECT_EQ(open()->state().history.size(), 20u);
}

// What a running kiosk watches (kiosk/ContentApply.cpp): it changes with every switch and every refill
// of the slot `current` names, and not with what only the state file records.
TEST_F(ConfigSlotsTest, TheCurrentStampChangesWithEverySwitchAndNothingElse) {
    auto slots = open();
    std::string factory = current_stamp(m_root / "state");
    EXPECT_EQ(factory, m_factory.string());
    ASSERT_TRUE(install(*slots, 1).ok());
    std::string on_a = current_stamp(m_root / "state");
    EXPECT_NE(on_a, factory);
    EXPECT_EQ(on_a.substr(0, 2), "a@");
    ASSERT_TRUE(slots->begin_start().ok());
    ASSERT_TRUE(slots->confirm_good().ok());
    EXPECT_EQ(current_stamp(m_root / "state"), on_a) << "a confirmation switches nothing";

    ASSERT_TRUE(install(*slots, 2).ok());
    std::string on_b = current_stamp(m_root / "state");
    EXPECT_NE(on_b, on_a);
    ASSERT_TRUE(slots->rollback("test").ok());
    EXPECT_EQ(current_stamp(m_root / "state"), on_a) << "back on the very content it had";
    ASSERT_TRUE(install(*slots, 3).ok()); // slot b filled again
    EXPECT_EQ(link(), "b");
    EXPECT_NE(current_stamp(m_root / "state"), on_b);
    EXPECT_EQ(current_stamp(m_root / "nowhere"), "none");
}

} // namespace
} // namespace kiosk::slots
