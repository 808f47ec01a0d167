// Staff sign-in at the pad: the right staff number and PIN give the member; a wrong PIN or an unknown
// number is refused and counted; five wrong tries in a row, whatever the numbers, lock the pad for
// five minutes, during which even the right PIN is refused without being checked; then it takes
// PINs again. Every sign-in, refusal and lock is audited with the staff id and role, never the PIN.
// Badges sign in through the same object, also while the pad is locked.
//
// Most tests hash PINs at libsodium's least cost (and lower the authenticator's floor for it); the
// cost the kiosk uses is exercised by CostOfTheKioskIsEnforcedAndEqualForUnknownIds and by
// StaffDemoConfigTest.

#include "services/staff/StaffAuthenticator.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <thread>

namespace kiosk::services {
namespace {

using namespace std::chrono_literals;
using domain::StaffMember;
using domain::StaffRole;

const WallTime kNow{std::chrono::seconds(1796551200)}; // 2026-12-06T10:00:00Z

struct AuditRow {
    std::string kind, detail;
};

std::string cheap_hash(const std::string& pin) {
    auto hash = hash_pin(pin, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
    EXPECT_TRUE(hash.ok());
    return hash.value();
}

class StaffAuthenticatorTest : public ::testing::Test {
protected:
    FakeClock clock{kNow};
    std::mutex audit_mutex;
    std::vector<AuditRow> audit;
    StaffAuthOptions options;
    std::unique_ptr<StaffAuthenticator> auth;
    BadgePublicKey badge_public{};
    BadgeSecretKey badge_secret{};

    void SetUp() override {
        options.min_opslimit = crypto_pwhash_OPSLIMIT_MIN;
        options.min_memlimit = crypto_pwhash_MEMLIMIT_MIN;
        make_badge_keys(badge_public, badge_secret);
        options.badges.keys = {{"hall-2026", badge_public}};
        auth = make({{{"S0001", "演示值班员", StaffRole::DutyStaff}, cheap_hash("246810")},
                     {{"S0002", "演示信息员", StaffRole::HallIt}, cheap_hash("135790")}});
    }

    std::unique_ptr<StaffAuthenticator> make(std::vector<StaffPinEntry> pins) {
        auto created = StaffAuthenticator::create(
            std::move(pins), options, clock, [this](std::string_view kind, std::string_view detail) {
                std::lock_guard lock(audit_mutex);
                audit.push_back({std::string(kind), std::string(detail)});
            });
        EXPECT_TRUE(created.ok()) << created.error().describe();
        return created.ok() ? created.release_value() : nullptr;
    }

    void expect_no_pin_in_audit() {
        for (const auto& row : audit)
            for (const char* pin : {"246810", "135790", "000000", "111111", "999999"})
                EXPECT_EQ(row.detail.find(pin), std::string::npos) << row.kind << ": " << row.detail;
    }
};

TEST_F(StaffAuthenticatorTest, TheRightPinSignsTheMemberIn) {
    auto answer = auth->sign_in_with_pin("S0002", "135790");
    ASSERT_TRUE(answer.staff.has_value()) << answer.refusal;
    EXPECT_EQ(*answer.staff, (StaffMember{"S0002", "演示信息员", StaffRole::HallIt}));
    EXPECT_TRUE(answer.refusal.empty());
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].kind, "staff-sign-in");
    EXPECT_EQ(audit[0].detail, "staff=S0002 role=hall-it via=pin");
    expect_no_pin_in_audit();
}

TEST_F(StaffAuthenticatorTest, AWrongPinIsRefusedAndAudited) {
    // Another member's PIN is wrong too: a PIN belongs to one staff number.
    for (auto pin : {"000000", "135790", "", "2468100", "24681"}) {
        auto answer = auth->sign_in_with_pin("S0001", pin);
        EXPECT_FALSE(answer.staff.has_value()) << pin;
        EXPECT_EQ(answer.refusal, "wrong-pin");
    }
    ASSERT_EQ(audit.size(), 5u + 1u); // the fifth locks
    EXPECT_EQ(audit[0].kind, "staff-sign-in-refused");
    EXPECT_EQ(audit[0].detail, "staff=S0001 role=duty via=pin reason=wrong-pin tries=1/5");
    expect_no_pin_in_audit();
}

TEST_F(StaffAuthenticatorTest, FiveWrongTriesLockThePadForFiveMinutes) {
    for (int i = 1; i <= 4; ++i) {
        auto answer = auth->sign_in_with_pin("S0001", "000000");
        EXPECT_EQ(answer.locked_for, 0s);
        EXPECT_EQ(auth->locked_for(), 0s);
    }
    auto fifth = auth->sign_in_with_pin("S0001", "111111");
    EXPECT_EQ(fifth.refusal, "wrong-pin");
    EXPECT_EQ(fifth.locked_for, 300s);
    EXPECT_EQ(auth->locked_for(), 300s);
    EXPECT_EQ(audit.back().kind, "staff-pin-locked");
    EXPECT_EQ(audit.back().detail, "staff=S0001 role=duty via=pin tries=5 lockout_s=300");

    // The right PIN while locked: refused, for either member.
    clock.advance(60s);
    auto locked = auth->sign_in_with_pin("S0001", "246810");
    EXPECT_FALSE(locked.staff.has_value());
    EXPECT_EQ(locked.refusal, "locked");
    EXPECT_EQ(locked.locked_for, 240s);
    EXPECT_EQ(audit.back().kind, "staff-sign-in-refused");
    EXPECT_EQ(audit.back().detail, "staff=S0001 role=duty via=pin reason=locked locked_s=240");
    EXPECT_EQ(auth->sign_in_with_pin("S0002", "135790").refusal, "locked");

    clock.advance(240s - 1ms);
    EXPECT_EQ(auth->locked_for(), 1s);
    EXPECT_EQ(auth->sign_in_with_pin("S0001", "246810").refusal, "locked");
    clock.advance(1ms);
    EXPECT_EQ(auth->locked_for(), 0s);
    auto after = auth->sign_in_with_pin("S0001", "246810");
    ASSERT_TRUE(after.staff.has_value()) << after.refusal;
    EXPECT_EQ(after.staff->id, "S0001");
    expect_no_pin_in_audit();
}

TEST_F(StaffAuthenticatorTest, TriesCountAcrossThePadWhateverTheIds) {
    auth->sign_in_with_pin("S0001", "000000");
    auth->sign_in_with_pin("S0002", "000000");
    auth->sign_in_with_pin("S9999", "246810"); // unknown: counts, and is not named in the audit log
    auth->sign_in_with_pin("420102199001011234", "000000");
    EXPECT_EQ(auth->locked_for(), 0s);
    auto fifth = auth->sign_in_with_pin("", "000000");
    EXPECT_EQ(fifth.locked_for, 300s);
    EXPECT_EQ(audit[2].detail, "staff=unknown via=pin reason=wrong-pin tries=3/5");
    EXPECT_EQ(audit[3].detail, "staff=unknown via=pin reason=wrong-pin tries=4/5");
    for (const auto& row : audit) {
        EXPECT_EQ(row.detail.find("S9999"), std::string::npos);
        EXPECT_EQ(row.detail.find("420102"), std::string::npos);
    }
}

TEST_F(StaffAuthenticatorTest, ASignInStartsTheCountAfresh) {
    for (int i = 0; i < 4; ++i)
        auth->sign_in_with_pin("S0001", "000000");
    ASSERT_TRUE(auth->sign_in_with_pin("S0001", "246810").staff.has_value());
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(auth->sign_in_with_pin("S0002", "000000").locked_for, 0s);
    EXPECT_EQ(auth->locked_for(), 0s);
}

TEST_F(StaffAuthenticatorTest, TheLockoutNumbersComeFromTheOptions) {
    options.lockout_tries = 2;
    options.lockout = 30s;
    auto strict = make({{{"S0001", "x", StaffRole::DutyStaff}, cheap_hash("246810")}});
    strict->sign_in_with_pin("S0001", "0");
    EXPECT_EQ(strict->sign_in_with_pin("S0001", "0").locked_for, 30s);
    clock.advance(30s);
    EXPECT_TRUE(strict->sign_in_with_pin("S0001", "246810").staff.has_value());
}

TEST_F(StaffAuthenticatorTest, ConcurrentTriesAreCountedOneByOne) {
    std::vector<StaffSignInAnswered> answers(8);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < answers.size(); ++i)
        threads.emplace_back([&, i] { answers[i] = auth->sign_in_with_pin("S0001", "999999"); });
    for (auto& thread : threads)
        thread.join();
    int wrong = 0, locked = 0;
    for (const auto& answer : answers) {
        wrong += answer.refusal == "wrong-pin";
        locked += answer.refusal == "locked";
    }
    EXPECT_EQ(wrong, 5);
    EXPECT_EQ(locked, 3);
}

