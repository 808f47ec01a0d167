#include "core/base/SecretFile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk {
namespace {

std::string octal_mode(mode_t mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

} // namespace

Result<void> check_secret_file(const std::string& path) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
        if (errno == ENOENT)
            return make_error(ErrorCode::NotFound, path + ": no such key file");
        return make_error(ErrorCode::Io, path + ": " + std::strerror(errno));
    }
    if (S_ISLNK(info.st_mode))
        return make_error(ErrorCode::Denied, path + ": a key file must not be a symbolic link; put the key "
                                                    "itself there (mode 0600, owned by this user)");
    if (!S_ISREG(info.st_mode))
        return make_error(ErrorCode::Denied, path + ": a key file must be a regular file");
    if (info.st_uid != ::geteuid())
        return make_error(ErrorCode::Denied, path + ": key file is owned by uid " +
                                                 std::to_string(info.st_uid) + ", not by this user (uid " +
                                                 std::to_string(::geteuid()) +
                                                 "); chown it to the user the service runs as");
    if ((info.st_mode & 077) != 0)
        return make_error(ErrorCode::Denied, path + ": key file is open to group or others (mode " +
                                                 octal_mode(info.st_mode) + "); chmod 600 it, and replace " +
                                                 "the key if others may have read it");
    return {};
}

Result<void> check_kiosk_secret_files(const KioskOptions& options) {
    std::vector<std::string> files{options.outbox.key_file};
    if (!options.hub.url.empty())
        files.push_back(options.hub.key_file);
    for (const auto& file : files) {
        if (file.empty())
            continue;
        auto checked = check_secret_file(file);
        if (!checked.ok() && checked.error().code != ErrorCode::NotFound)
            return checked;
    }
    return {};
}

} // namespace kiosk
