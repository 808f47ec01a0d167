#include "drivers/qr/SerialQrScanner.h"
#include "core/base/Log.h"
#include "drivers/common/RawTty.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace kiosk::drivers {
namespace {

using domain::DeviceState;

// Raw 8N1 (drivers/common/RawTty.h), opened exclusively.
int open_tty(const SerialQrOptions& options) {
    int fd = ::open(options.path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    bool ok =
        (ioctl(fd, TIOCEXCL) == 0 || errno == ENOTTY) && make_raw_8n1(fd, options.baud) == RawTtyResult::Ok;
    if (!ok) {
        ::close(fd);
        return -1;
    }
    tcflush(fd, TCIFLUSH);
    return fd;
}

bool has_control_bytes(const std::string& line) {
    for (unsigned char c : line)
        if (c < 0x20 || c == 0x7F)
            return true;
    return false;
}

} // namespace

SerialQrScanner::SerialQrScanner(SerialQrOptions options) : m_options(std::move(options)) {
    m_status.kind = domain::DeviceKind::QrScanner;
    m_status.state = DeviceState::Absent;
}

SerialQrScanner::~SerialQrScanner() {
    stop();
}

Result<void> SerialQrScanner::start(Sink sink) {
    if (tty_speed(m_options.baud) == B0)
        return make_error(ErrorCode::InvalidArgument,
                          "baud " + std::to_string(m_options.baud) + " not supported: use 115200 … 9600");
    if (m_thread.joinable())
        return make_error(ErrorCode::InvalidArgument, "the QR scanner is already started");
    m_wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_wake_fd < 0)
        return make_error(ErrorCode::Io, std::string("eventfd: ") + std::strerror(errno));
    m_sink.attach(std::move(sink));
    m_thread = std::thread([this] { run(); });
    return {};
}

void SerialQrScanner::stop() {
    if (!m_thread.joinable())
        return;
    uint64_t one = 1;
    // An eventfd takes 8 bytes or fails with the counter full, which one wake-up cannot reach.
    if (::write(m_wake_fd, &one, sizeof one) != static_cast<ssize_t>(sizeof one))
        log::error("qr scanner: cannot wake the reader thread to stop it: {}", std::strerror(errno));
    m_thread.join(); // on its way out it reports Absent (unless it already was): still delivered
    ::close(m_wake_fd);
    m_wake_fd = -1;
    m_sink.detach();
}

domain::DeviceStatus SerialQrScanner::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

void SerialQrScanner::set_state(DeviceState state, std::string reason) {
    domain::DeviceStatus changed;
    {
        std::lock_guard lock(m_mutex);
        if (m_status.state == state && m_status.reason == reason)
            return;
        m_status.state = state;
        m_status.fixed_by = state == DeviceState::Ready ? domain::FixedBy::Auto : domain::FixedBy::Engineer;
        m_status.reason = std::move(reason);
        changed = m_status;
    }
    m_sink.emit(changed);
}

void SerialQrScanner::run() {
    for (;;) {
        int fd = open_tty(m_options);
        if (fd >= 0) {
            set_state(DeviceState::Ready, {});
            read_lines(fd); // returns on hang-up or stop
            ::close(fd);
        }
        set_state(DeviceState::Absent, "unplugged");
        pollfd wake{m_wake_fd, POLLIN, 0};
        int ready = ::poll(&wake, 1, static_cast<int>(m_options.reopen_interval.count()));
        if (ready > 0)
            return;
    }
}

void SerialQrScanner::finish_line(std::string& line, bool& overlong) {
    if (overlong) {
        m_sink.emit(QrRejected{
            make_error(ErrorCode::InvalidData,
                       "QR scanner line longer than " + std::to_string(m_options.max_bytes) + " bytes")});
    } else if (has_control_bytes(line)) {
        m_sink.emit(
            QrRejected{make_error(ErrorCode::InvalidData, "QR scanner line with control bytes (" +
                                                              std::to_string(line.size()) + " bytes)")});
    } else if (!line.empty()) {
        m_sink.emit(QrScanned{std::move(line)});
    }
    line.clear();
    overlong = false;
}

void SerialQrScanner::read_lines(int fd) {
    std::string line;
    bool overlong = false;
    for (;;) {
        pollfd fds[2] = {{fd, POLLIN, 0}, {m_wake_fd, POLLIN, 0}};
        // With part of a line pending, wait at most line_timeout for its end.
        int timeout = line.empty() && !overlong ? -1 : static_cast<int>(m_options.line_timeout.count());
        int ready = ::poll(fds, 2, timeout);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0 || fds[1].revents != 0)
            return;
        if (ready == 0) {
            if (!line.empty())
                m_sink.emit(QrRejected{make_error(ErrorCode::InvalidData, "QR scanner line without an end (" +
                                                                              std::to_string(line.size()) +
                                                                              " bytes)")});
            line.clear();
            overlong = false;
            continue;
        }
        char buffer[1024];
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (n <= 0)
            return; // hang-up (0) or EIO/ENODEV: the scanner went away
        for (ssize_t i = 0; i < n; ++i) {
            char c = buffer[i];
            if (c == '\r' || c == '\n') {
                finish_line(line, overlong);
                continue;
            }
            if (overlong)
                continue;
            if (line.size() == m_options.max_bytes) {
                overlong = true;
                line.clear();
                continue;
            }
            line += c;
        }
    }
}

} // namespace kiosk::drivers
