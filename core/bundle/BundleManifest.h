#pragma once
// A config bundle's manifest.json (docs/ConfigBundles.md "The manifest"): what the bundle is, whom it
// is for, until when, and every file it carries with its size and SHA-256. It is the one signed part
// of a bundle; the files are bound to it by their hashes.
//
// Parsed strictly (core/base/JsonReader.h): an unknown key, a wrong type or a value out of its range
// is InvalidData naming the key path. Nothing in a manifest is personal data.

#include "core/base/Clock.h"
#include "core/base/Result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace kiosk::bundle {

inline constexpr int kManifestFormat = 1;
inline constexpr std::string_view kKioskProduct = "onewindow-kiosk";

// "0.1.0": three numbers, compared as numbers.
struct AppVersion {
    int major = 0, minor = 0, patch = 0;
    bool operator==(const AppVersion& other) const {
        return major == other.major && minor == other.minor && patch == other.patch;
    }
    bool operator<(const AppVersion& other) const {
        return std::tie(major, minor, patch) < std::tie(other.major, other.minor, other.patch);
    }
};
Result<AppVersion> parse_app_version(std::string_view text);
std::string to_string(const AppVersion& version);

// "2026-12-06T22:00:00Z" only: RFC 3339 in UTC, whole seconds.
Result<WallTime> parse_utc_time(std::string_view text);
std::string format_utc_time(WallTime time);

struct ManifestFile {
    std::string path;      // under files/ in the archive, relative: "catalog/sample-catalog.json"
    std::int64_t size = 0; // bytes
    std::string sha256;    // 64 lower-case hex digits
};

struct BundleManifest {
    int format = kManifestFormat;
    std::string bundle_id; // 8 to 64 of [A-Za-z0-9-]; a UUID by default
    int version = 0;       // > 0; each bundle for a fleet has a higher one than the last
    WallTime created{};    // not valid before
    WallTime expires{};    // not valid from
    std::string product{kKioskProduct};
    AppVersion app_min{};
    AppVersion app_max{};            // inclusive
    std::vector<std::string> halls;  // empty: every hall
    std::vector<std::string> groups; // empty: every group
    std::vector<ManifestFile> files; // in archive order
};

// `origin` names the text in errors ("manifest.json").
Result<BundleManifest> parse_manifest(std::string_view text, std::string_view origin = "manifest.json");
std::string serialize_manifest(const BundleManifest& manifest);

// A payload path is relative, '/'-separated, of components that are not empty, "." or "..", made of
// printable ASCII other than '\\' (and at most 200 bytes). Nothing else can name a file out of the
// folder it is extracted into.
bool is_safe_path(std::string_view path);

// The trusted comment a bundle's signature carries, binding the signature to this id and version.
std::string trusted_comment(const BundleManifest& manifest);

} // namespace kiosk::bundle
