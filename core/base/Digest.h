#pragma once
// Lower-case hex and SHA-256, in one place for the whole tree (libsodium): bundle files and slot
// markers, materials and blobs, query tokens, request bodies are all hashed and spelled here.

#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk {

std::string to_hex(const void* bytes, size_t size);
// The SHA-256 of the bytes as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);
// Exactly what sha256_hex writes: 64 lower-case hex digits, no other spelling.
bool is_sha256_hex(std::string_view text);

} // namespace kiosk
