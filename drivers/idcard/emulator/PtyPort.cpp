#include "drivers/idcard/emulator/PtyPort.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <pty.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace kiosk::drivers::sam::emulator {
namespace {

Error os_error(const char* what) {
    return make_error(ErrorCode::Io, fmt::format("{}: {}", what, std::strerror(errno)));
}

Result<void> make_raw(int fd) {
    termios tio{};
    if (tcgetattr(fd, &tio) != 0)
        return os_error("tcgetattr");
    cfmakeraw(&tio);
    cfsetispeed(&tio, B115200);
    cfsetospeed(&tio, B115200);
    if (tcsetattr(fd, TCSANOW, &tio) != 0)
        return os_error("tcsetattr");
    return {};
}

} // namespace

Result<std::unique_ptr<PtyPort>> PtyPort::create(const std::string& link) {
    std::unique_ptr<PtyPort> port(new PtyPort);
    char name[PATH_MAX] = {};
    if (openpty(&port->m_master, &port->m_slave, name, nullptr, nullptr) != 0)
        return os_error("openpty");
    port->m_path = name;
    TRY(make_raw(port->m_slave));
    TRY(make_raw(port->m_master));
    int flags = fcntl(port->m_master, F_GETFL);
    if (flags < 0 || fcntl(port->m_master, F_SETFL, flags | O_NONBLOCK) != 0)
        return os_error("fcntl O_NONBLOCK");
    fcntl(port->m_master, F_SETFD, FD_CLOEXEC);
    fcntl(port->m_slave, F_SETFD, FD_CLOEXEC);
    if (!link.empty()) {
        struct stat info {};
        if (lstat(link.c_str(), &info) == 0) {
            if (!S_ISLNK(info.st_mode))
                return make_error(ErrorCode::InvalidArgument,
                                  fmt::format("--link {} exists and is not a symlink", link));
            unlink(link.c_str());
        }
        if (symlink(name, link.c_str()) != 0)
            return os_error("symlink");
        port->m_link = link;
    }
    return port;
}

PtyPort::~PtyPort() {
    if (!m_link.empty())
        unlink(m_link.c_str());
    if (m_master >= 0)
        close(m_master);
    if (m_slave >= 0)
        close(m_slave);
}

Result<size_t> PtyPort::write_some(std::span<const uint8_t> bytes) {
    ssize_t written = write(m_master, bytes.data(), bytes.size());
    if (written < 0) {
        if (errno == EAGAIN || errno == EINTR)
            return size_t(0);
        return os_error("write to pty");
    }
    return size_t(written);
}

Result<std::vector<uint8_t>> PtyPort::read_available() {
    std::vector<uint8_t> bytes;
    uint8_t buffer[4096];
    for (;;) {
        ssize_t got = read(m_master, buffer, sizeof buffer);
        if (got > 0) {
            bytes.insert(bytes.end(), buffer, buffer + got);
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && errno != EAGAIN && errno != EIO)
            return os_error("read from pty");
        return bytes;
    }
}

} // namespace kiosk::drivers::sam::emulator
