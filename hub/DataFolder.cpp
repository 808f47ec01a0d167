#include "hub/DataFolder.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sys/stat.h>

namespace kiosk::hub {
namespace {

Result<void> tighten(const std::filesystem::path& path, mode_t wanted) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0)
        return make_error(ErrorCode::Io, path.string() + ": " + std::strerror(errno));
    if (S_ISLNK(info.st_mode) || (info.st_mode & 07777) == wanted)
        return {};
    if (::chmod(path.c_str(), wanted) != 0)
        return make_error(ErrorCode::Io, "chmod " + path.string() + ": " + std::strerror(errno));
    return {};
}

} // namespace

Result<void> secure_data_folder(const std::string& data_dir) {
    namespace fs = std::filesystem;
    std::error_code error;
    fs::create_directories(data_dir, error);
    if (error)
        return make_error(ErrorCode::Io, data_dir + ": " + error.message());
    TRY(tighten(data_dir, 0700));
    // Not tightened in silence: a key others could read may have been copied; HubService refuses it
    // and the operator decides (core/base/SecretFile.h).
    const fs::path secret = fs::path(data_dir) / "id-number.key";
    for (auto entry = fs::recursive_directory_iterator(data_dir, error); !error && entry != fs::end(entry);
         entry.increment(error)) {
        auto type = entry->symlink_status(error).type();
        if (type == fs::file_type::directory)
            TRY(tighten(entry->path(), 0700));
        else if (type == fs::file_type::regular && entry->path() != secret)
            TRY(tighten(entry->path(), 0600));
    }
    if (error)
        return make_error(ErrorCode::Io, data_dir + ": " + error.message());
    return {};
}

} // namespace kiosk::hub
