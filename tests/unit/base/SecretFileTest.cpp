// Key files are checked before a key is used: a regular file, owned by the user the process runs as,
// open to nobody else. Real files in a scratch folder, their modes set with chmod, owners with chown.

#include "core/base/SecretFile.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk {
namespace {

using ::testing::HasSubstr;

class SecretFile : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (std::filesystem::temp_directory_path() / "secret-file-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        m_dir = pattern;
    }
    void TearDown() override {
        std::error_code ignored;
        std::filesystem::remove_all(m_dir, ignored);
    }
    std::string key(const std::string& name, mode_t mode) {
        std::string path = m_dir + "/" + name;
        std::ofstream(path) << "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n";
        EXPECT_EQ(::chmod(path.c_str(), mode), 0);
        return path;
    }
    std::string m_dir;
};

TEST_F(SecretFile, AKeyOnlyItsOwnerCanReadPasses) {
    EXPECT_TRUE(check_secret_file(key("outbox.key", 0600)).ok());
    EXPECT_TRUE(check_secret_file(key("read-only.key", 0400)).ok());
}

TEST_F(SecretFile, AKeyTheGroupOrOthersCanReadIsRefusedWithWhatToDo) {
    for (mode_t mode : {0640, 0644, 0604, 0660, 0601}) {
        auto checked = check_secret_file(key("outbox.key", mode));
        ASSERT_FALSE(checked.ok()) << std::oct << mode;
        EXPECT_EQ(checked.error().code, ErrorCode::Denied);
        EXPECT_THAT(checked.error().message, HasSubstr(m_dir + "/outbox.key"));
        EXPECT_THAT(checked.error().message, HasSubstr("chmod 600"));
        EXPECT_THAT(checked.error().message, ::testing::Not(HasSubstr("0011223344"))) << "never the key";
    }
}

TEST_F(SecretFile, ASymbolicLinkIsRefusedEvenToAGoodKey) {
    std::string target = key("real.key", 0600);
    std::string link = m_dir + "/outbox.key";
    ASSERT_EQ(::symlink(target.c_str(), link.c_str()), 0);
    auto checked = check_secret_file(link);
    ASSERT_FALSE(checked.ok());
    EXPECT_EQ(checked.error().code, ErrorCode::Denied);
    EXPECT_THAT(checked.error().message, HasSubstr("symbolic link"));
}

TEST_F(SecretFile, AFolderIsNoKeyFile) {
    std::filesystem::create_directory(m_dir + "/outbox.key");
    ::chmod((m_dir + "/outbox.key").c_str(), 0700);
    EXPECT_EQ(check_secret_file(m_dir + "/outbox.key").error().code, ErrorCode::Denied);
}

TEST_F(SecretFile, AKeyOwnedBySomeoneElseIsRefused) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "giving a file to another user needs root";
    std::string path = key("outbox.key", 0600);
    ASSERT_EQ(::chown(path.c_str(), 65534, 65534), 0); // nobody
    auto checked = check_secret_file(path);
    ASSERT_FALSE(checked.ok());
    EXPECT_EQ(checked.error().code, ErrorCode::Denied);
    EXPECT_THAT(checked.error().message, HasSubstr("owned by uid 65534"));
}

TEST_F(SecretFile, AMissingKeyIsNotFound) {
    EXPECT_EQ(check_secret_file(m_dir + "/none.key").error().code, ErrorCode::NotFound);
}

TEST_F(SecretFile, TheKioskChecksItsOutboxKeyAndItsHubKeyWhenAHubIsConfigured) {
    KioskOptions options;
    options.outbox.key_file = key("outbox.key", 0600);
    options.hub.key_file = key("kiosk.key", 0644);
    EXPECT_TRUE(check_kiosk_secret_files(options).ok()) << "no hub configured: its key is not used";
    options.hub.url = "https://hub.hall.example:8443";
    auto checked = check_kiosk_secret_files(options);
    ASSERT_FALSE(checked.ok());
    EXPECT_THAT(checked.error().message, HasSubstr("kiosk.key"));
    ::chmod(options.hub.key_file.c_str(), 0600);
    EXPECT_TRUE(check_kiosk_secret_files(options).ok());
    ::chmod(options.outbox.key_file.c_str(), 0640);
    EXPECT_THAT(check_kiosk_secret_files(options).error().message, HasSubstr("outbox.key"));
    options.outbox.key_file = m_dir + "/not-provisioned.key";
    EXPECT_TRUE(check_kiosk_secret_files(options).ok()) << "a missing key is reported where it is loaded";
}

} // namespace
} // namespace kiosk
