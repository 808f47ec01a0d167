#include "drivers/idcard/emulator/EmulatorRunner.h"
#include "drivers/idcard/HexText.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <unistd.h>

namespace kiosk::drivers::sam::emulator {
namespace {

volatile std::sig_atomic_t g_stop = 0;

void on_signal(int) {
    g_stop = 1;
}

void say(const std::string& line) {
    std::fputs((line + "\n").c_str(), stdout);
    std::fflush(stdout);
}

} // namespace

EmulatorRunner::EmulatorRunner(EmulatorScript script, RunnerOptions options)
    : m_script(std::move(script)), m_options(std::move(options)), m_sam(m_script),
      m_shaper(m_script.faults, m_script.timings) {
    if (!m_options.replug_after_ms)
        m_options.replug_after_ms = m_script.replug_after_ms;
}

Result<void> EmulatorRunner::plug() {
    m_port = TRY(PtyPort::create(m_options.link));
    m_reader.clear();
    say("device " + m_port->path());
    return {};
}

void EmulatorRunner::unplug() {
    m_port.reset(); // closes the master: the client sees a hang-up; the symlink goes too
    m_outbox.clear();
    m_reader.clear();
    say("unplugged");
    if (m_options.replug_after_ms)
        m_replug_at = Clock::now() + std::chrono::milliseconds(*m_options.replug_after_ms);
    else
        m_quit = true;
}

void EmulatorRunner::apply(const Action& action, std::string_view text) {
    using Kind = Action::Kind;
    switch (action.kind) {
    case Kind::Place:
        if (auto placed = m_sam.place(action.count); !placed) {
            std::fprintf(stderr, "idcard-emulator: %s\n", placed.error().message.c_str());
            return;
        }
        break;
    case Kind::Remove:
        m_sam.remove();
        break;
    case Kind::FailRead:
        m_sam.fail_reads(action.count);
        break;
    case Kind::SamNotReady:
        m_sam.sam_not_ready(action.count);
        break;
    case Kind::Corrupt:
    case Kind::Garbage:
    case Kind::Split:
        m_shaper.arm(action.kind, action.count);
        break;
    case Kind::Unplug:
        say(fmt::format("ok {}", text));
        if (m_port)
            unplug();
        return;
    case Kind::Quit:
        m_quit = true;
        break;
    }
    say(fmt::format("ok {}", text));
}

void EmulatorRunner::on_host_bytes(Clock::time_point now) {
    auto bytes = m_port->read_available();
    if (!bytes) {
        std::fprintf(stderr, "idcard-emulator: %s\n", bytes.error().message.c_str());
        return;
    }
    m_reader.feed(bytes.value());
    while (auto body = m_reader.next()) {
        auto answer = m_sam.answer(*body);
        if (m_options.verbose)
            std::fprintf(stderr, "idcard-emulator: <- %s -> %s\n",
                         answer.command ? to_string(*answer.command)
                         : body->ok()   ? "?"
                                        : "bad frame",
                         answer.frame.size() > 9 ? fmt::format("SW3 {:02X}", answer.frame[9]).c_str()
                                                 : "nothing");
        if (answer.frame.empty())
            continue;
        bool read = answer.command == Command::ReadBase || answer.command == Command::ReadBaseWithFingerprint;
        auto delay = std::chrono::milliseconds(m_script.timings.response_delay_ms +
                                               (read ? m_script.timings.read_delay_ms : 0));
        Clock::time_point start = std::max(now + delay, m_outbox.empty() ? now : m_outbox.back().due);
        for (Chunk& chunk : m_shaper.shape(answer.command, std::move(answer.frame)))
            m_outbox.push_back({start + chunk.at, std::move(chunk.bytes)});
        if (answer.card_read && m_sam.card())
            say(fmt::format("read {}", *m_sam.card()));
    }
}

void EmulatorRunner::on_stdin() {
    char buffer[512];
    ssize_t got = read(STDIN_FILENO, buffer, sizeof buffer);
    if (got <= 0) { // one read per POLLIN, so stdin stays blocking (it may be the caller's terminal)
        if (got == 0 || errno != EINTR)
            m_stdin_open = false;
        return;
    }
    m_stdin_buffer.append(buffer, size_t(got));
    for (size_t newline; (newline = m_stdin_buffer.find('\n')) != std::string::npos;) {
        std::string line = m_stdin_buffer.substr(0, newline);
        m_stdin_buffer.erase(0, newline + 1);
        if (line.find_first_not_of(" \r\t") == std::string::npos)
            continue;
        auto action = parse_action(line);
        if (!action) {
            std::fprintf(stderr, "idcard-emulator: %s\n", action.error().message.c_str());
            continue;
        }
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.pop_back();
        apply(action.value(), line);
    }
}

Result<void> EmulatorRunner::flush(Clock::time_point now) {
    while (m_port && !m_outbox.empty() && m_outbox.front().due <= now) {
        auto& front = m_outbox.front().bytes;
        size_t written = TRY(m_port->write_some(front));
        front.erase(front.begin(), front.begin() + long(written));
        if (!front.empty())
            return {}; // the pty is full: wait for POLLOUT
        m_outbox.pop_front();
    }
    return {};
}

std::optional<EmulatorRunner::Clock::time_point> EmulatorRunner::next_wakeup(bool writable_wait) const {
    std::optional<Clock::time_point> wakeup;
    auto consider = [&](Clock::time_point at) { wakeup = wakeup ? std::min(*wakeup, at) : at; };
    if (m_next_action < m_script.timeline.size())
        consider(m_start + std::chrono::milliseconds(m_script.timeline[m_next_action].at_ms));
    if (!m_outbox.empty() && !writable_wait)
        consider(m_outbox.front().due);
    if (m_replug_at)
        consider(*m_replug_at);
    return wakeup;
}

int EmulatorRunner::run() {
    // SIGINT/SIGTERM are blocked except inside ppoll, so a stop request cannot slip between checks.
    sigset_t blocked, during_poll;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGINT);
    sigaddset(&blocked, SIGTERM);
    sigprocmask(SIG_BLOCK, &blocked, &during_poll);
    sigdelset(&during_poll, SIGINT);
    sigdelset(&during_poll, SIGTERM);
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    if (auto plugged = plug(); !plugged) {
        std::fprintf(stderr, "idcard-emulator: %s\n", plugged.error().message.c_str());
        return 1;
    }
    m_start = Clock::now();
    while (!m_quit && !g_stop) {
        auto now = Clock::now();
        while (m_next_action < m_script.timeline.size() && !m_quit &&
               m_start + std::chrono::milliseconds(m_script.timeline[m_next_action].at_ms) <= now) {
            const TimedAction& timed = m_script.timeline[m_next_action++];
            apply(timed.action, timed.text);
        }
        if (m_replug_at && *m_replug_at <= now) {
            m_replug_at.reset();
            if (auto plugged = plug(); !plugged) {
                std::fprintf(stderr, "idcard-emulator: %s\n", plugged.error().message.c_str());
                return 1;
            }
            m_sam.power_cycle();
        }
        if (auto flushed = flush(now); !flushed) {
            std::fprintf(stderr, "idcard-emulator: %s\n", flushed.error().message.c_str());
            return 1;
        }
        if (m_quit)
            break;

        pollfd fds[2] = {{-1, 0, 0}, {-1, 0, 0}};
        if (m_port) {
            bool blocked_write = !m_outbox.empty() && m_outbox.front().due <= now;
            fds[0] = {m_port->fd(), short(POLLIN | (blocked_write ? POLLOUT : 0)), 0};
        }
        if (m_stdin_open)
            fds[1] = {STDIN_FILENO, POLLIN, 0};
        timespec timeout{};
        timespec* timeout_ptr = nullptr;
        if (auto wakeup = next_wakeup(fds[0].events & POLLOUT)) {
            auto wait = std::max(Clock::duration::zero(), *wakeup - Clock::now());
            auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(wait).count();
            timeout = {time_t(ns / 1000000000), long(ns % 1000000000)};
            timeout_ptr = &timeout;
        }
        if (ppoll(fds, 2, timeout_ptr, &during_poll) < 0) {
            if (errno == EINTR)
                continue;
            std::perror("idcard-emulator: ppoll");
            return 1;
        }
        if (fds[0].fd >= 0 && (fds[0].revents & POLLIN))
            on_host_bytes(Clock::now());
        if (fds[1].fd >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)))
            on_stdin();
    }
    m_port.reset();
    return 0;
}

} // namespace kiosk::drivers::sam::emulator
