#include "core/bundle/Minisign.h"

#include <cstdint>
#include <cstring>
#include <sodium.h>
#include <vector>

namespace kiosk::bundle {
namespace {

// The byte layouts (docs/specs/minisign.md §2, §3, §4).
constexpr std::string_view kKeyAlgorithm = "Ed";       // public and secret keys
constexpr std::string_view kPrehashedAlgorithm = "ED"; // signatures over BLAKE2b-512 of the file
constexpr std::string_view kLegacyAlgorithm = "Ed";    // signatures over the raw file: refused
constexpr std::string_view kChecksumAlgorithm = "B2";
constexpr size_t kPublicKeyBytes = 2 + 8 + 32;
constexpr size_t kSignatureBytes = 2 + 8 + 64;
constexpr size_t kSecretKeyBytes = 2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32;
constexpr size_t kMaxLine = 1024; // longer than any line of a key or a signature

bool init_sodium() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

std::string to_base64(const unsigned char* data, size_t size) {
    std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

// Strict: the whole text must be base64 of exactly `size` bytes.
bool from_base64(std::string_view text, unsigned char* out, size_t size) {
    if (text.size() > kMaxLine)
        return false;
    size_t written = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out, size, text.data(), text.size(), nullptr, &written, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return false;
    return written == size && end == text.data() + text.size();
}

// The lines of a key or signature text: "\n" or "\r\n" endings, an optional final newline.
std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        lines.push_back(line);
        if (end == std::string_view::npos)
            break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

std::array<unsigned char, 64> prehash(std::string_view message) {
    std::array<unsigned char, 64> hash{};
    crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), nullptr, 0);
    return hash;
}

// The global signature's message: the file signature, then the trusted comment's bytes.
std::vector<unsigned char> global_message(const std::array<unsigned char, 64>& signature,
                                          std::string_view trusted_comment) {
    std::vector<unsigned char> message(signature.begin(), signature.end());
    message.insert(message.end(), trusted_comment.begin(), trusted_comment.end());
    return message;
}

} // namespace

SecretKey::~SecretKey() {
    sodium_memzero(key.data(), key.size());
}

Result<PublicKey> parse_public_key(std::string_view text) {
    unsigned char raw[kPublicKeyBytes];
    if (!from_base64(text, raw, sizeof raw) || std::memcmp(raw, kKeyAlgorithm.data(), 2) != 0)
        return make_error(ErrorCode::InvalidData,
                          "not a minisign public key (expected the base64 line that starts with \"RW\")");
    PublicKey key;
    std::memcpy(key.key_id.data(), raw + 2, 8);
    std::memcpy(key.key.data(), raw + 10, 32);
    return key;
}

std::string format_public_key(const PublicKey& key) {
    unsigned char raw[kPublicKeyBytes];
    std::memcpy(raw, kKeyAlgorithm.data(), 2);
    std::memcpy(raw + 2, key.key_id.data(), 8);
    std::memcpy(raw + 10, key.key.data(), 32);
    return to_base64(raw, sizeof raw);
}

std::string key_id_hex(const KeyId& id) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string hex;
    for (size_t i = id.size(); i-- > 0;) {
        hex += kDigits[id[i] >> 4];
        hex += kDigits[id[i] & 15];
    }
    return hex;
}

Result<KeyId> parse_key_id_hex(std::string_view text) {
    auto nibble = [](char c) {
        return c >= '0' && c <= '9'   ? c - '0'
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
               : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                      : -1;
    };
    // minisign prints the number without leading zeros (docs/specs/minisign.md §2): 1 to 16 digits.
    KeyId id{};
    if (text.empty() || text.size() > 16)
        return make_error(ErrorCode::InvalidData, "a key id is up to 16 hex digits, as minisign prints it");
    std::uint64_t number = 0;
    for (char c : text) {
        int digit = nibble(c);
        if (digit < 0)
            return make_error(ErrorCode::InvalidData,
                              "a key id is up to 16 hex digits, as minisign prints it");
        number = number << 4 | static_cast<std::uint64_t>(digit);
    }
    for (size_t i = 0; i < id.size(); ++i)
        id[i] = static_cast<unsigned char>(number >> (8 * i));
    return id;
}

SecretKey make_secret_key() {
    init_sodium();
    SecretKey secret;
    std::array<unsigned char, 32> public_key{};
    crypto_sign_keypair(public_key.data(), secret.key.data());
    randombytes_buf(secret.key_id.data(), secret.key_id.size());
    return secret;
}

PublicKey public_key_of(const SecretKey& secret) {
    PublicKey key;
    key.key_id = secret.key_id;
    crypto_sign_ed25519_sk_to_pk(key.key.data(), secret.key.data());
    return key;
}

std::string format_secret_key(const SecretKey& secret) {
    init_sodium();
    std::array<unsigned char, kSecretKeyBytes> raw{}; // KDF "\0\0" (none): salt and limits stay zero
    std::memcpy(raw.data(), kKeyAlgorithm.data(), 2);
    std::memcpy(raw.data() + 4, kChecksumAlgorithm.data(), 2);
    unsigned char* keynum = raw.data() + 2 + 2 + 2 + 32 + 8 + 8;
    std::memcpy(keynum, secret.key_id.data(), 8);
    std::memcpy(keynum + 8, secret.key.data(), 64);
    // The checksum: BLAKE2b-256 over the algorithm, the key id and the secret key (§4).
    unsigned char summed[2 + 8 + 64];
    std::memcpy(summed, kKeyAlgorithm.data(), 2);
    std::memcpy(summed + 2, secret.key_id.data(), 8);
    std::memcpy(summed + 10, secret.key.data(), 64);
    crypto_generichash(keynum + 72, 32, summed, sizeof summed, nullptr, 0);
    sodium_memzero(summed, sizeof summed);
    std::string text = "untrusted comment: minisign secret key (OneWindow bundles, unencrypted)\n";
    text += to_base64(raw.data(), raw.size());
    text += "\n";
    sodium_memzero(raw.data(), raw.size());
    return text;
}

