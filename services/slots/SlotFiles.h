#pragma once
// The file work under the config slots (docs/ConfigSlots.md §2): durable writes, a staged folder
// copied or moved into a slot with every file and folder fsync'd, and the completion marker — the
// last file written into a slot, listing every other file with its size and SHA-256, so that whether
// a slot is whole can be checked at any time.

#include "core/base/Result.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::slots {

// Inside each slot; written last. A staged folder holding a file of this name is refused.
inline constexpr std::string_view kMarkerName = ".slot-complete.json";

struct MarkerFile {
    std::string path; // relative, '/'-separated
    std::uint64_t size = 0;
    std::string sha256; // lowercase hex
};

// What the marker records: the bundle in the slot and every file it holds.
struct SlotMarker {
    std::string bundle_id;
    std::int64_t version = 0;
    std::string installed_at; // ISO 8601 UTC, from the injected clock
    std::vector<MarkerFile> files;
};

// Called after each file has been written and fsync'd (the soak stops the process there).
using FileWritten = std::function<void()>;

// Writes bytes to `path` through "<path>.tmp": written, fsync'd, renamed, the folder fsync'd.
// `before_rename` runs with the temporary file whole on disk (the soak stops there).
Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                                   const std::function<void()>& before_rename = {});
Result<void> sync_folder(const std::filesystem::path& folder);
// Reads a regular file of at most `max_bytes`; NotFound when absent, InvalidData when larger.
Result<std::string> read_small_file(const std::filesystem::path& path, std::uint64_t max_bytes);

// Fills `target` (which must not exist) with the staged folder's regular files and folders: renamed
// when both are on one filesystem, else copied. Either way every file and folder under `target` is
// fsync'd and listed with its size and SHA-256. Anything but regular files and folders (symbolic
// links, devices, FIFOs, sockets) and a file named like the marker are refused before anything moves.
Result<std::vector<MarkerFile>> fill_slot(const std::filesystem::path& staged,
                                          const std::filesystem::path& target,
                                          const FileWritten& file_written);

std::string marker_to_json(const SlotMarker& marker);
// Strict: any damage is InvalidData naming what is wrong.
Result<SlotMarker> marker_from_json(std::string_view text);

// A slot is whole when its marker reads and lists exactly the files present, each of its size, and
// (when `check_hashes`) of its SHA-256. Returns the marker; NotFound without a marker, Corrupt when
// the folder and the marker differ.
Result<SlotMarker> check_slot(const std::filesystem::path& slot, bool check_hashes);

// Removes a folder tree (no error when it is absent); symbolic links inside are removed, not followed.
Result<void> remove_tree(const std::filesystem::path& folder);

} // namespace kiosk::slots
