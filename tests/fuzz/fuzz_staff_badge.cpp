// libFuzzer target for staff badges (services/staff/StaffBadge.h), which come from anyone's QR code.
// The first byte picks the input: the bytes as a token, or a valid badge with bytes overwritten at
// positions the rest of the input names (so the fuzzer reaches the signature and field checks).
// Beyond "no crash, no sanitizer report": a refusal is an Error that starts "staff badge: ", is one
// short line and never echoes the name; an accepted badge is exactly what the hall's key signs for
// the member, key and times it names (nothing unsigned gets through).

#include "services/staff/StaffBadge.h"

#include <cstdint>
#include <cstdlib>
#include <sodium.h>
#include <string>

namespace {

using namespace kiosk;

void require(bool condition) {
    if (!condition)
        std::abort();
}

struct Fixture {
    services::BadgePublicKey public_key{};
    services::BadgeSecretKey secret_key{};
    services::BadgePolicy policy;
    std::string valid;
    Fixture() {
        require(sodium_init() >= 0);
        unsigned char seed[crypto_sign_SEEDBYTES];
        for (unsigned i = 0; i < sizeof seed; ++i)
            seed[i] = static_cast<unsigned char>(i * 7 + 1);
        crypto_sign_seed_keypair(public_key.data(), secret_key.data(), seed);
        policy.keys = {{"fuzz-2026", public_key}};
        policy.revoked_staff = {"S0999"};
        WallTime now{std::chrono::seconds(1796551200)};
        valid = services::make_badge(secret_key, "fuzz-2026", {"S1024", "王丽", domain::StaffRole::HallIt},
                                     now - std::chrono::hours(24), now + std::chrono::hours(24 * 30))
                    .value();
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const Fixture fixture;
    static const FakeClock clock{WallTime{std::chrono::seconds(1796551200)}};
    if (size == 0)
        return 0;
    std::string text;
    if (data[0] % 2 == 0) {
        text.assign(reinterpret_cast<const char*>(data + 1), size - 1);
    } else {
        text = fixture.valid;
        for (size_t i = 1; i + 1 < size; i += 2)
            text[data[i] % text.size()] = static_cast<char>(data[i + 1]);
    }
    auto check = services::check_badge(text, fixture.policy, clock);
    if (!check.ok()) {
        const auto& message = check.error.message;
        require(message.rfind("staff badge: ", 0) == 0 && message.size() < 300);
        require(message.find('\n') == std::string::npos && message.find("王丽") == std::string::npos);
        return 0;
    }
    const auto& badge = check.badge.value();
    auto again =
        services::make_badge(fixture.secret_key, badge.key_id, badge.member, badge.issued, badge.expires);
    require(again.ok() && again.value() == text);
    return 0;
}
