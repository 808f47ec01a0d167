#include "hub/Digest.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdexcept>
#include <vector>

namespace kiosk::hub {

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
    return to_hex(digest, length);
}

std::string random_hex(size_t count) {
    std::vector<unsigned char> bytes(count);
    // RAND_bytes fails only when the OS has no entropy source at all; a hub cannot run without one.
    if (RAND_bytes(bytes.data(), static_cast<int>(count)) != 1)
        std::abort();
    return to_hex(bytes.data(), count);
}

} // namespace kiosk::hub
