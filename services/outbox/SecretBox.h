#pragma once
// Encryption of personal data at rest (docs/Architecture.md "Data and its safety"): libsodium
// crypto_secretbox (XSalsa20-Poly1305) under the kiosk's provisioning key. A sealed box is nonce
// (24 bytes) followed by the ciphertext with its 16-byte tag, so a box carries everything needed to
// open it but the key.
//
// Key file format (config outbox.key_file): the 32 key bytes, either raw (exactly 32 bytes) or as 64
// hex characters optionally followed by one newline. Provisioning writes it with mode 0400/0600;
// it never leaves the kiosk. Make one with: head -c 32 /dev/urandom | xxd -p -c 64 > outbox.key

#include "core/base/Digest.h"
#include "core/base/Result.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk::outbox {

// sodium_init() once per process (thread-safe, cheap after the first call).
void ensure_sodium();

class SecretKey {
public:
    static constexpr size_t kBytes = 32;

    // Errors: NotFound (no file), Io, InvalidData (not 32 raw bytes nor 64 hex characters).
    static Result<SecretKey> load(const std::string& path);
    static SecretKey from_bytes(const std::array<std::uint8_t, kBytes>& bytes);
    ~SecretKey();
    SecretKey(const SecretKey& other) = default;
    SecretKey& operator=(const SecretKey& other) = default;

    // nonce || box; the nonce is random, so sealing the same text twice gives different bytes.
    std::string seal(std::string_view plaintext) const;
    // Corrupt when the box is too short or fails authentication (wrong key or damaged bytes).
    Result<std::string> open(std::string_view box) const;

private:
    SecretKey() = default;
    std::array<std::uint8_t, kBytes> m_key{};
};

// Hex and SHA-256: core/base/Digest.h.
std::string to_base64(std::string_view bytes);
Result<std::string> from_base64(std::string_view text);

} // namespace kiosk::outbox
