// The operating-system side of a kiosk-scanner-host: posix_spawn with its pipes and process group,
// non-blocking commands, the reader thread, and the end (grace, SIGKILL, reap).

#include "drivers/scanner/ScannerHostProcess.h"
#include "drivers/common/SpawnHelper.h"

#include "core/base/Log.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace kiosk::drivers {

using Clock = std::chrono::steady_clock;

namespace {

// Waits up to `grace` for the process to end, then kills its group; always reaps it.
void end_process(pid_t pid, std::chrono::milliseconds grace) {
    auto deadline = Clock::now() + grace;
    int status = 0;
    for (;;) {
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid || (done < 0 && errno == ECHILD))
            return;
        if (Clock::now() >= deadline)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    log::warn("scanner host {} did not end within {} ms: killed", pid, grace.count());
    kill(-pid, SIGKILL); // its process group: a backend's forked reader goes with it
    kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
}

} // namespace

Result<std::unique_ptr<ScannerHostProcess>> ScannerHostProcess::spawn(std::vector<std::string> args) {
    int to_host[2], from_host[2];
    if (pipe2(to_host, O_CLOEXEC) != 0)
        return make_error(ErrorCode::Io, std::string("pipe: ") + std::strerror(errno));
    if (pipe2(from_host, O_CLOEXEC) != 0) {
        std::string why = std::strerror(errno);
        ::close(to_host[0]);
        ::close(to_host[1]);
        return make_error(ErrorCode::Io, "pipe: " + why);
    }
    auto spawned = spawn_helper(std::move(args), to_host[0], from_host[1]);
    ::close(to_host[0]);
    ::close(from_host[1]);
    if (!spawned.ok()) {
        ::close(to_host[1]);
        ::close(from_host[0]);
        return spawned.release_error();
    }
    pid_t pid = spawned.value();
    fcntl(to_host[1], F_SETFL, fcntl(to_host[1], F_GETFL) | O_NONBLOCK);
    return std::unique_ptr<ScannerHostProcess>(new ScannerHostProcess(pid, to_host[1], from_host[0]));
}

ScannerHostProcess::~ScannerHostProcess() {
    if (!m_ended)
        end(std::chrono::milliseconds(0));
    if (m_from_host >= 0)
        ::close(m_from_host); // no reader thread ever took it
}

void ScannerHostProcess::read_events(Handlers handlers) {
    int fd = m_from_host;
    m_from_host = -1; // the reader closes it when the stream ends
    m_reader = std::thread([fd, handlers = std::move(handlers)] {
        for (;;) {
            auto frame = wire::read_frame(fd);
            if (!frame.ok()) {
                ::close(fd);
                handlers.gone(frame.error().code == ErrorCode::NotFound ? "ended" : frame.error().message);
                return;
            }
            if (frame->type == wire::Type::Alive) {
                handlers.alive();
                continue;
            }
            auto event = wire::decode_event(frame.value());
            if (!event.ok()) {
                ::close(fd);
                handlers.gone(event.error().message);
                return;
            }
            handlers.event(event.release_value());
        }
    });
}

Result<void> ScannerHostProcess::send(wire::Type type, std::string_view payload) {
    if (m_to_host < 0)
        return make_error(ErrorCode::Io, "scanner host: its stdin is closed");
    auto wrote = wire::write_frame(m_to_host, type, payload);
    if (!wrote.ok())
        close_input();
    return wrote;
}

void ScannerHostProcess::close_input() {
    if (m_to_host >= 0)
        ::close(m_to_host);
    m_to_host = -1;
}

void ScannerHostProcess::end(std::chrono::milliseconds grace) {
    m_ended = true;
    close_input();
    end_process(m_pid, grace);
    if (m_reader.joinable())
        m_reader.join();
}

} // namespace kiosk::drivers
