#include "services/outbox/SecretBox.h"
#include "core/base/Config.h"
#include "core/base/Digest.h"

#include <cstdlib>
#include <sodium.h>

namespace kiosk::outbox {

void ensure_sodium() {
    // sodium_init() returns -1 only when the system has no usable randomness: nothing here could
    // be done safely without it.
    if (sodium_init() < 0)
        std::abort();
}

Result<SecretKey> SecretKey::load(const std::string& path) {
    ensure_sodium();
    auto text = TRY(read_file(path));
    std::array<std::uint8_t, kBytes> bytes{};
    if (text.size() == kBytes) {
        std::copy(text.begin(), text.end(), bytes.begin());
    } else {
        std::string_view hex = text;
        if (!hex.empty() && hex.back() == '\n')
            hex.remove_suffix(1);
        size_t decoded = 0;
        const char* end = nullptr;
        bool parsed = hex.size() == 2 * kBytes &&
                      sodium_hex2bin(bytes.data(), bytes.size(), hex.data(), hex.size(), nullptr, &decoded,
                                     &end) == 0 &&
                      decoded == kBytes && end == hex.data() + hex.size();
        sodium_memzero(text.data(), text.size());
        if (!parsed)
            return make_error(ErrorCode::InvalidData,
                              path + ": outbox key must be 32 raw bytes or 64 hex characters");
    }
    sodium_memzero(text.data(), text.size());
    return from_bytes(bytes);
}

SecretKey SecretKey::from_bytes(const std::array<std::uint8_t, kBytes>& bytes) {
    ensure_sodium();
    SecretKey key;
    key.m_key = bytes;
    return key;
}

SecretKey::~SecretKey() {
    sodium_memzero(m_key.data(), m_key.size());
}

std::string SecretKey::seal(std::string_view plaintext) const {
    std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(), '\0');
    auto* out = reinterpret_cast<unsigned char*>(box.data());
    randombytes_buf(out, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(out + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(), out,
                          m_key.data());
    return box;
}

Result<std::string> SecretKey::open(std::string_view box) const {
    if (box.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        return make_error(ErrorCode::Corrupt, "sealed box too short");
    const auto* in = reinterpret_cast<const unsigned char*>(box.data());
    std::string plaintext(box.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plaintext.data()),
                                   in + crypto_secretbox_NONCEBYTES, box.size() - crypto_secretbox_NONCEBYTES,
                                   in, m_key.data()) != 0)
        return make_error(ErrorCode::Corrupt, "sealed box does not open: wrong outbox key or damaged data");
    return plaintext;
}

std::string to_base64(std::string_view bytes) {
    constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
    std::string text(sodium_base64_encoded_len(bytes.size(), kVariant), '\0');
    sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), kVariant);
    text.pop_back(); // the terminating NUL
    return text;
}

Result<std::string> from_base64(std::string_view text) {
    std::string bytes(text.size() / 4 * 3 + 3, '\0');
    size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                          text.size(), nullptr, &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size())
        return make_error(ErrorCode::Corrupt, "stored payload is not valid base64");
    bytes.resize(length);
    return bytes;
}

} // namespace kiosk::outbox
