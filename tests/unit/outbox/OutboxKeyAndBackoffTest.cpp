// The small pieces under the outbox: the provisioning key file, the secret box that keeps personal
// data unreadable at rest, receipt tokens, and how long the kiosk waits before trying the hub again.

#include "OutboxTestSupport.h"
#include "core/domain/QrPayload.h"
#include "services/outbox/Backoff.h"
#include "services/outbox/SecretBox.h"

#include <fstream>
#include <gtest/gtest.h>
#include <set>

namespace kiosk::outbox {
namespace {

using namespace std::chrono_literals;
using namespace test;

std::filesystem::path write(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

TEST(OutboxKey, LoadsRawBytesOrHexWithOrWithoutNewline) {
    TempFolder folder;
    std::string raw(32, '\x07');
    std::string hex;
    for (int i = 0; i < 32; ++i)
        hex += "07";
    auto a = SecretKey::load(write(folder.path() / "raw.key", raw));
    auto b = SecretKey::load(write(folder.path() / "hex.key", hex));
    auto c = SecretKey::load(write(folder.path() / "hexnl.key", hex + "\n"));
    ASSERT_TRUE(a.ok() && b.ok() && c.ok());
    // The same key three ways: each opens what another sealed.
    EXPECT_EQ(b.value().open(a.value().seal("x")).value(), "x");
    EXPECT_EQ(c.value().open(b.value().seal("y")).value(), "y");
}

TEST(OutboxKey, RefusesAnythingElseNamingTheFile) {
    TempFolder folder;
    for (std::string bad :
         {std::string(31, 'k'), std::string(63, 'a'), std::string(64, 'g'), std::string()}) {
        auto key = SecretKey::load(write(folder.path() / "bad.key", bad));
        ASSERT_FALSE(key.ok()) << bad.size();
        EXPECT_EQ(key.error().code, ErrorCode::InvalidData);
        EXPECT_TRUE(contains(key.error().message, "bad.key"));
    }
    EXPECT_EQ(SecretKey::load((folder.path() / "none.key").string()).error().code, ErrorCode::NotFound);
}

TEST(OutboxSecretBox, SealsWithAFreshNonceAndOpensOnlyWithTheSameKey) {
    auto key = SecretKey::from_bytes(std::array<std::uint8_t, 32>{1, 2, 3});
    auto other = SecretKey::from_bytes(std::array<std::uint8_t, 32>{1, 2, 4});
    auto box = key.seal(kApplicantName);
    EXPECT_NE(box, key.seal(kApplicantName)) << "a random nonce each time";
    EXPECT_FALSE(contains(box, kApplicantName));
    EXPECT_EQ(key.open(box).value(), kApplicantName);
    auto wrong = other.open(box);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, ErrorCode::Corrupt);
    box.back() ^= 1;
    EXPECT_FALSE(key.open(box).ok()) << "a flipped bit is caught";
    EXPECT_FALSE(key.open("short").ok());
}

TEST(OutboxSecretBox, HashAndBase64) {
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(to_base64("hello"), "aGVsbG8=");
    EXPECT_EQ(from_base64("aGVsbG8=").value(), "hello");
    EXPECT_FALSE(from_base64("not base64!").ok());
}

TEST(OutboxReceiptToken, IsMadeFromRandomBytesWithItsCheckCharacter) {
    std::array<std::uint8_t, 15> zeros{};
    EXPECT_EQ(domain::make_receipt_token(zeros), "OW1-0000-0000-0000-0000");
    std::array<std::uint8_t, 15> bytes{};
    for (size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<std::uint8_t>(i * 37 + 200);
    auto token = domain::make_receipt_token(bytes);
    EXPECT_TRUE(domain::is_receipt_token(token)) << token;
    std::set<std::string> tokens;
    for (int i = 0; i < 200; ++i) {
        auto fresh = make_query_token();
        EXPECT_TRUE(domain::is_receipt_token(fresh)) << fresh;
        tokens.insert(fresh);
    }
    EXPECT_EQ(tokens.size(), 200u);
}

TEST(OutboxBackoff, DoublesFromOneSecondUpToFiveMinutes) {
    Backoff backoff({}, [] { return 0.5; }); // the middle of the jitter range: no jitter
    std::vector<long> delays;
    for (int i = 0; i < 12; ++i)
        delays.push_back(static_cast<long>(backoff.next().count()));
    EXPECT_EQ(delays, (std::vector<long>{1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000,
                                         300000, 300000}));
    EXPECT_EQ(backoff.failures(), 12);
    backoff.reset();
    EXPECT_EQ(backoff.next(), 1000ms);
}

TEST(OutboxBackoff, JitterStaysWithinTwentyPercent) {
    Backoff low({}, [] { return 0.0; });
    Backoff high({}, [] { return 0.999999; });
    EXPECT_EQ(low.next(), 800ms);
    EXPECT_EQ(high.next(), 1200ms);
    for (int i = 0; i < 20; ++i) {
        low.next();
        high.next();
    }
    EXPECT_EQ(low.next(), 240000ms);
    EXPECT_EQ(high.next(), 360000ms);

    Backoff real; // libsodium's randomness: every delay within bounds, and not all equal
    std::set<long> seen;
    for (int failures = 1; failures <= 15; ++failures) {
        auto delay = real.next();
        auto base = real.base_delay(failures);
        EXPECT_GE(delay.count(), base.count() * 8 / 10);
        EXPECT_LE(delay.count(), base.count() * 12 / 10);
        seen.insert(static_cast<long>(delay.count()));
    }
    EXPECT_GT(seen.size(), 5u);
}

TEST(OutboxBackoff, DoesNotOverflowAfterDaysOfFailures) {
    Backoff backoff({}, [] { return 0.5; });
    for (int i = 0; i < 10000; ++i)
        backoff.next();
    EXPECT_EQ(backoff.next(), 300000ms);
}

} // namespace
} // namespace kiosk::outbox