TEST_F(StaffAuthenticatorTest, ABadgeSignsInEvenWhileThePadIsLocked) {
    for (int i = 0; i < 5; ++i)
        auth->sign_in_with_pin("S0001", "000000");
    ASSERT_GT(auth->locked_for(), 0s);
    auto token =
        make_badge(badge_secret, "hall-2026", {"S1024", "王丽", StaffRole::Engineer}, kNow - 1h, kNow + 24h);
    ASSERT_TRUE(token.ok());
    auto answer = auth->sign_in_with_badge(token.value());
    ASSERT_TRUE(answer.staff.has_value()) << answer.refusal;
    EXPECT_EQ(answer.staff->role, StaffRole::Engineer);
    EXPECT_EQ(audit.back().kind, "staff-sign-in");
    EXPECT_EQ(audit.back().detail, "staff=S1024 role=engineer via=badge kid=hall-2026");
}

TEST_F(StaffAuthenticatorTest, RefusedBadgesAreAuditedAndDoNotCountTowardsTheLock) {
    auto token =
        make_badge(badge_secret, "hall-2026", {"S1024", "王丽", StaffRole::DutyStaff}, kNow - 1h, kNow + 1h);
    ASSERT_TRUE(token.ok());
    clock.advance(2h);
    for (int i = 0; i < 6; ++i)
        EXPECT_EQ(auth->sign_in_with_badge(token.value()).refusal, "badge-expired");
    EXPECT_EQ(auth->locked_for(), 0s);
    EXPECT_EQ(audit.back().kind, "staff-sign-in-refused");
    EXPECT_EQ(audit.back().detail, "staff=S1024 role=duty via=badge reason=expired");
    EXPECT_EQ(auth->sign_in_with_badge("OWS1.garbage").refusal, "badge-malformed");
    EXPECT_EQ(audit.back().detail, "via=badge reason=malformed");
    for (const auto& row : audit)
        EXPECT_EQ(row.detail.find("王丽"), std::string::npos);
}

