// Minisign's formats (core/bundle/Minisign.h), checked against Debian's own minisign binary both ways:
// it verifies what we sign, we verify what it signs, with keys made by either.

#include "core/bundle/Minisign.h"
#include "tests/unit/bundle/CraftedBundle.h"

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>

namespace kiosk::bundle {
namespace {
namespace fs = std::filesystem;
using testing::ScratchDir;

void write(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

int run(const std::string& command) {
    return std::system((command + " </dev/null >/dev/null 2>&1").c_str());
}

TEST(MinisignTest, SignsAndVerifiesWithTheTrustedCommentCovered) {
    auto key = make_secret_key();
    auto text = sign("hello", key, "onewindow-bundle id:x version:3");
    ASSERT_TRUE(text.ok());
    auto signature = parse_signature(text.value());
    ASSERT_TRUE(signature.ok()) << signature.error().message;
    EXPECT_EQ(signature->trusted_comment, "onewindow-bundle id:x version:3");
    EXPECT_TRUE(verify(signature.value(), "hello", public_key_of(key)));
    EXPECT_FALSE(verify(signature.value(), "hellO", public_key_of(key)));
    auto moved = signature.value();
    moved.trusted_comment = "onewindow-bundle id:x version:4";
    EXPECT_FALSE(verify(moved, "hello", public_key_of(key)));
    EXPECT_FALSE(verify(signature.value(), "hello", public_key_of(make_secret_key())));
}

TEST(MinisignTest, KeysRoundTripInMinisignsTextForms) {
    auto key = make_secret_key();
    auto public_key = public_key_of(key);
    auto text = format_public_key(public_key);
    EXPECT_EQ(text.size(), 56u);
    EXPECT_EQ(text.substr(0, 2), "RW");
    auto parsed = parse_public_key(text);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->key, public_key.key);
    EXPECT_EQ(parsed->key_id, public_key.key_id);
    auto secret = parse_secret_key(format_secret_key(key));
    ASSERT_TRUE(secret.ok()) << secret.error().message;
    EXPECT_EQ(secret->key, key.key);
    auto id = parse_key_id_hex(key_id_hex(key.key_id));
    ASSERT_TRUE(id.ok());
    EXPECT_EQ(id.value(), key.key_id);
}

TEST(MinisignTest, RefusesWhatIsNotAKeyOrASignature) {
    EXPECT_FALSE(parse_public_key("RWQ").ok());
    EXPECT_FALSE(parse_public_key(std::string(56, 'A')).ok()); // not "Ed"
    EXPECT_FALSE(parse_key_id_hex("").ok());
    EXPECT_FALSE(parse_key_id_hex("43CCDECEDA11CF5C0").ok());
    EXPECT_EQ(parse_key_id_hex("E86FECED695E8E0").value(), parse_key_id_hex("0e86feced695e8e0").value());
    EXPECT_FALSE(parse_key_id_hex("43CCDECEDA11CF5G").ok());
    EXPECT_FALSE(parse_signature("").ok());
    EXPECT_FALSE(parse_secret_key("untrusted comment: x\nAAAA\n").ok());
    auto key = make_secret_key();
    auto damaged = format_secret_key(key);
    damaged[damaged.size() - 60] = damaged[damaged.size() - 60] == 'A' ? 'B' : 'A'; // in the public half
    EXPECT_FALSE(parse_secret_key(damaged).ok());
}

TEST(MinisignTest, DebiansMinisignVerifiesOurSignature) {
    ScratchDir dir;
    auto key = make_secret_key();
    write(dir.path() / "manifest.json", "{\"format\": 1}\n");
    write(dir.path() / "manifest.json.minisig",
          sign("{\"format\": 1}\n", key, "onewindow-bundle id:t version:1").value());
    std::string verify_command = "minisign -V -q -m " + (dir.path() / "manifest.json").string() + " -P " +
                                 format_public_key(public_key_of(key));
    EXPECT_EQ(run(verify_command), 0);
    write(dir.path() / "manifest.json", "{\"format\": 2}\n"); // and refuses it for other bytes
    EXPECT_NE(run(verify_command), 0);
}

TEST(MinisignTest, DebiansMinisignSignsWithOurKeyAndWeVerifyItsSignature) {
    ScratchDir dir;
    auto key = make_secret_key();
    write(dir.path() / "our.key", format_secret_key(key));
    write(dir.path() / "m", "manifest bytes");
    ASSERT_EQ(run("minisign -S -s " + (dir.path() / "our.key").string() + " -m " +
                  (dir.path() / "m").string() + " -t 'made by minisign'"),
              0);
    auto signature = parse_signature(slurp(dir.path() / "m.minisig"));
    ASSERT_TRUE(signature.ok()) << signature.error().message;
    EXPECT_EQ(signature->trusted_comment, "made by minisign");
    EXPECT_TRUE(verify(signature.value(), "manifest bytes", public_key_of(key)));
}

TEST(MinisignTest, WeVerifyASignatureByAKeyMinisignMade) {
    ScratchDir dir;
    auto pub = dir.path() / "k.pub", sec = dir.path() / "k.key", file = dir.path() / "m";
    ASSERT_EQ(run("minisign -G -W -p " + pub.string() + " -s " + sec.string()), 0);
    write(file, "manifest bytes");
    ASSERT_EQ(run("minisign -S -s " + sec.string() + " -m " + file.string() + " -t 'comment'"), 0);
    std::string pub_text = slurp(pub);
    auto line = pub_text.substr(pub_text.find('\n') + 1, 56);
    auto public_key = parse_public_key(line);
    ASSERT_TRUE(public_key.ok()) << public_key.error().message;
    auto signature = parse_signature(slurp(dir.path() / "m.minisig"));
    ASSERT_TRUE(signature.ok()) << signature.error().message;
    EXPECT_EQ(signature->key_id, public_key->key_id);
    // The key id as minisign prints it in the public key's comment (without leading zeros).
    auto printed = pub_text.substr(0, pub_text.find('\n'));
    auto id = parse_key_id_hex(printed.substr(printed.rfind(' ') + 1));
    ASSERT_TRUE(id.ok()) << printed;
    EXPECT_EQ(id.value(), public_key->key_id);
    EXPECT_TRUE(verify(signature.value(), "manifest bytes", public_key.value()));
    EXPECT_FALSE(verify(signature.value(), "manifest bytez", public_key.value()));
    auto secret = parse_secret_key(slurp(sec)); // and our tool can sign with the key minisign made
    ASSERT_TRUE(secret.ok()) << secret.error().message;
    EXPECT_EQ(public_key_of(secret.value()).key, public_key->key);
}

} // namespace
} // namespace kiosk::bundle
