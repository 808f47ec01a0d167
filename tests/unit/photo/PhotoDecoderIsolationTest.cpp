// The vendor decoder runs in kiosk-photo-decoder, not in the kiosk: a plugin that crashes or hangs
// costs one photo and the next decode works; a plugin cannot open a file outside its allow-list (a
// "keys" folder in /tmp stands in for /etc/onewindow); and no descriptor of the kiosk reaches it.
// Without Landlock in the kernel the file test is skipped, saying so.

#include "drivers/idcard/WltDecoder.h"

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <linux/landlock.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace kiosk::drivers {
namespace {

std::vector<uint8_t> request(char command, std::string_view argument = {}) {
    std::vector<uint8_t> wlt(kWltSize);
    wlt[0] = static_cast<uint8_t>(command);
    std::memcpy(wlt.data() + 1, argument.data(), std::min(argument.size(), wlt.size() - 2));
    return wlt;
}

std::unique_ptr<WltDecoder> load_probe() {
    auto decoder = WltDecoder::load(PROBE_WLT_PLUGIN, KIOSK_PHOTO_DECODER);
    EXPECT_TRUE(decoder.ok()) << decoder.error().describe();
    return decoder.ok() ? decoder.release_value() : nullptr;
}

void expect_decodes(const WltDecoder& decoder, uint8_t value) {
    auto rgb = decoder.decode(request(static_cast<char>(value)));
    ASSERT_TRUE(rgb.ok()) << rgb.error().describe();
    ASSERT_EQ(rgb->size(), kPhotoRgbSize);
    EXPECT_EQ(rgb.value()[0], value);
    EXPECT_EQ(rgb.value()[kPhotoRgbSize - 1], value);
}

TEST(PhotoDecoderIsolation, ADecoderThatAbortsCostsOnePhotoAndTheNextDecodes) {
    auto decoder = load_probe();
    ASSERT_TRUE(decoder);
    expect_decodes(*decoder, 0x21);
    auto crashed = decoder->decode(request('A'));
    ASSERT_FALSE(crashed.ok());
    EXPECT_EQ(crashed.error().code, ErrorCode::Device) << crashed.error().describe();
    expect_decodes(*decoder, 0x22); // a new helper
}

TEST(PhotoDecoderIsolation, ADecoderThatSegfaultsCostsOnePhotoAndTheNextDecodes) {
    auto decoder = load_probe();
    ASSERT_TRUE(decoder);
    auto crashed = decoder->decode(request('S'));
    ASSERT_FALSE(crashed.ok());
    EXPECT_EQ(crashed.error().code, ErrorCode::Device) << crashed.error().describe();
    expect_decodes(*decoder, 0x23);
    expect_decodes(*decoder, 0x24);
}

TEST(PhotoDecoderIsolation, ADecoderThatHangsIsKilledAtTheDeadline) {
    auto decoder = load_probe();
    ASSERT_TRUE(decoder);
    auto started = std::chrono::steady_clock::now();
    auto hung = decoder->decode(request('H'));
    auto took = std::chrono::steady_clock::now() - started;
    ASSERT_FALSE(hung.ok());
    EXPECT_EQ(hung.error().code, ErrorCode::Device) << hung.error().describe();
    EXPECT_GE(took, kDecodeTimeout);
    EXPECT_LT(took, kDecodeTimeout + std::chrono::seconds(2));
    expect_decodes(*decoder, 0x25);
}

TEST(PhotoDecoderIsolation, TheDecoderCannotReadAKeyOutsideItsAllowList) {
    long abi = syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
    if (abi < 0)
        GTEST_SKIP() << "the kernel has no Landlock (landlock_create_ruleset: " << std::strerror(errno)
                     << "): the helper decodes unrestricted here, so the file test cannot run";
    char folder[] = "/tmp/onewindow-keys-XXXXXX";
    ASSERT_NE(mkdtemp(folder), nullptr);
    std::string key = std::string(folder) + "/outbox.key";
    std::ofstream(key) << "secret";
    // The test itself can read it: only the sandbox stands between the plugin and the key.
    ASSERT_TRUE(std::ifstream(key).good());

    auto decoder = load_probe();
    ASSERT_TRUE(decoder);
    auto probed = decoder->decode(request('O', key));
    std::filesystem::remove_all(folder);
    ASSERT_TRUE(probed.ok()) << probed.error().describe();
    EXPECT_EQ(probed.value()[0], 0) << "the plugin opened " << key << " (Landlock ABI " << abi << ")";

    // Its own folder (vendors keep data files beside the .so) stays readable.
    auto own = decoder->decode(request('O', PROBE_WLT_PLUGIN));
    ASSERT_TRUE(own.ok()) << own.error().describe();
    EXPECT_EQ(own.value()[0], 1);
}

TEST(PhotoDecoderIsolation, NoDescriptorOfTheKioskReachesTheDecoder) {
    // As a library might: opened without O_CLOEXEC.
    int leaked = ::open(KIOSK_SOURCE_DIR "/README.md", O_RDONLY); // NOLINT(android-cloexec-open)
    ASSERT_GE(leaked, 3);
    auto decoder = load_probe();
    ASSERT_TRUE(decoder);
    std::string number(4, '\0');
    for (int i = 0; i < 4; ++i)
        number[static_cast<size_t>(i)] = static_cast<char>((leaked >> (8 * i)) & 0xFF);
    auto probed = decoder->decode(request('F', number));
    ::close(leaked);
    ASSERT_TRUE(probed.ok()) << probed.error().describe();
    EXPECT_EQ(probed.value()[0], 0) << "descriptor " << leaked << " of the kiosk is open in the decoder";
}

TEST(PhotoDecoderIsolation, TheHelperEndsAtAPartialRequestAndDecodesWholeOnes) {
    std::string helper = std::string(KIOSK_PHOTO_DECODER) + " --plugin " + FAKE_WLT_PLUGIN + " > /dev/null";
    int partial = std::system(("head -c 1000 /dev/zero | " + helper).c_str());
    ASSERT_TRUE(WIFEXITED(partial));
    EXPECT_EQ(WEXITSTATUS(partial), 1);
    int whole = std::system(("head -c 2048 /dev/zero | " + helper).c_str());
    ASSERT_TRUE(WIFEXITED(whole));
    EXPECT_EQ(WEXITSTATUS(whole), 0);
}

TEST(PhotoDecoderIsolation, AMissingHelperIsNotFound) {
    auto decoder = WltDecoder::load(FAKE_WLT_PLUGIN, "/nonexistent/kiosk-photo-decoder");
    ASSERT_FALSE(decoder.ok());
    EXPECT_EQ(decoder.error().code, ErrorCode::NotFound);
}

} // namespace
} // namespace kiosk::drivers
