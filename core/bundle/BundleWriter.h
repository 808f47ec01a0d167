#pragma once
// Making config bundles on the admin's machine (docs/ConfigBundles.md "The admin's commands"): build an
// unsigned bundle from a folder, sign it with a minisign secret key, or both at once. The kiosk's
// limits (BundleLimits) are checked here too, so that an admin never signs a bundle every kiosk would
// refuse.

#include "core/base/Result.h"
#include "core/bundle/BundleManifest.h"
#include "core/bundle/BundleReader.h"
#include "core/bundle/Minisign.h"

#include <optional>
#include <string>

namespace kiosk::bundle {

struct BuildOptions {
    int version = 0;       // > 0
    WallTime created{};    // usually now
    WallTime expires{};    // after created
    std::string bundle_id; // empty: a new random UUID
    std::vector<std::string> halls;
    std::vector<std::string> groups;
    AppVersion app_min{0, 0, 0};
    AppVersion app_max{99999, 99999, 99999};
    BundleLimits limits;
};

// Every regular file under `dir` becomes files/<its path> (sorted by path, so a folder always builds
// the same archive). A symlink, device, fifo or socket in `dir`, a path is_safe_path refuses, or more
// than the limits allow is InvalidData naming the path. With `key`, the bundle is signed as well.
// The output is written to a temporary file beside `out` and renamed over it.
Result<BundleManifest> build_bundle(const std::string& dir, const BuildOptions& options,
                                    const std::string& out, const SecretKey* key = nullptr);

// Reads an unsigned (or signed: the old signature is dropped) bundle, checks every file against its
// manifest, and writes it to `out` signed with `key`.
Result<BundleManifest> sign_bundle(const std::string& in, const SecretKey& key, const std::string& out,
                                   const BundleLimits& limits = {});

std::string new_bundle_id(); // a random UUID (version 4)

} // namespace kiosk::bundle
