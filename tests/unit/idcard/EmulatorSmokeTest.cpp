// idcard-emulator as a process on a real pty, spoken to with plain termios like the serial link:
// find-card answers, a full find/select/read gives the scripted identity, faults and an unplug look
// the way a driver will see them.

#include "EmulatorProcess.h"
#include "drivers/idcard/CardText.h"
#include "drivers/idcard/IdentityJson.h"

#include <fstream>
#include <gtest/gtest.h>
#include <thread>
#include <unistd.h>

namespace kiosk::drivers::sam::testing {
namespace {

constexpr domain::CivilDate kToday{2026, 1, 15};

std::string script(const char* name) {
    return std::string(KIOSK_FIXTURES_DIR) + "/idcard/scripts/" + name;
}

std::string device_path(EmulatorProcess& emulator) {
    auto first = emulator.line();
    EXPECT_TRUE(first && first->starts_with("device /dev/pts/")) << first.value_or("(nothing)");
    return first ? first->substr(7) : "";
}

uint8_t sw3_of(const std::optional<Result<Response>>& answer) {
    EXPECT_TRUE(answer.has_value()) << "no answer";
    if (!answer)
        return 0;
    EXPECT_TRUE(answer->ok()) << answer->error().message;
    return answer->ok() ? answer->value().sw3 : 0;
}

nlohmann::json scripted_card(const char* name, size_t index) {
    std::ifstream file(script(name));
    auto card = nlohmann::json::parse(file)["cards"][index];
    card.erase("fingerprint");
    card.erase("appended_address");
    return card;
}

TEST(EmulatorSmoke, FindCardIsAnsweredOverThePty) {
    EmulatorProcess emulator({"--script", script("one-resident.json")});
    HostPort port(device_path(emulator));
    ASSERT_TRUE(port.is_open());
    ASSERT_TRUE(emulator.wait_for("ok place 0"));
    auto answer = port.transact(Command::FindCard);
    ASSERT_EQ(sw3_of(answer), 0x9F);
    EXPECT_EQ(answer->value().data.size(), 4u);
}

TEST(EmulatorSmoke, FindSelectReadGivesTheScriptedIdentityOncePerPlacement) {
    EmulatorProcess emulator({"--script", script("one-resident.json"), "--wire-time"});
    HostPort port(device_path(emulator));
    ASSERT_TRUE(emulator.wait_for("ok place 0"));
    EXPECT_EQ(sw3_of(port.transact(Command::SamStatus)), 0x90);
    EXPECT_EQ(sw3_of(port.transact(Command::FindCard)), 0x9F);
    EXPECT_EQ(sw3_of(port.transact(Command::SelectCard)), 0x90);
    auto started = std::chrono::steady_clock::now();
    auto read = port.transact(Command::ReadBase);
    EXPECT_GE(std::chrono::steady_clock::now() - started,
              std::chrono::milliseconds(112)); // 1295 bytes on the wire
    ASSERT_EQ(sw3_of(read), 0x90);
    auto identity = parse_read_base(read->value(), kToday);
    ASSERT_TRUE(identity.ok()) << identity.error().message;
    EXPECT_EQ(identity_to_json(identity.value()), scripted_card("one-resident.json", 0));
    EXPECT_TRUE(emulator.wait_for("read 0"));
    EXPECT_EQ(sw3_of(port.transact(Command::FindCard)), 0x80);
    EXPECT_EQ(sw3_of(port.transact(Command::ReadAppendedAddress)), 0x91);
}

TEST(EmulatorSmoke, StdinPlacesAndRemovesCardsOfEveryType) {
    EmulatorProcess emulator({"--script", script("all-card-types.json"), "--link",
                              "/tmp/idcard-emulator-test-" + std::to_string(getpid())});
    HostPort port(device_path(emulator));
    for (int card = 0; card < 5; ++card) {
        emulator.send("place " + std::to_string(card));
        ASSERT_TRUE(emulator.wait_for("ok place"));
        EXPECT_EQ(sw3_of(port.transact(Command::FindCard)), 0x9F);
        EXPECT_EQ(sw3_of(port.transact(Command::SelectCard)), 0x90);
        auto read = port.transact(Command::ReadBase);
        ASSERT_EQ(sw3_of(read), 0x90);
        auto identity = parse_read_base(read->value(), kToday);
        ASSERT_TRUE(identity.ok()) << identity.error().message;
        auto expected = scripted_card("all-card-types.json", size_t(card));
        auto got = identity_to_json(identity.value());
        EXPECT_EQ(got["id_number"], expected["id_number"]);
        EXPECT_EQ(got["document_type"], expected["document_type"]);
        emulator.send("remove");
        ASSERT_TRUE(emulator.wait_for("ok remove"));
        EXPECT_EQ(sw3_of(port.transact(Command::ReadAppendedAddress)), 0x80);
    }
    emulator.send("quit");
    EXPECT_EQ(emulator.wait_exit(), 0);
    EXPECT_NE(access(("/tmp/idcard-emulator-test-" + std::to_string(getpid())).c_str(), F_OK), 0);
}

TEST(EmulatorSmoke, ScriptedFaultsReachTheHostAsTheDriverWillSeeThem) {
    EmulatorProcess emulator({"--script", script("faults.json")});
    HostPort port(device_path(emulator));
    ASSERT_TRUE(emulator.wait_for("ok place 0"));
    EXPECT_EQ(sw3_of(port.transact(Command::SamStatus)), 0x60);
    EXPECT_EQ(sw3_of(port.transact(Command::SamStatus)), 0x60);
    EXPECT_EQ(sw3_of(port.transact(Command::SamStatus)), 0x90);
    EXPECT_EQ(sw3_of(port.transact(Command::FindCard)), 0x9F); // garbage before it is skipped
    EXPECT_EQ(port.skipped_bytes(), 6u);
    EXPECT_EQ(sw3_of(port.transact(Command::SelectCard)), 0x90);
    auto corrupted = port.transact(Command::ReadBase); // 0x41, split in 4 and with a bad checksum
    ASSERT_TRUE(corrupted && !corrupted->ok());
    EXPECT_TRUE(corrupted->error().message.starts_with(kChecksumError));
    EXPECT_EQ(sw3_of(port.transact(Command::FindCard)), 0x9F);
    EXPECT_EQ(sw3_of(port.transact(Command::SelectCard)), 0x90);
    auto read = port.transact(Command::ReadBase); // split in 4, 30 ms apart
    ASSERT_EQ(sw3_of(read), 0x90);
    EXPECT_TRUE(parse_read_base(read->value(), kToday).ok());

    port.send({0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x21}); // CHK typo (§1.2)
    EXPECT_EQ(sw3_of(port.receive()), 0x10);
}

TEST(EmulatorSmoke, UnplugHangsUpThePortAndAReplugComesBackOnANewPty) {
    EmulatorProcess emulator({"--script", script("one-resident.json"), "--replug-after-ms", "100"});
    std::string first = device_path(emulator);
    HostPort port(first);
    ASSERT_TRUE(emulator.wait_for("ok place 0"));
    emulator.send("sam-not-ready 1");
    ASSERT_TRUE(emulator.wait_for("ok sam-not-ready"));
    EXPECT_EQ(sw3_of(port.transact(Command::SamStatus)), 0x60);
    emulator.send("unplug");
    ASSERT_TRUE(emulator.wait_for("unplugged"));
    EXPECT_TRUE(port.hung_up());
    auto again = emulator.wait_for("device ");
    ASSERT_TRUE(again);
    HostPort replugged(again->substr(7));
    ASSERT_TRUE(replugged.is_open());
    EXPECT_EQ(sw3_of(replugged.transact(Command::SamStatus)), 0x90);
    EXPECT_EQ(sw3_of(replugged.transact(Command::FindCard)), 0x9F); // the card is still on the reader
}

TEST(EmulatorSmoke, UnplugWithoutReplugEndsTheEmulator) {
    EmulatorProcess emulator({"--script", script("one-resident.json")});
    HostPort port(device_path(emulator));
    emulator.send("unplug");
    EXPECT_TRUE(emulator.wait_for("unplugged"));
    EXPECT_TRUE(port.hung_up());
    EXPECT_EQ(emulator.wait_exit(), 0);
}

} // namespace
} // namespace kiosk::drivers::sam::testing
