#include "services/scan/PrivateFiles.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::scan {

namespace fs = std::filesystem;

// A citizen's page: readable by the kiosk's user alone (0600, whatever the umask), never through a
// link planted at its name.
Result<void> write_private_file(const fs::path& path, const std::vector<uint8_t>& bytes) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return make_error(ErrorCode::Io, "cannot write " + path.string() + ": " + std::strerror(errno));
    (void)::fchmod(fd, 0600); // a file left by an older build keeps its mode through O_TRUNC
    size_t written = 0;
    while (written < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int saved = errno;
            ::close(fd);
            return make_error(ErrorCode::Io, "cannot write " + path.string() + ": " + std::strerror(saved));
        }
        written += static_cast<size_t>(n);
    }
    if (::close(fd) != 0)
        return make_error(ErrorCode::Io, "cannot write " + path.string() + ": " + std::strerror(errno));
    return {};
}

// The session folder and the material's, 0700: nobody but the kiosk's user lists a citizen's pages.
Result<void> make_private_folder(const fs::path& folder) {
    std::error_code error;
    fs::create_directories(folder, error);
    if (!error)
        fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, error);
    if (error)
        return make_error(ErrorCode::Io, "cannot create " + folder.string() + ": " + error.message());
    return {};
}

} // namespace kiosk::scan
