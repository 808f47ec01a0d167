#pragma once
// Internal to core/bundle: libarchive handles for the bundle's container, a zstd-compressed pax tar
// (docs/ConfigBundles.md "The file"), and what reading and writing share.

#include "core/base/Result.h"

#include <archive.h>
#include <archive_entry.h>
#include <memory>
#include <string>
#include <string_view>

namespace kiosk::bundle::archive_io {

inline constexpr std::string_view kManifestName = "manifest.json";
inline constexpr std::string_view kSignatureName = "manifest.json.minisig";
inline constexpr std::string_view kFilesPrefix = "files/";
inline constexpr size_t kBlockBytes = size_t{64} * 1024;

struct ReadCloser {
    void operator()(struct archive* a) const { archive_read_free(a); }
};
struct WriteCloser {
    void operator()(struct archive* a) const { archive_write_free(a); }
};
using Reader = std::unique_ptr<struct archive, ReadCloser>;
using Writer = std::unique_ptr<struct archive, WriteCloser>;

// A reader for tar (pax, ustar) with or without zstd; nothing else. The file or the bytes must outlive it.
Result<Reader> open_file(const std::string& path);
Result<Reader> open_bytes(std::string_view data);
// A writer of a zstd pax tar into `path` (created or truncated).
Result<Writer> create_file(const std::string& path);

// What an entry is, in words, when it is not a plain file ("a symbolic link"); null for a regular file.
const char* not_regular(struct archive_entry* entry);

// Reads the whole data of the current entry, at most `max` bytes; false when larger or unreadable.
bool read_all(struct archive* a, std::int64_t max, std::string& out);

// Adds one regular file entry with `data` (mode 0644, owner 0, the given time).
Result<void> write_entry(struct archive* a, const std::string& name, std::string_view data,
                         std::int64_t mtime);

std::string describe(struct archive* a); // libarchive's error string, or "unknown error"

} // namespace kiosk::bundle::archive_io
