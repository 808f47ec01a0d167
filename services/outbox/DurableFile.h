#pragma once
// Files that are either wholly on disk under their name or not there at all, whatever moment power
// goes: written to a temporary name, fsync'd, renamed, and the folder fsync'd so the rename itself
// survives (POSIX leaves directory entries in the page cache until then).

#include "core/base/Result.h"

#include <filesystem>
#include <string_view>

namespace kiosk::outbox {

// Temporary files are "<name>.tmp-<random>" beside the target; cleanup may delete any such file.
inline constexpr std::string_view kTempMarker = ".tmp-";

Result<void> write_file_durably(const std::filesystem::path& path, std::string_view bytes);
Result<void> sync_folder(const std::filesystem::path& folder);
Result<std::string> read_whole_file(const std::filesystem::path& path);

// An flock(2) on a file in the outbox folder, shared or exclusive, released when the object goes.
// Sealing holds it shared from the first blob written until its row is committed; anything that
// deletes blobs holds it exclusive, so it never deletes a blob whose row is about to be committed by
// another connection (the uploader's, another process).
class FolderLock {
public:
    enum class Mode { Shared, Exclusive };
    static Result<FolderLock> take(const std::filesystem::path& lock_file, Mode mode);
    FolderLock(FolderLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
    FolderLock& operator=(FolderLock&&) = delete;
    FolderLock(const FolderLock&) = delete;
    ~FolderLock();

private:
    explicit FolderLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

} // namespace kiosk::outbox
