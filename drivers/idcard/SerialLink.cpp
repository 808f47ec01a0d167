#include "drivers/idcard/SerialLink.h"
#include "drivers/common/RawTty.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace kiosk::drivers::sam {
namespace {

// EIO / ENODEV / ENXIO on a tty that worked a moment ago: the USB device went away (a pty whose
// master closed says EIO as well).
bool device_gone(int error) {
    return error == EIO || error == ENODEV || error == ENXIO;
}

Error gone(const std::string& path) {
    return make_error(ErrorCode::NotFound, fmt::format("device gone: {}", path));
}

Error open_error(const std::string& path, int error) {
    switch (error) {
    case ENOENT:
    case ENODEV:
    case ENXIO:
        return make_error(ErrorCode::NotFound, fmt::format("no reader at {}", path));
    case EACCES:
    case EPERM:
        return make_error(ErrorCode::Io,
                          fmt::format("permission denied opening {}: the kiosk user must be in "
                                      "the dialout group (see images/udev)",
                                      path));
    case EBUSY:
        return make_error(ErrorCode::Busy, fmt::format("{} is held by another program", path));
    default:
        return make_error(ErrorCode::Io, fmt::format("cannot open {}: {}", path, std::strerror(error)));
    }
}

int remaining_ms(Deadline deadline) {
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    return left.count() <= 0 ? 0 : static_cast<int>(std::min<long long>(left.count(), 60'000));
}

// Raw 8N1 (drivers/common/RawTty.h), then whatever was in the buffers is dropped.
Result<void> configure(int fd, const SerialOptions& options) {
    switch (make_raw_8n1(fd, options.baud)) {
    case RawTtyResult::NotATty:
        return make_error(ErrorCode::InvalidArgument, fmt::format("{} is not a serial port", options.path));
    case RawTtyResult::SetFailed:
        return make_error(ErrorCode::Io,
                          fmt::format("cannot configure {}: {}", options.path, std::strerror(errno)));
    case RawTtyResult::Ok:
        break;
    }
    tcflush(fd, TCIOFLUSH);
    return {};
}

} // namespace

Result<void> check_baud(int baud) {
    if (tty_speed(baud) == B0)
        return make_error(
            ErrorCode::InvalidArgument,
            fmt::format("baud {} not supported: use 115200, 57600, 38400, 19200 or 9600", baud));
    return {};
}

Result<std::unique_ptr<SerialLink>> SerialLink::open(const SerialOptions& options) {
    TRY(check_baud(options.baud));
    int fd = ::open(options.path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return open_error(options.path, errno);
    // Exclusive: a second opener (a vendor tool, a second kiosk instance) gets EBUSY instead of
    // stealing half of our frames.
    if (ioctl(fd, TIOCEXCL) != 0 && errno != ENOTTY) {
        int error = errno;
        ::close(fd);
        return open_error(options.path, error);
    }
    if (auto configured = configure(fd, options); !configured.ok()) {
        ::close(fd);
        return configured.release_error();
    }
    int wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (wake_fd < 0) {
        ::close(fd);
        return make_error(ErrorCode::Io, fmt::format("eventfd: {}", std::strerror(errno)));
    }
    return std::unique_ptr<SerialLink>(new SerialLink(options, fd, wake_fd));
}

SamLinkOpener SerialLink::opener(SerialOptions options) {
    return [options = std::move(options)]() -> Result<std::unique_ptr<SamLink>> {
        auto link = TRY(SerialLink::open(options));
        return std::unique_ptr<SamLink>(std::move(link));
    };
}

SerialLink::SerialLink(SerialOptions options, int fd, int wake_fd)
    : m_options(std::move(options)), m_fd(fd), m_wake_fd(wake_fd) {}

SerialLink::~SerialLink() {
    ::close(m_fd);
    ::close(m_wake_fd);
}

void SerialLink::discard_input() {
    tcflush(m_fd, TCIFLUSH);
    uint8_t buffer[512];
    while (::read(m_fd, buffer, sizeof buffer) > 0) {
    }
    m_frames.clear();
}

Result<void> SerialLink::send(std::span<const uint8_t> frame) {
    auto deadline = std::chrono::steady_clock::now() + m_options.write_timeout;
    size_t written = 0;
    while (written < frame.size()) {
        ssize_t n = ::write(m_fd, frame.data() + written, frame.size() - written);
        if (n > 0) {
            written += static_cast<size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && device_gone(errno))
            return gone(m_options.path);
        if (n < 0 && errno != EAGAIN)
            return make_error(ErrorCode::Io,
                              fmt::format("write to {}: {}", m_options.path, std::strerror(errno)));
        pollfd out{m_fd, POLLOUT, 0};
        int ready = ::poll(&out, 1, remaining_ms(deadline));
        if (ready == 0)
            return make_error(ErrorCode::Timeout, fmt::format("write to {} timed out", m_options.path));
        if (ready > 0 && (out.revents & (POLLHUP | POLLERR)) != 0)
            return gone(m_options.path);
    }
    return {};
}

Result<Response> SerialLink::receive(Deadline deadline) {
    for (;;) {
        if (auto frame = m_frames.next()) {
            if (!frame->ok())
                return frame->release_error(); // InvalidData; the framer resynchronises on the next preamble
            return response_from_body(frame->value());
        }
        pollfd fds[2] = {{m_fd, POLLIN, 0}, {m_wake_fd, POLLIN, 0}};
        int timeout = remaining_ms(deadline);
        int ready = ::poll(fds, 2, timeout);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0)
            return make_error(ErrorCode::Io,
                              fmt::format("poll {}: {}", m_options.path, std::strerror(errno)));
        if (fds[1].revents != 0)
            return make_error(ErrorCode::Timeout, "receive interrupted");
        if (ready == 0) {
            if (timeout > 0)
                continue; // woke a little early; the deadline decides
            return make_error(ErrorCode::Timeout,
                              fmt::format("no answer from {} before the deadline", m_options.path));
        }
        TRY(read_available(fds[0].revents));
    }
}

Result<void> SerialLink::read_available(short revents) {
    uint8_t buffer[2048];
    ssize_t n = ::read(m_fd, buffer, sizeof buffer);
    if (n > 0) {
        m_frames.feed(std::span(buffer, static_cast<size_t>(n)));
        return {};
    }
    if (n == 0 || (n < 0 && device_gone(errno)))
        return gone(m_options.path); // a hung-up line, an unplugged USB device
    if (errno == EAGAIN || errno == EINTR) {
        if ((revents & (POLLHUP | POLLERR)) != 0)
            return gone(m_options.path);
        return {};
    }
    return make_error(ErrorCode::Io, fmt::format("read from {}: {}", m_options.path, std::strerror(errno)));
}

std::string SerialLink::describe() const {
    return fmt::format("serial {} @{}", m_options.path, m_options.baud);
}

void SerialLink::interrupt() {
    uint64_t one = 1;
    [[maybe_unused]] auto written = ::write(m_wake_fd, &one, sizeof one);
}

} // namespace kiosk::drivers::sam
