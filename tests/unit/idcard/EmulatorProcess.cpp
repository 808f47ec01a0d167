// RECONSTRUCTED (see EmulatorProcess.h).
#include "EmulatorProcess.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <termios.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace kiosk::drivers::sam::testing {
namespace {

int remaining_ms(std::chrono::steady_clock::time_point deadline) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

} // namespace

EmulatorProcess::EmulatorProcess(const std::vector<std::string>& arguments) {
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0)
        return;
    if (pipe2(out, O_CLOEXEC) != 0) {
        close(in[0]);
        close(in[1]);
        return;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    std::string program = IDCARD_EMULATOR;
    std::vector<char*> argv{program.data()};
    for (const auto& argument : arguments)
        argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    if (posix_spawn(&m_pid, program.c_str(), &actions, nullptr, argv.data(), environ) != 0)
        m_pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    close(out[1]);
    m_stdin = in[1];
    m_stdout = out[0];
}

EmulatorProcess::~EmulatorProcess() {
    if (m_pid > 0) {
        kill(m_pid, SIGTERM);
        waitpid(m_pid, nullptr, 0);
    }
    if (m_stdin >= 0)
        close(m_stdin);
    if (m_stdout >= 0)
        close(m_stdout);
}

std::optional<std::string> EmulatorProcess::line(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (auto newline = m_buffer.find('\n'); newline != std::string::npos) {
            std::string text = m_buffer.substr(0, newline);
            m_buffer.erase(0, newline + 1);
            return text;
        }
        pollfd readable{m_stdout, POLLIN, 0};
        int ready = poll(&readable, 1, remaining_ms(deadline));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            return std::nullopt;
        char chunk[512];
        ssize_t got = read(m_stdout, chunk, sizeof chunk);
        if (got <= 0)
            return std::nullopt;
        m_buffer.append(chunk, static_cast<size_t>(got));
    }
}

std::optional<std::string> EmulatorProcess::wait_for(const std::string& prefix,
                                                     std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (auto next = line(std::chrono::milliseconds(remaining_ms(deadline))))
        if (next->starts_with(prefix))
            return next;
    return std::nullopt;
}

void EmulatorProcess::send(const std::string& action) {
    std::string text = action + "\n";
    if (m_stdin >= 0) {
        [[maybe_unused]] auto written = write(m_stdin, text.data(), text.size());
    }
}

int EmulatorProcess::wait_exit(std::chrono::milliseconds timeout) {
    if (m_pid <= 0)
        return -1;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    int status = 0;
    while (waitpid(m_pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            kill(m_pid, SIGTERM);
            waitpid(m_pid, &status, 0);
            m_pid = -1;
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    m_pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

HostPort::HostPort(const std::string& path) {
    m_fd = open(path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (m_fd < 0)
        return;
    termios tio{};
    tcgetattr(m_fd, &tio);
    cfmakeraw(&tio);
    cfsetispeed(&tio, B115200);
    cfsetospeed(&tio, B115200);
    tcsetattr(m_fd, TCSANOW, &tio);
}

HostPort::~HostPort() {
    if (m_fd >= 0)
        close(m_fd);
}

void HostPort::send(const std::vector<uint8_t>& bytes) {
    size_t written = 0;
    while (m_fd >= 0 && written < bytes.size()) {
        ssize_t n = write(m_fd, bytes.data() + written, bytes.size() - written);
        if (n > 0) {
            written += static_cast<size_t>(n);
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EINTR)
            return;
        pollfd out{m_fd, POLLOUT, 0};
        poll(&out, 1, 100);
    }
}

std::optional<Result<Response>> HostPort::receive(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (auto body = m_frames.next()) {
            if (!body->ok())
                return Result<Response>(body->release_error());
            return response_from_body(body->value());
        }
        pollfd readable{m_fd, POLLIN, 0};
        int ready = poll(&readable, 1, remaining_ms(deadline));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            return std::nullopt;
        uint8_t chunk[2048];
        ssize_t got = read(m_fd, chunk, sizeof chunk);
        if (got > 0)
            m_frames.feed(std::span(chunk, static_cast<size_t>(got)));
        else if (got == 0 || (errno != EAGAIN && errno != EINTR))
            return std::nullopt;
    }
}

std::optional<Result<Response>> HostPort::transact(Command command) {
    send(build_command(command));
    return receive();
}

bool HostPort::hung_up(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        pollfd readable{m_fd, POLLIN, 0};
        int ready = poll(&readable, 1, remaining_ms(deadline));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            return false;
        if (readable.revents & (POLLHUP | POLLERR))
            return true;
        uint8_t chunk[256];
        ssize_t got = read(m_fd, chunk, sizeof chunk);
        if (got == 0 || (got < 0 && errno == EIO))
            return true;
    }
}

} // namespace kiosk::drivers::sam::testing