Result<SecretKey> parse_secret_key(std::string_view text) {
    init_sodium();
    auto lines = split_lines(text);
    std::array<unsigned char, kSecretKeyBytes> raw{};
    if (lines.size() != 2 || !lines[0].starts_with("untrusted comment: ") ||
        !from_base64(lines[1], raw.data(), raw.size()) ||
        std::memcmp(raw.data(), kKeyAlgorithm.data(), 2) != 0)
        return make_error(ErrorCode::InvalidData, "not a minisign secret key file");
    if (raw[2] != 0 || raw[3] != 0) {
        sodium_memzero(raw.data(), raw.size());
        return make_error(ErrorCode::InvalidData, "the secret key is encrypted with a password; remove it "
                                                  "with `minisign -C -W` on the admin's machine first");
    }
    SecretKey secret;
    const unsigned char* keynum = raw.data() + 2 + 2 + 2 + 32 + 8 + 8;
    std::memcpy(secret.key_id.data(), keynum, 8);
    std::memcpy(secret.key.data(), keynum + 8, 64);
    sodium_memzero(raw.data(), raw.size());
    // The key's second half is its public key: a damaged file does not sign with a key nobody trusts.
    std::array<unsigned char, 32> derived{};
    std::array<unsigned char, 32> seed{};
    std::array<unsigned char, 64> again{};
    crypto_sign_ed25519_sk_to_seed(seed.data(), secret.key.data());
    crypto_sign_seed_keypair(derived.data(), again.data(), seed.data());
    bool intact = sodium_memcmp(again.data(), secret.key.data(), 64) == 0;
    sodium_memzero(seed.data(), seed.size());
    sodium_memzero(again.data(), again.size());
    if (!intact)
        return make_error(ErrorCode::InvalidData,
                          "the secret key file is damaged (its public half does not match)");
    return secret;
}

Result<std::string> sign(std::string_view message, const SecretKey& secret,
                         std::string_view trusted_comment) {
    init_sodium();
    if (trusted_comment.find_first_of("\r\n") != std::string_view::npos)
        return make_error(ErrorCode::InvalidArgument, "a trusted comment is one line");
    auto hash = prehash(message);
    std::array<unsigned char, 64> signature{};
    crypto_sign_detached(signature.data(), nullptr, hash.data(), hash.size(), secret.key.data());
    auto global = global_message(signature, trusted_comment);
    std::array<unsigned char, 64> global_signature{};
    crypto_sign_detached(global_signature.data(), nullptr, global.data(), global.size(), secret.key.data());
    unsigned char raw[kSignatureBytes];
    std::memcpy(raw, kPrehashedAlgorithm.data(), 2);
    std::memcpy(raw + 2, secret.key_id.data(), 8);
    std::memcpy(raw + 10, signature.data(), 64);
    std::string text = "untrusted comment: signature from minisign secret key ";
    text += key_id_hex(secret.key_id);
    text += "\n";
    text += to_base64(raw, sizeof raw);
    text += "\ntrusted comment: ";
    text += trusted_comment;
    text += "\n";
    text += to_base64(global_signature.data(), global_signature.size());
    text += "\n";
    return text;
}

Result<Signature> parse_signature(std::string_view text) {
    auto lines = split_lines(text);
    constexpr std::string_view kTrusted = "trusted comment: ";
    unsigned char raw[kSignatureBytes];
    Signature signature;
    if (lines.size() != 4 || !lines[0].starts_with("untrusted comment: ") ||
        !lines[2].starts_with(kTrusted) || !from_base64(lines[1], raw, sizeof raw) ||
        !from_base64(lines[3], signature.global_signature.data(), signature.global_signature.size()))
        return make_error(ErrorCode::InvalidData, "not a minisign signature (four lines expected)");
    if (std::memcmp(raw, kLegacyAlgorithm.data(), 2) == 0)
        return make_error(ErrorCode::InvalidData,
                          "a legacy minisign signature (not prehashed) is not accepted");
    if (std::memcmp(raw, kPrehashedAlgorithm.data(), 2) != 0)
        return make_error(ErrorCode::InvalidData, "unknown minisign signature algorithm");
    std::memcpy(signature.key_id.data(), raw + 2, 8);
    std::memcpy(signature.signature.data(), raw + 10, 64);
    signature.trusted_comment = std::string(lines[2].substr(kTrusted.size()));
    return signature;
}

bool verify(const Signature& signature, std::string_view message, const PublicKey& key) {
    if (!init_sodium())
        return false;
    auto hash = prehash(message);
    if (crypto_sign_verify_detached(signature.signature.data(), hash.data(), hash.size(), key.key.data()) !=
        0)
        return false;
    auto global = global_message(signature.signature, signature.trusted_comment);
    return crypto_sign_verify_detached(signature.global_signature.data(), global.data(), global.size(),
                                       key.key.data()) == 0;
}

} // namespace kiosk::bundle
