#include "services/outbox/DurableFile.h"
#include "core/base/Digest.h"
#include "services/outbox/SecretBox.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <unistd.h>

namespace kiosk::outbox {
namespace {

Error os_error(const std::filesystem::path& path, const char* what) {
    return make_error(ErrorCode::Io, path.string() + ": " + what + ": " + std::strerror(errno));
}

} // namespace

Result<void> sync_folder(const std::filesystem::path& folder) {
    int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return os_error(folder, "open folder");
    int result = ::fsync(fd);
    auto error = os_error(folder, "fsync folder");
    ::close(fd);
    if (result != 0)
        return error;
    return {};
}

Result<void> write_file_durably(const std::filesystem::path& path, std::string_view bytes) {
    unsigned char random[6];
    randombytes_buf(random, sizeof random);
    auto temp = path;
    temp += std::string(kTempMarker) + to_hex(random, sizeof random);

    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return os_error(temp, "create");
    size_t written = 0;
    while (written < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            auto error = os_error(temp, "write");
            ::close(fd);
            ::unlink(temp.c_str());
            return error;
        }
        written += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) {
        auto error = os_error(temp, "fsync");
        ::close(fd);
        ::unlink(temp.c_str());
        return error;
    }
    ::close(fd);
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        auto error = os_error(path, "rename");
        ::unlink(temp.c_str());
        return error;
    }
    return sync_folder(path.parent_path());
}

Result<std::string> read_whole_file(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return make_error(ErrorCode::NotFound, path.string() + ": no such file");
        return os_error(path, "open");
    }
    std::string bytes;
    char buffer[65536];
    for (;;) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            auto error = os_error(path, "read");
            ::close(fd);
            return error;
        }
        if (n == 0)
            break;
        bytes.append(buffer, static_cast<size_t>(n));
    }
    ::close(fd);
    return bytes;
}

Result<FolderLock> FolderLock::take(const std::filesystem::path& lock_file, Mode mode) {
    int fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return os_error(lock_file, "open lock");
    int result;
    do
        result = ::flock(fd, mode == Mode::Shared ? LOCK_SH : LOCK_EX);
    while (result != 0 && errno == EINTR);
    if (result != 0) {
        auto error = os_error(lock_file, "flock");
        ::close(fd);
        return error;
    }
    return FolderLock(fd);
}

FolderLock::~FolderLock() {
    if (m_fd >= 0)
        ::close(m_fd); // closing the descriptor releases the flock
}

} // namespace kiosk::outbox
