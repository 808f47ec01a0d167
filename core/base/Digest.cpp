#include "core/base/Digest.h"

#include <algorithm>
#include <sodium.h>

namespace kiosk {

std::string to_hex(const void* bytes, size_t size) {
    std::string hex(2 * size + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), static_cast<const unsigned char*>(bytes), size);
    hex.pop_back(); // the terminating NUL
    return hex;
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return to_hex(digest, sizeof digest);
}

bool is_sha256_hex(std::string_view text) {
    return text.size() == size_t{2} * crypto_hash_sha256_BYTES &&
           std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

} // namespace kiosk
