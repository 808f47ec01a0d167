#pragma once
// Crafted bundles for the verifier's tests: any tar a hostile or careless sender could make, written
// with libarchive directly (not with BundleWriter, which refuses to make most of them).

#include "core/base/Digest.h"
#include "core/bundle/BundleManifest.h"
#include "core/bundle/Minisign.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::bundle::testing {

enum class EntryKind { File, Symlink, Hardlink, Folder, CharDevice, Fifo };

struct Entry {
    std::string name;
    std::string data;
    EntryKind kind = EntryKind::File;
    std::string link;                // symlink or hard link target
    std::int64_t declared_size = -1; // the header's size when it is not data.size()
    std::int64_t zeros = 0;          // this many zero bytes follow data (a bomb without the memory)
};

// A scratch folder removed with the object.
class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// A manifest listing `files` (path, content) with their true sizes and hashes: version 3, created
// 2026-12-01, expires 2027-01-01, for onewindow-kiosk 0.1.0 to 0.9.0, everywhere.
BundleManifest manifest_for(const std::vector<std::pair<std::string, std::string>>& files);
// manifest.json, its signature by `key` (trusted comment as the format says), then files/… entries.
std::vector<Entry> signed_entries(const BundleManifest& manifest, const SecretKey& key,
                                  const std::vector<std::pair<std::string, std::string>>& files);
// Writes a zstd pax tar (zstd level 1) of the entries.
void write_tar(const std::filesystem::path& path, const std::vector<Entry>& entries);

WallTime utc(const char* text); // parse_utc_time or abort

} // namespace kiosk::bundle::testing
