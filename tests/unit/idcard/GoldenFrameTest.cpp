// Golden read-base frames (tests/fixtures/idcard/frames/): each <name>.hex is a response frame as a
// SAM sends it; beside it <name>.json is the identity `kiosk-devctl idcard decode <name>.hex --json
// --unmasked` prints, or <name>.error a substring of the error it reports. make-frames.py there wrote them
// with an encoder independent of ours.

#include "drivers/idcard/CardText.h"
#include "drivers/idcard/HexText.h"
#include "drivers/idcard/IdentityJson.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace kiosk::drivers::sam {
namespace {

namespace fs = std::filesystem;
constexpr domain::CivilDate kToday{2026, 1, 15};

std::string slurp(const fs::path& path) {
    std::ifstream file(path);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

Result<domain::Identity> decode(const fs::path& hex_file) {
    auto bytes = TRY(parse_hex(slurp(hex_file)));
    auto response = TRY(parse_response_frame(bytes));
    return parse_read_base(response, kToday);
}

TEST(CardTextGoldenFrames, EveryFrameDecodesToItsExpectedIdentityOrError) {
    fs::path folder = fs::path(KIOSK_FIXTURES_DIR) / "idcard" / "frames";
    size_t identities = 0, errors = 0;
    for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.path().extension() != ".hex")
            continue;
        fs::path json_file = fs::path(entry.path()).replace_extension(".json");
        fs::path error_file = fs::path(entry.path()).replace_extension(".error");
        std::string name = entry.path().filename().string();
        ASSERT_NE(fs::exists(json_file), fs::exists(error_file))
            << name << ": needs exactly one of .json, .error";
        auto identity = decode(entry.path());
        if (fs::exists(json_file)) {
            ASSERT_TRUE(identity.ok()) << name << ": " << identity.error().message;
            EXPECT_EQ(identity_to_json(identity.value()), nlohmann::json::parse(slurp(json_file))) << name;
            EXPECT_EQ(identity->photo_wlt.size(), kPhotoSize) << name;
            ++identities;
        } else {
            std::string expected = slurp(error_file);
            while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r'))
                expected.pop_back();
            ASSERT_FALSE(identity.ok()) << name << ": decoded, but should fail with: " << expected;
            EXPECT_NE(identity.error().message.find(expected), std::string::npos)
                << name << ": " << identity.error().message;
            ++errors;
        }
    }
    // One identity per card type at least, and the fault frames.
    EXPECT_GE(identities, 4u);
    EXPECT_GE(errors, 10u);
}

TEST(CardTextGoldenFrames, JsonKeysFollowTheCardType) {
    domain::Identity identity;
    identity.name = "某";
    auto resident = identity_to_json(identity);
    EXPECT_TRUE(resident.contains("nation"));
    EXPECT_TRUE(resident.contains("address"));
    EXPECT_FALSE(resident.contains("name_en"));
    EXPECT_FALSE(resident.contains("permit_number"));
    EXPECT_FALSE(resident.contains("nationality"));
    EXPECT_FALSE(resident.contains("photo_wlt"));
    identity.document_type = domain::DocumentType::ForeignPermanentResidence2023;
    auto foreign = identity_to_json(identity);
    EXPECT_FALSE(foreign.contains("nation"));
    EXPECT_FALSE(foreign.contains("address"));
    EXPECT_FALSE(foreign.contains("issuer"));
    EXPECT_TRUE(foreign.contains("nationality"));
    EXPECT_EQ(foreign["sex"], "M");
}

} // namespace
} // namespace kiosk::drivers::sam
