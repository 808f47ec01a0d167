// The "hub" and "outbox" sections of kiosk.json: optional (no hub: applications wait in the outbox),
// strict when present (a typo or an http:// hub is an error, not a silent default).

#include "OutboxTestSupport.h"
#include "core/base/Config.h"

#include <fstream>
#include <gtest/gtest.h>

namespace kiosk {
namespace {

TEST(OutboxConfig, WithoutHubOrOutboxSectionsTheDefaultsHold) {
    auto options = parse_config("{}", "kiosk.json").value();
    EXPECT_EQ(options.hub.url, "");
    EXPECT_EQ(options.hub.connect_timeout_ms, 5000);
    EXPECT_EQ(options.outbox.dir, "/var/lib/onewindow/outbox");
    EXPECT_EQ(options.outbox.key_file, "/etc/onewindow/outbox.key");
}

TEST(OutboxConfig, ReadsTheHubAndOutboxAndResolvesPathsBesideTheFile) {
    outbox::test::TempFolder folder;
    auto path = folder.path() / "kiosk.json";
    std::ofstream(path) << R"({"hub": {"url": "https://hub.hall.example:8443", "ca_file": "pki/hall-ca.pem",
        "cert_file": "pki/kiosk.pem", "key_file": "/etc/onewindow/kiosk.key", "connect_timeout_ms": 2000,
        "read_timeout_ms": 15000}, "outbox": {"dir": "../var/outbox", "key_file": "outbox.key"}})";
    auto options = load_config(path.string());
    ASSERT_TRUE(options.ok()) << options.error().describe();
    EXPECT_EQ(options->hub.url, "https://hub.hall.example:8443");
    EXPECT_EQ(options->hub.ca_file, (folder.path() / "pki/hall-ca.pem").string());
    EXPECT_EQ(options->hub.key_file, "/etc/onewindow/kiosk.key");
    EXPECT_EQ(options->hub.connect_timeout_ms, 2000);
    EXPECT_EQ(options->hub.read_timeout_ms, 15000);
    EXPECT_EQ(options->outbox.dir, (folder.path().parent_path() / "var/outbox").string());
    EXPECT_EQ(options->outbox.key_file, (folder.path() / "outbox.key").string());
}

TEST(OutboxConfig, MistakesAreErrorsNamingTheKey) {
    auto error = [](const char* json) {
        auto parsed = parse_config(json, "kiosk.json");
        return parsed.ok() ? std::string("accepted") : parsed.error().message;
    };
    EXPECT_NE(error(R"({"hub": {"urll": "https://x"}})").find("hub.urll"), std::string::npos);
    EXPECT_NE(error(R"({"hub": {"url": "http://hub:80", "ca_file": "a", "cert_file": "b", "key_file": "c"}})")
                  .find("https://"),
              std::string::npos);
    EXPECT_NE(error(R"({"hub": {"url": "https://hub:8443"}})").find("ca_file"), std::string::npos);
    EXPECT_NE(error(R"({"hub": {"read_timeout_ms": 5}})").find("hub.read_timeout_ms"), std::string::npos);
    EXPECT_NE(error(R"({"outbox": {"key": "x"}})").find("outbox.key"), std::string::npos);
}

} // namespace
} // namespace kiosk