TEST_F(StaffAuthenticatorTest, OnlySoundArgon2idHashesAreAccepted) {
    auto refused = [&](std::vector<StaffPinEntry> pins) {
        auto created = StaffAuthenticator::create(std::move(pins), options, clock, nullptr);
        EXPECT_FALSE(created.ok());
        return created.ok() ? Error{} : created.error();
    };
    StaffMember member{"S0001", "x", StaffRole::DutyStaff};
    auto good = cheap_hash("246810");
    // Argon2i, damaged, truncated, empty.
    char argon2i[crypto_pwhash_STRBYTES];
    ASSERT_EQ(crypto_pwhash_argon2i_str(argon2i, "246810", 6, 3, crypto_pwhash_argon2i_MEMLIMIT_MIN), 0);
    EXPECT_EQ(refused({{member, argon2i}}).code, ErrorCode::InvalidData);
    EXPECT_EQ(refused({{member, good.substr(0, good.size() - 10)}}).code, ErrorCode::InvalidData);
    EXPECT_EQ(refused({{member, "$argon2id$v=19$m=65536,t=2,p=1$"}}).code, ErrorCode::InvalidData);
    EXPECT_EQ(refused({{member, ""}}).code, ErrorCode::InvalidData);
    EXPECT_EQ(refused({{member, "246810"}}).code, ErrorCode::InvalidData);
    // The same id twice.
    EXPECT_EQ(refused({{member, good}, {member, good}}).code, ErrorCode::InvalidData);
    // With the kiosk's floor, a hash cheaper than Argon2id INTERACTIVE is a config error.
    options = StaffAuthOptions{};
    auto error = refused({{member, good}});
    EXPECT_NE(error.message.find("cheaper"), std::string::npos) << error.message;
    EXPECT_EQ(error.message.find("246810"), std::string::npos);
}

// At the kiosk's cost (crypto_pwhash_*_INTERACTIVE): a try with an unknown id takes about as long as
// one with a known id, and a try while locked checks no hash at all.
TEST_F(StaffAuthenticatorTest, CostOfTheKioskIsEnforcedAndEqualForUnknownIds) {
    options = StaffAuthOptions{};
    auto hash = hash_pin("246810");
    ASSERT_TRUE(hash.ok());
    auto real = make({{{"S0001", "x", StaffRole::DutyStaff}, hash.value()}});
    auto time_of = [&](const char* id, const char* pin) {
        auto start = std::chrono::steady_clock::now();
        auto answer = real->sign_in_with_pin(id, pin);
        auto took = std::chrono::steady_clock::now() - start;
        return std::pair{answer, std::chrono::duration<double>(took).count()};
    };
    auto [right, right_s] = time_of("S0001", "246810");
    ASSERT_TRUE(right.staff.has_value());
    double known = 1e9, unknown = 1e9;
    for (int i = 0; i < 2; ++i) {
        known = std::min(known, time_of("S0001", "000000").second);
        unknown = std::min(unknown, time_of("S7777", "000000").second);
    }
    EXPECT_GT(unknown, known * 0.5) << "known " << known << " s, unknown " << unknown << " s";
    EXPECT_LT(unknown, known * 2.0) << "known " << known << " s, unknown " << unknown << " s";
    time_of("S0001", "000000");
    auto [locked, locked_s] = time_of("S0001", "246810");
    EXPECT_EQ(locked.refusal, "locked");
    EXPECT_LT(locked_s, known / 4) << "a locked try took " << locked_s << " s: it checked a hash";
    RecordProperty("argon2id_interactive_check_s", std::to_string(known));
    std::printf(
        "Argon2id INTERACTIVE check: right %.3f s, known id %.3f s, unknown id %.3f s, locked %.6f s\n",
        right_s, known, unknown, locked_s);
}

} // namespace
} // namespace kiosk::services
