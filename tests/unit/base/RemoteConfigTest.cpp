// The part of the config a signed bundle sets from afar (apply_remote_config): the sections it may
// name replace the kiosk's own whole, the kiosk's identity, devices, paths, hub, outbox and keys are
// refused, and a refused text leaves the options as they were.

#include "core/base/Config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <string>

namespace kiosk {
namespace {

using ::testing::HasSubstr;

const std::string kLocal = R"({
  "kiosk_id": "hall-a-07",
  "session": {"inactivity_warning_s": 60, "inactivity_countdown_s": 20, "card_removed_grace_s": 45},
  "hall": {"phone": "12345", "announcements": [{"zh-CN": "旧公告", "en": "Old notice"}]},
  "hub": {"url": "https://hub.hall", "ca_file": "ca.pem", "cert_file": "c.pem", "key_file": "k.pem"},
  "staff": {"badge_keys": [{"id": "hall-1",
            "public_key": "35200877f5d49ef0113b1fd25053670dd9c36acbf4427227b257553b4b81c933"}],
            "lockout_tries": 3}
})";

KioskOptions local() {
    auto parsed = parse_config(kLocal, "kiosk.json");
    EXPECT_TRUE(parsed.ok()) << parsed.error().describe();
    return parsed.release_value();
}

TEST(RemoteConfig, NamedSectionsReplaceTheKiosksOwnWhole) {
    auto options = local();
    auto applied = apply_remote_config(R"({"default_language": "en",
        "hall": {"phone": "12345-8", "opening_hours": [{"days": "mon-fri", "open": "09:00", "close": "17:00"}]},
        "staff": {"revoked_staff": ["2001"]}})",
                                       "config.json", options);
    ASSERT_TRUE(applied.ok()) << applied.error().describe();
    EXPECT_EQ(options.default_language, Language::En);
    EXPECT_EQ(options.hall.phone, "12345-8");
    EXPECT_TRUE(options.hall.announcements.empty()); // the bundle's hall has none: not a merge
    ASSERT_EQ(options.hall.opening_hours.weekly.size(), 1U);
    // Unnamed sections and local-only fields stay as they were.
    EXPECT_EQ(options.session.card_removed_grace_s, 45);
    EXPECT_EQ(options.kiosk_id, "hall-a-07");
    EXPECT_EQ(options.hub.url, "https://hub.hall");
    // The staff section is the bundle's, but the badge keys stay the kiosk's own.
    EXPECT_EQ(options.staff.revoked_staff, std::vector<std::string>{"2001"});
    EXPECT_EQ(options.staff.lockout_tries, 5);
    ASSERT_EQ(options.staff.badge_keys.size(), 1U);
    EXPECT_EQ(options.staff.badge_keys[0].id, "hall-1");
}

TEST(RemoteConfig, LocalOnlyFieldsAreRefusedAndNothingChanges) {
    for (const char* field : {R"("kiosk_id": "other")", R"("demo_mode": true)", R"("display": {})",
                              R"("devices": {})", R"("paths": {"catalog": "/tmp/x.json"})",
                              R"("hub": {"url": "https://evil"})", R"("outbox": {})", R"("bundles": {})"}) {
        auto options = local();
        auto applied = apply_remote_config(std::string(R"({"hall": {"phone": "999"}, )") + field + "}",
                                           "config.json", options);
        ASSERT_FALSE(applied.ok()) << field;
        EXPECT_THAT(applied.error().message, HasSubstr("never by a bundle")) << field;
        EXPECT_EQ(options.hall.phone, "12345") << field;
    }
    auto options = local();
    auto keys = apply_remote_config(
        R"({"staff": {"badge_keys": [{"id": "evil", "public_key": "35200877f5d49ef0113b1fd25053670dd9c36acbf4427227b257553b4b81c933"}]}})",
        "config.json", options);
    ASSERT_FALSE(keys.ok());
    EXPECT_THAT(keys.error().message,
                HasSubstr("config.json: staff.badge_keys: is set only in the kiosk's own"));
    EXPECT_EQ(options.staff.badge_keys[0].id, "hall-1");
}

TEST(RemoteConfig, MistakesNameTheBundlesFileAndKeyPath) {
    auto options = local();
    EXPECT_THAT(apply_remote_config(R"({"hall": {"phon": "1"}})", "config.json", options).error().message,
                HasSubstr("config.json: hall.phon"));
    EXPECT_THAT(apply_remote_config("[1]", "config.json", options).error().message,
                HasSubstr("config.json: expected a JSON object"));
    EXPECT_THAT(apply_remote_config("{", "config.json", options).error().message, HasSubstr("config.json"));
    EXPECT_EQ(options.hall.phone, "12345");
}

TEST(RemoteConfig, TheStaffTimeoutStillEndsBeforeACitizens) {
    // A bundle shortening a citizen's session moves an unset staff timeout with it...
    auto options = local();
    ASSERT_TRUE(
        apply_remote_config(R"({"session": {"inactivity_warning_s": 20, "inactivity_countdown_s": 10}})",
                            "config.json", options)
            .ok());
    EXPECT_EQ(options.staff.session_timeout_s, 29);
    // ...and is refused when a set one would outlast it.
    auto set = parse_config(R"({"staff": {"session_timeout_s": 40}})", "kiosk.json");
    ASSERT_TRUE(set.ok());
    auto applied =
        apply_remote_config(R"({"session": {"inactivity_warning_s": 20, "inactivity_countdown_s": 10}})",
                            "config.json", set.value());
    ASSERT_FALSE(applied.ok());
    EXPECT_THAT(applied.error().message, HasSubstr("config.json: staff.session_timeout_s: must be shorter"));
    EXPECT_EQ(set.value().session.inactivity_warning_s, 60);
}

} // namespace
} // namespace kiosk
