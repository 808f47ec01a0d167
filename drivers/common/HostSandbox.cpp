#include "drivers/common/HostSandbox.h"

#include "core/base/Log.h"

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace kiosk::drivers {

namespace {

// Kernel ABI constants newer than Debian 12's <linux/landlock.h> (which stops at ABI 2). They are
// part of the kernel's stable interface: truncate(2) by path is restricted from ABI 3 on.
constexpr uint64_t kAccessFsTruncate = 1ULL << 14; // LANDLOCK_ACCESS_FS_TRUNCATE, ABI 3

constexpr uint64_t kAccessFsAbi1 =
    LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE |
    LANDLOCK_ACCESS_FS_READ_DIR | LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
    LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
    LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |
    LANDLOCK_ACCESS_FS_MAKE_SYM;
constexpr uint64_t kReadRights =
    LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;
constexpr uint64_t kFileRights = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE |
                                 LANDLOCK_ACCESS_FS_WRITE_FILE | kAccessFsTruncate;

class Fd {
public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

// Adds one path beneath which `rights` are allowed. A file takes only the rights a file has.
Result<void> allow(int ruleset, const std::string& path, uint64_t rights, uint64_t handled) {
    Fd fd(::open(path.c_str(), O_PATH | O_CLOEXEC));
    if (fd.get() < 0) {
        log::debug("host sandbox: {} left out: {}", path, std::strerror(errno));
        return {};
    }
    struct stat info {};
    if (fstat(fd.get(), &info) == 0 && !S_ISDIR(info.st_mode))
        rights &= kFileRights;
    landlock_path_beneath_attr rule{};
    rule.allowed_access = rights & handled;
    rule.parent_fd = fd.get();
    if (syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0) != 0)
        return make_error(ErrorCode::Io, "landlock_add_rule " + path + ": " + std::strerror(errno));
    return {};
}

} // namespace

SandboxPaths sane_sandbox_paths(const char* sane_config_dir, const std::vector<std::string>& extra_read) {
    SandboxPaths paths;
    paths.read = {"/usr",           "/lib", "/lib64",    "/lib32",    "/etc/ld.so.cache",
                  "/etc/localtime", "/sys", "/run/udev", "/proc/self"};
    if (sane_config_dir && *sane_config_dir) {
        std::string dirs = sane_config_dir;
        size_t begin = 0;
        while (begin <= dirs.size()) {
            size_t end = dirs.find(':', begin);
            if (end == std::string::npos)
                end = dirs.size();
            if (end > begin)
                paths.read.push_back(dirs.substr(begin, end - begin));
            begin = end + 1;
        }
        // A trailing ':' means "and the default folder too" to libsane.
        if (dirs.ends_with(':'))
            paths.read.emplace_back("/etc/sane.d");
    } else {
        paths.read.emplace_back("/etc/sane.d");
    }
    paths.read.insert(paths.read.end(), extra_read.begin(), extra_read.end());
    paths.read_write = {"/dev/bus/usb", "/dev/null"};
    return paths;
}

void close_inherited_fds() {
    if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0)
        return;
    // Kernels before 5.9: close what /proc/self/fd lists.
    DIR* dir = opendir("/proc/self/fd");
    if (!dir)
        return;
    std::vector<int> open_fds;
    while (dirent* entry = readdir(dir)) {
        int fd = std::atoi(entry->d_name);
        if (fd > 2 && fd != dirfd(dir))
            open_fds.push_back(fd);
    }
    closedir(dir);
    for (int fd : open_fds)
        ::close(fd);
}

Result<int> restrict_file_system(const SandboxPaths& paths) {
    long abi = syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
    if (abi < 0) {
        int why = errno;
        // ENOSYS: not built in; EOPNOTSUPP: built in, not enabled at boot (lsm=). Anything else —
        // EPERM from a seccomp filter (the unit's SystemCallFilter=) — is our own set-up refusing it.
        if (why == ENOSYS || why == EOPNOTSUPP)
            return make_error(ErrorCode::Unsupported, std::string("the kernel has no Landlock (") +
                                                          (why == ENOSYS ? "not built in" : "not enabled") +
                                                          ")");
        return make_error(ErrorCode::Io, std::string("landlock_create_ruleset: ") + std::strerror(why) +
                                             " (a seccomp filter? the unit must allow the landlock_* calls)");
    }
    uint64_t handled = kAccessFsAbi1;
    if (abi >= 2)
        handled |= LANDLOCK_ACCESS_FS_REFER;
    if (abi >= 3)
        handled |= kAccessFsTruncate;
    landlock_ruleset_attr attributes{};
    attributes.handled_access_fs = handled;
    Fd ruleset(static_cast<int>(syscall(SYS_landlock_create_ruleset, &attributes, sizeof attributes, 0)));
    if (ruleset.get() < 0)
        return make_error(ErrorCode::Io, std::string("landlock_create_ruleset: ") + std::strerror(errno));
    for (const auto& path : paths.read)
        TRY(allow(ruleset.get(), path, kReadRights, handled));
    for (const auto& path : paths.read_write)
        TRY(allow(ruleset.get(), path, kReadRights | LANDLOCK_ACCESS_FS_WRITE_FILE | kAccessFsTruncate,
                  handled));
    // Landlock needs this unless the process could gain privileges anyway (CAP_SYS_ADMIN).
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return make_error(ErrorCode::Io, std::string("no_new_privs: ") + std::strerror(errno));
    if (syscall(SYS_landlock_restrict_self, ruleset.get(), 0) != 0)
        return make_error(ErrorCode::Io, std::string("landlock_restrict_self: ") + std::strerror(errno));
    return static_cast<int>(abi);
}

} // namespace kiosk::drivers
