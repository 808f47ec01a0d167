#include "hub/BlobFiles.h"
#include "hub/Digest.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::hub {
namespace {

Error os_error(const std::string& what) {
    return make_error(ErrorCode::Io, what + ": " + std::strerror(errno));
}

Result<void> fsync_path(const std::string& path, int flags) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0)
        return os_error("open " + path);
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        return os_error("fsync " + path);
    return {};
}

// A folder only the hub's user may list: 0700 whatever the umask.
Result<void> make_private_folder(const std::string& folder) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (!error)
        std::filesystem::permissions(folder, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::replace, error);
    if (error)
        return make_error(ErrorCode::Io, folder + ": " + error.message());
    return {};
}

} // namespace

Result<void> write_durably(const std::string& tmp_dir, const std::string& path, std::string_view bytes,
                           unsigned mode) {
    std::string temp = tmp_dir + "/" + random_hex(8) + ".part";
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return os_error("create " + temp);
    // Exactly `mode`, whatever the process umask (DataFolder.h).
    if (::fchmod(fd, mode) != 0) {
        auto error = os_error("chmod " + temp);
        ::close(fd);
        ::unlink(temp.c_str());
        return error;
    }
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            auto error = os_error("write " + temp);
            ::close(fd);
            ::unlink(temp.c_str());
            return error;
        }
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        auto error = os_error("fsync " + temp);
        ::unlink(temp.c_str());
        return error;
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        auto error = os_error("rename to " + path);
        ::unlink(temp.c_str());
        return error;
    }
    // The rename is durable only once the folder holding the new name is on disk.
    return fsync_path(std::filesystem::path(path).parent_path().string(), O_RDONLY | O_DIRECTORY);
}

Result<std::string> read_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return make_error(ErrorCode::NotFound, "cannot read " + path);
    std::ostringstream bytes;
    bytes << file.rdbuf();
    return bytes.str();
}

Result<void> BlobFiles::prepare() {
    std::error_code error;
    for (const char* folder : {"blobs", "tmp", "certificates"})
        TRY(make_private_folder(m_data_dir + "/" + folder));
    // Temp files left by a crash are never renamed into place: they are garbage.
    for (const auto& entry : std::filesystem::directory_iterator(m_data_dir + "/tmp", error))
        std::filesystem::remove(entry.path(), error);
    return {};
}

std::string BlobFiles::path_of(const std::string& sha256) const {
    return m_data_dir + "/blobs/" + sha256.substr(0, 2) + "/" + sha256;
}

bool BlobFiles::exists(const std::string& sha256) const {
    std::error_code error;
    return std::filesystem::is_regular_file(path_of(sha256), error);
}

Result<void> BlobFiles::write(const std::string& sha256, std::string_view bytes) {
    TRY(make_private_folder(m_data_dir + "/blobs/" + sha256.substr(0, 2)));
    return write_durably(m_data_dir + "/tmp", path_of(sha256), bytes);
}

} // namespace kiosk::hub
