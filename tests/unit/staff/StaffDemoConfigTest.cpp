// The demo configuration (data/config/kiosk.json) and the test key (tests/fixtures/staff) work together
// at the kiosk's real cost: the three demo staff sign in with their documented demo PINs, and a badge
// signed with the TEST-ONLY key verifies against the public key the demo config trusts.

#include "core/base/Config.h"
#include "services/staff/StaffAuthenticator.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

namespace kiosk::services {
namespace {

using namespace std::chrono_literals;
using domain::StaffRole;

const WallTime kNow{std::chrono::seconds(1796551200)}; // 2026-12-06T10:00:00Z

StaffOptions demo_staff() {
    auto config = load_config(std::string(KIOSK_SOURCE_DIR) + "/data/config/kiosk.json");
    EXPECT_TRUE(config.ok()) << config.error().describe();
    return config.ok() ? config->staff : StaffOptions{};
}

TEST(StaffDemoConfig, TheDemoStaffSignInWithTheirDemoPins) {
    FakeClock clock{kNow};
    auto staff = demo_staff();
    ASSERT_EQ(staff.pins.size(), 3u);
    // The kiosk's own floor (StaffAuthOptions defaults): the demo hashes are at the real cost.
    auto auth = StaffAuthenticator::create(staff_pins(staff), staff_auth_options(staff), clock, nullptr);
    ASSERT_TRUE(auth.ok()) << auth.error().describe();
    struct Demo {
        const char *id, *pin;
        StaffRole role;
    };
    for (auto demo : {Demo{"1001", "246810", StaffRole::DutyStaff}, Demo{"2001", "135790", StaffRole::HallIt},
                      Demo{"3001", "975310", StaffRole::Engineer}}) {
        auto answer = auth.value()->sign_in_with_pin(demo.id, demo.pin);
        ASSERT_TRUE(answer.staff.has_value()) << demo.id << ": " << answer.refusal;
        EXPECT_EQ(answer.staff->role, demo.role);
    }
    EXPECT_EQ(auth.value()->sign_in_with_pin("1001", "135790").refusal, "wrong-pin");
}

// parse_config checks the role words itself (core/base cannot include the domain): they must be the
// domain's words.
TEST(StaffDemoConfig, ConfigRoleWordsAreTheDomainsWords) {
    for (const char* word : {"duty", "hall-it", "engineer"})
        EXPECT_TRUE(domain::parse_staff_role(word).has_value()) << word;
}

TEST(StaffDemoConfig, TheTestKeySignsBadgesTheDemoConfigTrusts) {
    // Git keeps the fixture 0644; a signing key must be 0600 to be used.
    auto copy = std::filesystem::temp_directory_path() / ("staff-test-key-" + std::to_string(::getpid()));
    std::filesystem::copy_file(std::string(KIOSK_FIXTURES_DIR) + "/staff/hall-test.secret-key-TEST-ONLY",
                               copy, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::permissions(copy,
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    auto key = load_badge_secret_key(copy.string());
    std::filesystem::remove(copy);
    ASSERT_TRUE(key.ok()) << key.error().describe();
    auto token =
        make_badge(key.value(), "hall-test", {"S1024", "王丽", StaffRole::HallIt}, kNow - 1h, kNow + 24h);
    ASSERT_TRUE(token.ok());
    FakeClock clock{kNow};
    auto member = verify_badge(token.value(), staff_auth_options(demo_staff()).badges, clock);
    ASSERT_TRUE(member.ok()) << member.error().describe();
    EXPECT_EQ(member->id, "S1024");
}

} // namespace
} // namespace kiosk::services
