#pragma once
// Minisign's key and signature formats (docs/specs/minisign.md), written and read with libsodium, so
// that a bundle's manifest signature can be checked from a shell with Debian's `minisign -V`.
//
// Only the prehashed algorithm ("ED": Ed25519 over the BLAKE2b-512 of the file) is made and accepted;
// the legacy "Ed" signature over the raw file is refused. Secret keys are minisign's unencrypted form
// (`minisign -G -W`); an encrypted one is refused with a word on how to decrypt it (`minisign -C`).
// Errors name the rule that failed, never key material.

#include "core/base/Result.h"

#include <array>
#include <string>
#include <string_view>

namespace kiosk::bundle {

using KeyId = std::array<unsigned char, 8>; // as stored: little-endian

struct PublicKey {
    KeyId key_id{};
    std::array<unsigned char, 32> key{}; // Ed25519
};

struct SecretKey {
    KeyId key_id{};
    std::array<unsigned char, 64> key{}; // libsodium's Ed25519 secret key (seed + public key)
    ~SecretKey();
};

struct Signature {
    KeyId key_id{};
    std::array<unsigned char, 64> signature{};        // over BLAKE2b-512(file)
    std::string trusted_comment;                      // the text after "trusted comment: "
    std::array<unsigned char, 64> global_signature{}; // over signature || trusted_comment
};

// "RWQf6LRC…": base64 of "Ed" + key id + key (56 characters). InvalidData when it is not one.
Result<PublicKey> parse_public_key(std::string_view text);
std::string format_public_key(const PublicKey& key);
// The key id as 16 upper-case hex digits of the little-endian number (minisign prints the same number
// without leading zeros).
std::string key_id_hex(const KeyId& id);
// "43CCDECEDA11CF5C" or minisign's "E86FECED695E8E0" (either case, 1 to 16 digits) → the id;
// InvalidData when it is not that.
Result<KeyId> parse_key_id_hex(std::string_view text);

// A new key pair with a random key id.
SecretKey make_secret_key();
PublicKey public_key_of(const SecretKey& secret);
// Minisign's secret key file: an untrusted comment line, then the base64 of the key structure.
std::string format_secret_key(const SecretKey& secret);
Result<SecretKey> parse_secret_key(std::string_view text);

// The .minisig text of `message`, as `minisign -S -t trusted_comment` writes it. The comment is one
// line: a newline in it is InvalidArgument.
Result<std::string> sign(std::string_view message, const SecretKey& secret, std::string_view trusted_comment);
// Parses the four lines of a .minisig; InvalidData when it is not one (or the legacy "Ed" form).
Result<Signature> parse_signature(std::string_view text);
// Both signatures of `signature` over `message` with `key` (whose id the caller has matched).
bool verify(const Signature& signature, std::string_view message, const PublicKey& key);

} // namespace kiosk::bundle
