#pragma once
// The bytes of materials, one file per blob under <data>/blobs/ab/<sha256>, named by their content.
// A blob is written to <data>/tmp, fsynced, renamed into place and its folder fsynced: a crash leaves
// the old state or the whole blob, never half a blob under its name.

#include "core/base/Result.h"

#include <string>
#include <string_view>

namespace kiosk::hub {

class BlobFiles {
public:
    explicit BlobFiles(std::string data_dir) : m_data_dir(std::move(data_dir)) {}

    // Creates the folders it needs (0700, whatever the umask).
    Result<void> prepare();
    bool exists(const std::string& sha256) const;
    Result<void> write(const std::string& sha256, std::string_view bytes);
    std::string path_of(const std::string& sha256) const;

private:
    std::string m_data_dir;
};

// Writes `bytes` to `path` atomically (temp file in `tmp_dir` on the same file system, fsync, rename,
// fsync of the target folder), created with exactly the permission bits `mode` (whatever the umask):
// the hub's files hold personal data and are its user's alone (DataFolder.h).
Result<void> write_durably(const std::string& tmp_dir, const std::string& path, std::string_view bytes,
                           unsigned mode = 0600);
Result<std::string> read_file(const std::string& path);

} // namespace kiosk::hub
