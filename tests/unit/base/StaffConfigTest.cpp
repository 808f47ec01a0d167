// The "staff" section of the kiosk's config: badge keys, revoked staff, PIN hashes and the staff
// session's numbers. Defaults when absent; every mistake (a key that is not 64 hex characters, a hash
// that is not Argon2id, an unknown role, a staff timeout not shorter than a citizen's) is refused
// with the key path, as in every section.

#include "core/base/Config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <string>

namespace kiosk {
namespace {

using ::testing::HasSubstr;

const std::string kKey = "35200877f5d49ef0113b1fd25053670dd9c36acbf4427227b257553b4b81c933";
const std::string kHash =
    "$argon2id$v=19$m=65536,t=2,p=1$F7QS6b7OyO8/MszmoS9e9w$iPd1+cdqcrDJRW8jB+wjEno8L34C+kcWTI3zGJVJ6Gg";

std::string pin_entry(const std::string& id = "S0001", const std::string& role = "duty",
                      const std::string& hash = kHash) {
    return R"({"id": ")" + id + R"(", "name": {"zh-CN": "王丽", "en": "Wang Li"}, "role": ")" + role +
           R"(", "pin_hash": ")" + hash + R"("})";
}

std::string with_staff(const std::string& staff_body, const std::string& session = "") {
    return "{" + (session.empty() ? "" : R"("session": )" + session + ",") + R"("staff": {)" + staff_body +
           "}}";
}

Error refusal(const std::string& json) {
    auto parsed = parse_config(json, "kiosk.json");
    if (parsed.ok()) {
        ADD_FAILURE() << "accepted: " << json;
        return {};
    }
    return parsed.release_error();
}

TEST(StaffConfig, DefaultsWithoutTheSection) {
    auto parsed = parse_config("{}", "kiosk.json");
    ASSERT_TRUE(parsed.ok());
    const auto& staff = parsed->staff;
    EXPECT_TRUE(staff.badge_keys.empty());
    EXPECT_TRUE(staff.revoked_staff.empty());
    EXPECT_TRUE(staff.pins.empty());
    EXPECT_EQ(staff.session_timeout_s, 45);
    EXPECT_EQ(staff.lockout_tries, 5);
    EXPECT_EQ(staff.lockout_s, 300);
}

TEST(StaffConfig, AFullSectionIsRead) {
    auto parsed =
        parse_config(with_staff(R"("badge_keys": [{"id": "hall-2026", "public_key": ")" + kKey +
                                R"("}, {"id": "hall-2027", "public_key": ")" + std::string(64, 'A') +
                                R"("}], "revoked_staff": ["S0999"], "pins": [)" + pin_entry() + "," +
                                pin_entry("S0002", "hall-it") + "," + pin_entry("S-3", "engineer") +
                                R"(], "session_timeout_s": 30, "lockout_tries": 3, "lockout_s": 600)"),
                     "kiosk.json");
    ASSERT_TRUE(parsed.ok()) << parsed.error().describe();
    const auto& staff = parsed->staff;
    ASSERT_EQ(staff.badge_keys.size(), 2u);
    EXPECT_EQ(staff.badge_keys[0].id, "hall-2026");
    EXPECT_EQ(staff.badge_keys[0].public_key[0], 0x35);
    EXPECT_EQ(staff.badge_keys[0].public_key[31], 0x33);
    EXPECT_EQ(staff.badge_keys[1].public_key[5], 0xAA);
    EXPECT_EQ(staff.revoked_staff, std::vector<std::string>{"S0999"});
    ASSERT_EQ(staff.pins.size(), 3u);
    EXPECT_EQ(staff.pins[0].id, "S0001");
    EXPECT_EQ(staff.pins[0].name, (LocalizedText{"王丽", "Wang Li"}));
    EXPECT_EQ(staff.pins[0].role, "duty");
    EXPECT_EQ(staff.pins[0].pin_hash, kHash);
    EXPECT_EQ(staff.pins[2].role, "engineer");
    EXPECT_EQ(staff.session_timeout_s, 30);
    EXPECT_EQ(staff.lockout_tries, 3);
    EXPECT_EQ(staff.lockout_s, 600);
}

TEST(StaffConfig, BadKeysAreRefused) {
    auto key = [](const std::string& hex) {
        return with_staff(R"("badge_keys": [{"id": "hall-2026", "public_key": ")" + hex + R"("}])");
    };
    EXPECT_THAT(refusal(key(kKey.substr(2))).message,
                HasSubstr("staff.badge_keys[0].public_key: must be 64 hex"));
    EXPECT_THAT(refusal(key(kKey.substr(2) + "zz")).message, HasSubstr("staff.badge_keys[0].public_key"));
    EXPECT_THAT(refusal(key(kKey + "00")).message, HasSubstr("staff.badge_keys[0].public_key"));
    EXPECT_THAT(refusal(with_staff(R"("badge_keys": [{"id": "hall-2026"}])")).message,
                HasSubstr("staff.badge_keys[0].public_key: missing"));
    EXPECT_THAT(refusal(with_staff(R"("badge_keys": [{"id": "", "public_key": ")" + kKey + R"("}])")).message,
                HasSubstr("staff.badge_keys[0].id"));
    EXPECT_THAT(refusal(with_staff(R"("badge_keys": [{"id": "a", "public_key": ")" + kKey +
                                   R"("}, {"id": "a", "public_key": ")" + kKey + R"("}])"))
                    .message,
                HasSubstr("staff.badge_keys[1].id: 'a' appears twice"));
    EXPECT_THAT(
        refusal(with_staff(R"("badge_keys": [{"id": "a", "public_key": ")" + kKey + R"(", "secret": 1}])"))
            .message,
        HasSubstr("staff.badge_keys[0].secret"));
    EXPECT_THAT(refusal(with_staff(R"("badge_keys": {"id": "a"})")).message,
                HasSubstr("staff.badge_keys: expected an array"));
}

