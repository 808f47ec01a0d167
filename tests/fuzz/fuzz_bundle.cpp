// libFuzzer target for config bundles (core/bundle), which reach a kiosk from a USB stick or the fleet.
// The first byte picks the input: 0 manifest.json text, 1 a .minisig text, 2 the bytes as a whole
// bundle, 3 a valid bundle (an uncompressed tar signed by the fuzzer's key, so the fuzzer gets past
// the signature into the payload) with bytes overwritten at positions the rest of the input names.
// Beyond "no crash, no sanitizer report": a refusal is one line and leaves no output folder; an
// accepted manifest re-encodes to itself; an accepted bundle's extracted files are exactly the
// manifest's, each with its size and SHA-256.

#include "core/base/Digest.h"
#include "core/bundle/BundleReader.h"

#include <archive.h>
#include <archive_entry.h>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sodium.h>
#include <string>
#include <unistd.h>

namespace {

using namespace kiosk;
using namespace kiosk::bundle;
namespace fs = std::filesystem;

void require(bool condition) {
    if (!condition)
        std::abort();
}

// An uncompressed tar in memory (the reader takes one as well as a zstd one).
std::string tar_of(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::vector<char> buffer(1 << 16);
    size_t used = 0;
    struct archive* a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    archive_write_add_filter_none(a);
    archive_write_set_bytes_per_block(a, 512);
    archive_write_set_bytes_in_last_block(a, 1); // no padding after the end-of-archive blocks
    require(archive_write_open_memory(a, buffer.data(), buffer.size(), &used) == ARCHIVE_OK);
    for (const auto& [name, data] : entries) {
        struct archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, name.c_str());
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_size(entry, static_cast<la_int64_t>(data.size()));
        require(archive_write_header(a, entry) == ARCHIVE_OK);
        archive_write_data(a, data.data(), data.size());
        archive_entry_free(entry);
    }
    require(archive_write_close(a) == ARCHIVE_OK);
    archive_write_free(a);
    return std::string(buffer.data(), used);
}

struct Fixture {
    SecretKey key;
    std::optional<BundleKeys> keys;
    BundleTarget target;
    std::string valid;
    size_t payload_start = 0; // where the payload entries begin in `valid`
    fs::path out;
    Fixture() {
        require(sodium_init() >= 0);
        unsigned char seed[crypto_sign_SEEDBYTES];
        for (unsigned i = 0; i < sizeof seed; ++i)
            seed[i] = static_cast<unsigned char>(i * 5 + 3);
        std::array<unsigned char, 32> public_key{};
        crypto_sign_seed_keypair(public_key.data(), key.key.data(), seed);
        key.key_id = {1, 2, 3, 4, 5, 6, 7, 8};
        keys.emplace(BundleKeys::create({format_public_key(public_key_of(key))}, {}).value());
        target.app_version = {0, 1, 0};
        target.hall = "hall-a";
        target.now = parse_utc_time("2026-12-06T12:00:00Z").value();
        std::vector<std::pair<std::string, std::string>> files{{"catalog/catalog.json", "{\"matters\": []}"},
                                                               {"i18n/strings.json", "{\"a\": 1}"},
                                                               {"t/x.png", "PNG"}};
        BundleManifest manifest;
        manifest.bundle_id = "fuzz-bundle-0001";
        manifest.version = 1;
        manifest.created = parse_utc_time("2026-12-01T00:00:00Z").value();
        manifest.expires = parse_utc_time("2027-12-01T00:00:00Z").value();
        manifest.app_max = {9, 9, 9};
        for (const auto& [path, data] : files)
            manifest.files.push_back({path, static_cast<std::int64_t>(data.size()), sha256_hex(data)});
        std::string text = serialize_manifest(manifest);
        std::vector<std::pair<std::string, std::string>> entries{
            {"manifest.json", text},
            {"manifest.json.minisig", sign(text, key, trusted_comment(manifest)).value()}};
        payload_start = tar_of(entries).size() - 1024; // less the end-of-archive blocks
        for (const auto& [path, data] : files)
            entries.emplace_back("files/" + path, data);
        valid = tar_of(entries);
        out = fs::temp_directory_path() / ("fuzz-bundle-" + std::to_string(::getpid()));
        // The starting point passes: mutations of it reach every check after the signature.
        std::error_code ignored;
        fs::remove_all(out, ignored);
        require(verify_bundle_bytes(valid, *keys, target, out.string()).ok());
        fs::remove_all(out, ignored);
    }
};

void check_verify(const Fixture& f, std::string_view bytes) {
    std::error_code ignored;
    fs::remove_all(f.out, ignored);
    auto result = verify_bundle_bytes(bytes, *f.keys, f.target, f.out.string());
    if (!result.ok()) {
        require(result.refusal != Refusal::None);
        require(result.error.message.find('\n') == std::string::npos);
        require(!fs::exists(f.out));
        return;
    }
    // Accepted: out holds manifest.json, its signature and exactly the manifest's files, each intact.
    size_t count = 0;
    for (const auto& entry : fs::recursive_directory_iterator(f.out)) {
        require(!entry.is_symlink());
        if (entry.is_regular_file())
            ++count;
    }
    require(count == result.bundle->manifest.files.size() + 2);
    for (const auto& file : result.bundle->manifest.files) {
        std::ifstream in(f.out / "files" / file.path, std::ios::binary);
        std::string data{std::istreambuf_iterator<char>(in), {}};
        require(static_cast<std::int64_t>(data.size()) == file.size && sha256_hex(data) == file.sha256);
    }
    fs::remove_all(f.out, ignored);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static Fixture fixture;
    if (size < 1)
        return 0;
    std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 4) {
    case 0: {
        auto manifest = parse_manifest(rest);
        if (!manifest.ok()) {
            require(manifest.error().message.find('\n') == std::string::npos);
            return 0;
        }
        auto text = serialize_manifest(manifest.value());
        auto again = parse_manifest(text);
        require(again.ok() && serialize_manifest(again.value()) == text);
        return 0;
    }
    case 1: {
        auto signature = parse_signature(rest);
        if (signature.ok())
            require(signature->trusted_comment.find('\n') == std::string::npos);
        return 0;
    }
    case 2:
        check_verify(fixture, rest);
        return 0;
    default: {
        // Pairs of (2-byte offset into the payload, byte).
        std::string bundle = fixture.valid;
        for (size_t i = 0; i + 3 <= rest.size(); i += 3) {
            size_t at = fixture.payload_start + ((static_cast<unsigned char>(rest[i]) << 8) |
                                                 static_cast<unsigned char>(rest[i + 1]));
            if (at < bundle.size())
                bundle[at] = rest[i + 2];
        }
        check_verify(fixture, bundle);
        return 0;
    }
    }
}
