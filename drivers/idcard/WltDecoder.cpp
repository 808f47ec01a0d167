// The kiosk's side of kiosk-photo-decoder (PhotoDecoderMain.cpp): start it, hand it photos over a
// socket with a deadline each, and kill it when it crashes or hangs.

#include "drivers/idcard/WltDecoder.h"
#include "drivers/common/SpawnHelper.h"

#include "core/base/Log.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace kiosk::drivers {

namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kMostLineBytes = 4096;

// Waits until `fd` is readable or `deadline` passes: false on the deadline or an error.
bool wait_readable(int fd, Clock::time_point deadline) {
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0)
            return false;
        pollfd entry{fd, POLLIN, 0};
        int ready = ::poll(&entry, 1, static_cast<int>(left));
        if (ready < 0 && errno == EINTR)
            continue;
        return ready > 0;
    }
}

// Reads exactly `size` bytes before `deadline`: an error names what went wrong.
Result<void> read_exactly(int fd, uint8_t* data, size_t size, Clock::time_point deadline) {
    size_t done = 0;
    while (done < size) {
        if (!wait_readable(fd, deadline))
            return make_error(ErrorCode::Timeout,
                              "no answer within " + std::to_string(kDecodeTimeout.count()) + " ms");
        ssize_t got = ::read(fd, data + done, size - done);
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (got < 0)
            return make_error(ErrorCode::Io, std::string("read: ") + std::strerror(errno));
        if (got == 0)
            return make_error(ErrorCode::Io, "it ended");
        done += static_cast<size_t>(got);
    }
    return {};
}

Result<std::string> read_line(int fd, Clock::time_point deadline) {
    std::string line;
    for (;;) {
        uint8_t byte = 0;
        TRY(read_exactly(fd, &byte, 1, deadline));
        if (byte == '\n')
            return line;
        if (line.size() >= kMostLineBytes)
            return make_error(ErrorCode::InvalidData, "its first line is too long");
        line.push_back(static_cast<char>(byte));
    }
}

std::string describe_exit(int status) {
    if (WIFSIGNALED(status))
        return "killed by signal " + std::to_string(WTERMSIG(status));
    if (WIFEXITED(status))
        return "exited with " + std::to_string(WEXITSTATUS(status));
    return "ended";
}

} // namespace

std::string WltDecoder::default_helper_program() {
    char path[4096];
    ssize_t length = readlink("/proc/self/exe", path, sizeof path - 1);
    if (length <= 0)
        return "kiosk-photo-decoder";
    std::string self(path, static_cast<size_t>(length));
    return self.substr(0, self.rfind('/') + 1) + "kiosk-photo-decoder";
}

Result<std::unique_ptr<WltDecoder>> WltDecoder::load(const std::string& path,
                                                     const std::string& helper_program) {
    std::error_code ignored;
    if (!std::filesystem::is_regular_file(path, ignored))
        return make_error(ErrorCode::NotFound, "photo decoder: no library at " + path);
    std::string helper = helper_program.empty() ? default_helper_program() : helper_program;
    if (::access(helper.c_str(), X_OK) != 0)
        return make_error(ErrorCode::NotFound, "photo decoder: no helper program at " + helper);
    std::unique_ptr<WltDecoder> decoder(new WltDecoder(path, std::move(helper)));
    std::lock_guard lock(decoder->m_mutex);
    TRY(decoder->start());
    return decoder;
}

WltDecoder::~WltDecoder() {
    std::lock_guard lock(m_mutex);
    stop();
}

Result<void> WltDecoder::start() const {
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
        return make_error(ErrorCode::Io, std::string("photo decoder: socketpair: ") + std::strerror(errno));
    auto spawned = spawn_helper({m_helper, "--plugin", m_plugin}, pair[1], pair[1]);
    ::close(pair[1]);
    if (!spawned.ok()) {
        ::close(pair[0]);
        return make_error(ErrorCode::Device, "photo decoder: " + spawned.error().message);
    }
    pid_t pid = spawned.value();
    m_pid = pid;
    m_socket = pair[0];
    auto line = read_line(m_socket, Clock::now() + kDecodeTimeout);
    if (line.ok() && line.value() == "ok")
        return {};
    std::string how = stop();
    if (line.ok() && line->starts_with("unsupported: "))
        return make_error(ErrorCode::Unsupported, "photo decoder: " + line->substr(13));
    return make_error(ErrorCode::Device,
                      "photo decoder: the helper did not start (" +
                          (line.ok() ? "it said '" + line.value() + "'" : line.error().message) + "; " + how +
                          ")");
}

std::string WltDecoder::stop() const {
    if (m_socket >= 0)
        ::close(m_socket);
    m_socket = -1;
    if (m_pid <= 0)
        return "not running";
    int status = 0;
    std::string how;
    // A helper that crashed has usually gone already: say how; otherwise kill it.
    auto deadline = Clock::now() + std::chrono::milliseconds(100);
    for (;;) {
        pid_t done = ::waitpid(m_pid, &status, WNOHANG);
        if (done == m_pid) {
            how = describe_exit(status);
            break;
        }
        if (done < 0 && errno != EINTR) {
            how = "ended";
            break;
        }
        if (Clock::now() >= deadline) {
            ::kill(-m_pid, SIGKILL);
            ::kill(m_pid, SIGKILL);
            while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
            }
            how = "killed";
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    m_pid = -1;
    return how;
}

Result<std::vector<uint8_t>> WltDecoder::exchange(std::span<const uint8_t> wlt) const {
    auto deadline = Clock::now() + kDecodeTimeout;
    size_t sent = 0;
    while (sent < wlt.size()) {
        ssize_t wrote = ::send(m_socket, wlt.data() + sent, wlt.size() - sent, MSG_NOSIGNAL);
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote <= 0)
            return make_error(ErrorCode::Io, std::string("send: ") + std::strerror(errno));
        sent += static_cast<size_t>(wrote);
    }
    uint8_t status = 0;
    TRY(read_exactly(m_socket, &status, 1, deadline));
    if (status != 0)
        return make_error(ErrorCode::InvalidData,
                          "photo decoder: refused the photo (code " + std::to_string(status) + ")");
    std::vector<uint8_t> rgb(kPhotoRgbSize);
    TRY(read_exactly(m_socket, rgb.data(), rgb.size(), deadline));
    return rgb;
}

Result<std::vector<uint8_t>> WltDecoder::decode(std::span<const uint8_t> wlt) const {
    if (wlt.size() != kWltSize)
        return make_error(ErrorCode::InvalidData,
                          "photo decoder: a WLT photo has 1024 bytes, not " + std::to_string(wlt.size()));
    std::lock_guard lock(m_mutex);
    if (m_pid <= 0)
        TRY(start()); // the last one crashed or hung
    auto rgb = exchange(wlt);
    if (rgb.ok() || rgb.error().code == ErrorCode::InvalidData)
        return rgb;
    std::string how = stop();
    log::warn(
        "photo decoder: the helper failed ({}; {}): this card has no photo, the next starts a new helper",
        rgb.error().message, how);
    return make_error(ErrorCode::Device,
                      "photo decoder: the helper failed (" + rgb.error().message + "; " + how + ")");
}

Result<void> WltDecoder::decode_into(domain::Identity& identity) const {
    auto rgb = TRY(decode(identity.photo_wlt));
    identity.photo_rgb = std::move(rgb);
    identity.photo_width = kPhotoWidth;
    identity.photo_height = kPhotoHeight;
    return {};
}

} // namespace kiosk::drivers
