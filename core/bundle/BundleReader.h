#pragma once
// Verifying a config bundle on the kiosk (docs/ConfigBundles.md "What the kiosk refuses"): the
// signature, the keys, the manifest's promises (time, product, app version, scope, version) and then
// every payload file against its size and SHA-256, extracted into a folder the caller names.
//
// The order is the safety: the manifest and its signature are the archive's first two entries and are
// checked, with everything the manifest says about this kiosk, before a single payload byte is
// written. Payload bytes are counted as they are decompressed and extraction stops at the limits, so a
// decompression bomb costs at most a limit's worth of disk and time. A refused bundle leaves nothing in
// out_dir. Every byte of the file is untrusted; no refusal message quotes the file's content beyond a
// payload path that passed is_safe_path.
//
// Blocking file I/O: call it from a worker (or a CLI), never the UI thread.

#include "core/base/Clock.h"
#include "core/base/Result.h"
#include "core/bundle/BundleKeys.h"
#include "core/bundle/BundleManifest.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::bundle {

// Why a bundle was refused: one code each, for the audit row and the fleet report (to_string gives the
// keyword). LocalError is not the bundle's fault (out_dir unusable, disk full).
enum class Refusal {
    None,
    NotABundle,   // not a zstd tar, or the manifest/signature is missing, misplaced or unreadable
    BadSignature, // the signature does not verify, or its trusted comment does not match the manifest
    UnknownKey,   // signed by a key this kiosk does not trust
    RevokedKey,   // signed by a revoked key
    FileMismatch, // a payload file's size or SHA-256 differs from the manifest
    UnlistedFile, // a payload file the manifest does not list
    MissingFile,  // a file the manifest lists is not in the archive
    PathTrick,    // "..", absolute, not under files/, symlink, hard link, device, fifo, folder, duplicate
    TooLarge,     // more files, a larger file, more bytes in all or a larger manifest than the limits
    DecompressionBomb, // the payload decompresses beyond the ratio limit
    NotNewer,          // version not above the installed one
    Expired,           // now is at or after expires
    NotYetValid,       // now is before created (less the allowed clock skew)
    WrongProduct,      // compatible.product is not this product
    WrongAppVersion,   // this app's version is outside compatible.app_min..app_max
    OutOfScope,        // scope names halls or groups this kiosk is not in
    LocalError,
};
const char* to_string(Refusal refusal); // "bad_signature", …

struct BundleLimits {
    std::int64_t max_manifest_bytes = 256LL * 1024;     // bytes of manifest.json
    std::int64_t max_signature_bytes = 4096;            // bytes of manifest.json.minisig
    int max_files = 2000;                               // payload files
    std::int64_t max_file_bytes = 32LL * 1024 * 1024;   // bytes of one payload file
    std::int64_t max_total_bytes = 128LL * 1024 * 1024; // bytes of all payload files
    double max_ratio = 200;                             // payload bytes per compressed byte read
    std::int64_t ratio_floor_bytes = 4LL * 1024 * 1024; // payload bytes below which the ratio is not checked
    std::chrono::seconds clock_skew{300}; // s a bundle may be "created" ahead of the kiosk's clock
};

// What the bundle is checked against: this kiosk, now.
struct BundleTarget {
    std::string product{kKioskProduct};
    AppVersion app_version;
    std::string kiosk_id; // named in the out-of-scope message
    std::string hall;
    std::vector<std::string> groups;
    int installed_version = 0; // the installed bundle's version, 0 when none
    WallTime now{};
};

struct VerifiedBundle {
    BundleManifest manifest;
    std::string key_id; // the signer's, as minisign prints it
    // out_dir now holds manifest.json, manifest.json.minisig and files/<path> for each manifest file.
    std::string out_dir;
};

struct VerifyResult {
    std::optional<VerifiedBundle> bundle; // set when the bundle was accepted
    Refusal refusal = Refusal::None;      // why not, when it was not
    Error error;                          // the refusal in one line for staff and engineers
    bool ok() const { return bundle.has_value(); }
};

// out_dir must not exist (it is created) or be an empty folder; on refusal it is left empty.
VerifyResult verify_bundle(const std::string& path, const BundleKeys& keys, const BundleTarget& target,
                           const std::string& out_dir, const BundleLimits& limits = {});
// The same over bytes in memory (the fuzz target's door).
VerifyResult verify_bundle_bytes(std::string_view data, const BundleKeys& keys, const BundleTarget& target,
                                 const std::string& out_dir, const BundleLimits& limits = {});

// What `kioskctl bundle inspect` shows: the manifest and signature as they are, NOT verified.
struct InspectedBundle {
    std::string manifest_text;
    BundleManifest manifest;
    std::optional<Signature> signature; // none in an unsigned bundle
    std::string signature_text;
};
Result<InspectedBundle> inspect_bundle(const std::string& path, const BundleLimits& limits = {});

} // namespace kiosk::bundle
