#pragma once
// SHA-256 and HMAC-SHA-256 as lowercase hex (OpenSSL, which the TLS server links anyway).

#include <string>
#include <string_view>

namespace kiosk::hub {

std::string sha256_hex(std::string_view bytes);
std::string hmac_sha256_hex(std::string_view key, std::string_view message);
// `count` random bytes from the OS, as hex.
std::string random_hex(size_t count);

} // namespace kiosk::hub
