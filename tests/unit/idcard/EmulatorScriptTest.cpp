// The emulator's JSON scripts and its action language (drivers/idcard/emulator/README.md): every
// example script parses, and mistakes are reported with the key that holds them.

#include "drivers/idcard/emulator/EmulatorScript.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace kiosk::drivers::sam::emulator {
namespace {

TEST(EmulatorScript, EveryExampleScriptParses) {
    size_t scripts = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(KIOSK_FIXTURES_DIR) /
                                                                 "idcard" / "scripts")) {
        std::ifstream file(entry.path());
        std::stringstream text;
        text << file.rdbuf();
        auto script = parse_script(text.str(), entry.path().filename().string());
        EXPECT_TRUE(script.ok()) << script.error().message;
        ++scripts;
    }
    EXPECT_GE(scripts, 4u);
}

TEST(EmulatorScript, ActionsHaveOneSmallGrammar) {
    EXPECT_EQ(parse_action("place 3")->count, 3);
    EXPECT_EQ(parse_action("remove\r")->kind, Action::Kind::Remove);
    EXPECT_EQ(parse_action("fail-read 2")->kind, Action::Kind::FailRead);
    EXPECT_EQ(parse_action(" quit ")->kind, Action::Kind::Quit);
    for (const char* bad : {"place", "place x", "place -1", "remove 1", "eject", ""})
        EXPECT_FALSE(parse_action(bad).ok()) << bad;
}

TEST(EmulatorScript, MistakesNameTheirKey) {
    struct Case {
        const char* json;
        const char* says;
    };
    for (const Case& c : {
             Case{R"({"cardz": []})", "cardz: unknown key"},
             Case{R"({"cards": [{"name": "某", "sex": "X", "birth_date": "1990-01-01"}]})", "cards[0]: sex:"},
             Case{R"({"cards": [{"text_hex": "00 11"}]})", "cards[0].text_hex"},
             Case{R"({"timeline": [{"at_ms": 5, "do": "place 0"}]})", "no card 0"},
             Case{R"({"timeline": [{"at_ms": 5, "do": "dance"}]})", "timeline[0].do"},
             Case{R"({"faults": {"split": {"responses": 1, "command": "eject"}}})", "faults.split.command"},
             Case{R"({"timings": {"baud": 12}})", "timings.baud"},
         }) {
        auto script = parse_script(c.json, "test.json");
        ASSERT_FALSE(script.ok()) << c.json;
        EXPECT_NE(script.error().message.find(c.says), std::string::npos) << script.error().message;
    }
}

} // namespace
} // namespace kiosk::drivers::sam::emulator
