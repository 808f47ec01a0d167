// manifest.json (core/bundle/BundleManifest.h): strict, one parser; what is written reads back.

#include "core/bundle/BundleManifest.h"
#include "core/base/Config.h"
#include "core/bundle/BundleKeys.h"
#include "tests/unit/bundle/CraftedBundle.h"

#include <gtest/gtest.h>

namespace kiosk::bundle {
namespace {
using testing::manifest_for;
using testing::utc;

TEST(BundleManifestTest, WhatIsWrittenReadsBack) {
    auto manifest = manifest_for({{"catalog/a.json", "{}"}, {"i18n/strings.json", "[]"}});
    manifest.halls = {"hall-a"};
    manifest.groups = {"east", "west"};
    auto text = serialize_manifest(manifest);
    auto parsed = parse_manifest(text);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(serialize_manifest(parsed.value()), text);
    EXPECT_EQ(parsed->files[1].path, "i18n/strings.json");
    EXPECT_EQ(parsed->created, utc("2026-12-01T00:00:00Z"));
    EXPECT_EQ(parsed->app_max, (AppVersion{0, 9, 0}));
}

std::string with(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    if (at == std::string::npos)
        std::abort();
    return text.replace(at, from.size(), to);
}

TEST(BundleManifestTest, RefusesUnknownKeysWrongTypesAndBadValuesNamingTheKey) {
    auto text = serialize_manifest(manifest_for({{"a.json", "{}"}}));
    struct Case {
        std::string from, to, key;
    };
    for (const auto& c : std::vector<Case>{
             {"\"format\": 1", "\"format\": 2", "format"},
             {"\"format\": 1", "\"format\": 1, \"extra\": 1", "extra"},
             {"\"version\": 3", "\"version\": \"3\"", "version"},
             {"\"version\": 3", "\"version\": 0", "version"},
             {"2027-01-01T00:00:00Z", "2027-01-01 00:00:00", "expires"},
             {"2027-01-01T00:00:00Z", "2026-11-01T00:00:00Z", "expires"},
             {"\"0.9.0\"", "\"0.9\"", "compatible.app_max"},
             {"\"0.9.0\"", "\"0.0.1\"", "compatible.app_max"},
             {"\"a.json\"", "\"../a.json\"", "files[0].path"},
             {"\"a.json\"", "\"/a.json\"", "files[0].path"},
             {"\"size\": 2", "\"size\": -2", "files[0].size"},
             {"\"halls\": []", "\"halls\": [\"a b\"]", "scope.halls"},
         }) {
        auto parsed = parse_manifest(with(text, c.from, c.to));
        ASSERT_FALSE(parsed.ok()) << c.to;
        EXPECT_EQ(parsed.error().code, ErrorCode::InvalidData);
        EXPECT_NE(parsed.error().message.find(c.key), std::string::npos) << parsed.error().message;
    }
}

TEST(BundleManifestTest, RefusesAPathThatIsAlsoAFolder) {
    auto text = serialize_manifest(manifest_for({{"a", "{}"}, {"a/b.json", "{}"}}));
    EXPECT_FALSE(parse_manifest(text).ok());
    text = serialize_manifest(manifest_for({{"a/b.json", "{}"}, {"a", "{}"}}));
    EXPECT_FALSE(parse_manifest(text).ok());
    text = serialize_manifest(manifest_for({{"a.json", "{}"}, {"a.json", "{}"}}));
    EXPECT_FALSE(parse_manifest(text).ok());
}

TEST(BundleManifestTest, ComparesAppVersionsAsNumbers) {
    EXPECT_LT(parse_app_version("0.9.0").value(), parse_app_version("0.10.0").value());
    EXPECT_FALSE(parse_app_version("1.2").ok());
    EXPECT_FALSE(parse_app_version("1.2.3-rc1").ok());
    EXPECT_FALSE(parse_app_version("1.+2.3").ok());
}

TEST(BundleManifestTest, ReadsAndWritesUtcTimes) {
    EXPECT_EQ(format_utc_time(utc("2028-02-29T23:59:59Z")), "2028-02-29T23:59:59Z");
    EXPECT_FALSE(parse_utc_time("2027-02-29T00:00:00Z").ok());
    EXPECT_FALSE(parse_utc_time("2027-01-01T00:00:00+08:00").ok());
    EXPECT_FALSE(parse_utc_time("2027-01-01T+0:00:00Z").ok());
    EXPECT_FALSE(parse_utc_time("9999-12-31T23:59:59Z").ok()); // past the clock's 64-bit nanoseconds
}

// The kiosk's config names the keys (core/base/Config.h "bundles"): shapes checked by the one config
// parser, keys decoded by BundleKeys.
TEST(BundleManifestTest, TheConfigsBundlesSectionGivesTheKeys) {
    auto key = public_key_of(make_secret_key());
    std::string json = R"({"bundles": {"trusted_keys": [")" + format_public_key(key) +
                       R"("], "revoked_keys": ["43CCDECEDA11CF5C"]}})";
    auto options = parse_config(json, "kiosk.json");
    ASSERT_TRUE(options.ok()) << options.error().message;
    auto keys = BundleKeys::from_options(options->bundles);
    ASSERT_TRUE(keys.ok()) << keys.error().message;
    EXPECT_NE(keys->find(key.key_id), nullptr);
    EXPECT_TRUE(keys->is_revoked(parse_key_id_hex("43ccdeceda11cf5c").value()));
    for (const char* bad : {R"({"bundles": {"trusted_keys": ["RWQ"]}})",
                            R"({"bundles": {"revoked_keys": ["xyz"]}})", R"({"bundles": {"trusted": []}})"}) {
        auto refused = parse_config(bad, "kiosk.json");
        ASSERT_FALSE(refused.ok()) << bad;
        EXPECT_NE(refused.error().message.find("bundles."), std::string::npos) << refused.error().message;
    }
}

} // namespace
} // namespace kiosk::bundle
