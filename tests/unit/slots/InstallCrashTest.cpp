// A crash (the process ends, as under kill -9 or a power cut) at every step of an install of the A/B
// config slots (services/slots, docs/ConfigSlots.md §4): a forked child stops right after the step.
#include "tests/unit/slots/SlotsTestSupport.h"

#include <sys/wait.h>
#include <unistd.h>

namespace kiosk::slots {
namespace {

// A process that installs version 3 over 1 (2 in use) and ends (as under kill -9) right after `stop`:
// whatever step it was, the next start finds a whole slot of version 2 or 3 — 2 before the switch, 3
// after — and never a leftover.
class InstallCrashTest : public ConfigSlotsTest, public ::testing::WithParamInterface<Step> {};

TEST_P(InstallCrashTest, ACrashAtEveryStepLeavesOneWholeVersion) {
    {
        auto slots = open();
        ASSERT_TRUE(install(*slots, 1).ok());
        ASSERT_TRUE(slots->confirm_good().ok());
        ASSERT_TRUE(install(*slots, 2).ok());
        ASSERT_TRUE(slots->confirm_good().ok());
    }
    Step stop = GetParam();
    auto staged = stage(3);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        SlotsOptions options;
        int files = 0;
        options.on_step = [&](Step done) {
            if (done == stop && (done != Step::FileWritten || ++files == 3))
                _exit(0);
        };
        auto slots = ConfigSlots::open(m_root / "state", m_factory, m_clock, options);
        if (slots.ok())
            (void)slots.value()->install(staged, SlotInfo{"bundle-3", 3});
        _exit(3);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "the child did not reach " << to_string(stop);
    auto slots = open();
    std::int64_t expected = stop >= Step::Switched ? 3 : 2;
    EXPECT_EQ(current_version(), expected);
    EXPECT_EQ(slots->state().record(slots->state().current).version, expected);
    EXPECT_NE(slots->state().record(slots->state().current).status, SlotStatus::Empty);
    for (const char* name : {"a.new", "b.new", "a.old", "b.old", "current.new", "state.json.tmp"})
        EXPECT_FALSE(fs::exists(fs::symlink_status(config() / name))) << name;
    // The install can be tried again (before the switch) or is done (after it).
    auto retry = install(*slots, 3);
    EXPECT_EQ(retry.ok(), expected == 2);
    EXPECT_EQ(current_version(), 3);
}

INSTANTIATE_TEST_SUITE_P(EveryStep, InstallCrashTest,
                         ::testing::Values(Step::FileWritten, Step::FilesSynced, Step::MarkerWritten,
                                           Step::OldSetAside, Step::OldRemoved, Step::SlotInPlace,
                                           Step::LinkCreated, Step::Switched, Step::StateTempWritten),
                         [](const auto& info) { return std::string(to_string(info.param)); });

} // namespace
} // namespace kiosk::slots