TEST(StaffConfig, OnlyArgon2idHashesAreAccepted) {
    auto pins = [](const std::string& entry) { return with_staff(R"("pins": [)" + entry + "]"); };
    for (const std::string& hash : {std::string("$argon2i$v=19$m=65536,t=2,p=1$F7QS6b7OyO8/"
                                                "MszmoS9e9w$iPd1+cdqcrDJRW8jB+wjEno8L34C+kcWTI3zGJVJ6Gg"),
                                    std::string("$2y$10$abcdefghijklmnopqrstuv"), std::string("246810"),
                                    "$argon2id$" + std::string(200, 'a')})
        EXPECT_THAT(refusal(pins(pin_entry("S0001", "duty", hash))).message,
                    HasSubstr("staff.pins[0].pin_hash: must be an Argon2id hash"))
            << hash;
    EXPECT_THAT(refusal(pins(pin_entry("S0001", "duty", ""))).message, HasSubstr("staff.pins[0].pin_hash"));
}

TEST(StaffConfig, PinEntriesAreChecked) {
    auto pins = [](const std::string& entries) { return with_staff(R"("pins": [)" + entries + "]"); };
    EXPECT_THAT(refusal(pins(pin_entry("S0001", "admin"))).message,
                HasSubstr("staff.pins[0].role: 'admin' is not one of duty, hall-it, engineer"));
    EXPECT_THAT(refusal(pins(pin_entry("S 1"))).message, HasSubstr("staff.pins[0].id: a staff id"));
    EXPECT_THAT(refusal(pins(pin_entry(std::string(33, '1')))).message, HasSubstr("staff.pins[0].id"));
    EXPECT_THAT(refusal(pins(pin_entry() + "," + pin_entry())).message,
                HasSubstr("staff.pins[1].id: 'S0001' appears twice"));
    EXPECT_THAT(
        refusal(pins(R"({"id": "S1", "name": "王丽", "role": "duty", "pin_hash": ")" + kHash + R"("})"))
            .message,
        HasSubstr("staff.pins[0].name"));
    EXPECT_THAT(refusal(pins(R"({"id": "S1", "role": "duty", "pin_hash": ")" + kHash + R"("})")).message,
                HasSubstr("staff.pins[0].name: missing"));
    EXPECT_THAT(
        refusal(
            pins(
                R"({"id": "S1", "name": {"zh-CN": "x", "en": "x"}, "role": "duty", "pin": "246810", "pin_hash": ")" +
                kHash + R"("})"))
            .message,
        HasSubstr("staff.pins[0].pin"));
    EXPECT_THAT(refusal(with_staff(R"("revoked_staff": ["S 1"])")).message, HasSubstr("staff.revoked_staff"));
    EXPECT_THAT(refusal(with_staff(R"("revoked_staff": "S1")")).message, HasSubstr("staff.revoked_staff"));
}

TEST(StaffConfig, TheDefaultStaffTimeoutEndsBeforeACitizens) {
    // Unset, it is 45 s, or a second less than a citizen's warning + countdown when that is shorter:
    // with or without a "staff" section, in either order (found by fuzz_config).
    const std::string short_citizen = R"({"inactivity_warning_s": 20, "inactivity_countdown_s": 20})";
    for (const std::string& json : {R"({"session": )" + short_citizen + "}", with_staff("", short_citizen),
                                    R"({"staff": {}, "session": )" + short_citizen + "}"}) {
        auto parsed = parse_config(json, "kiosk.json");
        ASSERT_TRUE(parsed.ok()) << json;
        EXPECT_EQ(parsed->staff.session_timeout_s, 39) << json;
    }
    EXPECT_EQ(parse_config("{}", "kiosk.json")->staff.session_timeout_s, 45);
}

TEST(StaffConfig, TheStaffTimeoutIsShorterThanACitizens) {
    // Default citizen: 60 s warning + 20 s countdown.
    EXPECT_TRUE(parse_config(with_staff(R"("session_timeout_s": 79)"), "kiosk.json").ok());
    EXPECT_THAT(refusal(with_staff(R"("session_timeout_s": 80)")).message,
                HasSubstr("staff.session_timeout_s: must be shorter than session.inactivity_warning_s"));
    // A set 45 s against a citizen's 30 + 10, whatever the order of the sections in the file.
    const std::string short_citizen = R"({"inactivity_warning_s": 30, "inactivity_countdown_s": 10})";
    EXPECT_THAT(refusal(with_staff(R"("session_timeout_s": 45)", short_citizen)).message,
                HasSubstr("staff.session_timeout_s"));
    EXPECT_THAT(refusal(R"({"staff": {"session_timeout_s": 45}, "session": )" + short_citizen + "}").message,
                HasSubstr("staff.session_timeout_s"));
    EXPECT_THAT(refusal(with_staff(R"("session_timeout_s": "45")")).message,
                HasSubstr("staff.session_timeout_s: expected an integer"));
    EXPECT_THAT(refusal(with_staff(R"("lockout_tries": 0)")).message, HasSubstr("staff.lockout_tries"));
    EXPECT_THAT(refusal(with_staff(R"("lockout_s": 0)")).message, HasSubstr("staff.lockout_s"));
    EXPECT_THAT(refusal(with_staff(R"("lockout": 300)")).message, HasSubstr("staff.lockout"));
    EXPECT_THAT(refusal(R"({"staff": []})").message, HasSubstr("staff: expected an object"));
}

} // namespace
} // namespace kiosk
