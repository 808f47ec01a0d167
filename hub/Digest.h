#pragma once
// HMAC-SHA-256 and random ids as lowercase hex (OpenSSL, which the TLS server links anyway); plain
// SHA-256 is core/base/Digest.h's, as everywhere.

#include "core/base/Digest.h"

#include <string>
#include <string_view>

namespace kiosk::hub {

std::string hmac_sha256_hex(std::string_view key, std::string_view message);
// `count` random bytes from the OS, as hex.
std::string random_hex(size_t count);

} // namespace kiosk::hub
