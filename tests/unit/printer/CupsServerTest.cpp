// Which CUPS servers may be spoken to in clear: only this machine's (a Unix socket, localhost,
// 127.0.0.1, ::1). Any other gets TLS or nothing: a plain-HTTP server on another address (a listener
// on 127.0.0.2 here, which the driver treats as another machine) is a clear connection error, and
// not one byte of the document reaches it.

#include "drivers/printer/CupsSession.h"

#include <arpa/inet.h>
#include <atomic>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace kiosk::drivers::cups {
namespace {

using ::testing::HasSubstr;

TEST(CupsServer, OnlyThisMachinesServersAreLocal) {
    for (const char* local :
         {"/run/cups/cups.sock", "/var/run/cups/cups.sock", "localhost", "127.0.0.1", "::1", "[::1]"})
        EXPECT_TRUE(is_local_server(local)) << local;
    for (const char* remote : {"printers.hall.example", "192.168.1.20", "10.0.0.5", "127.0.0.2",
                               "localhost.evil", "fe80::1", "[2001:db8::1]", ""})
        EXPECT_FALSE(is_local_server(remote)) << remote;
}

// A server that speaks plain HTTP only: it records what it was sent and answers every request
// 200 without upgrading to TLS.
class PlainHttpServer {
public:
    PlainHttpServer() {
        m_socket = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        ::inet_pton(AF_INET, "127.0.0.2", &address.sin_addr);
        if (::bind(m_socket, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::listen(m_socket, 4) != 0)
            return;
        socklen_t length = sizeof address;
        ::getsockname(m_socket, reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~PlainHttpServer() {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        ::close(m_socket);
    }
    int port() const { return m_port; }
    std::string received() {
        std::lock_guard lock(m_mutex);
        return m_received;
    }

private:
    void serve() {
        while (!m_stop) {
            pollfd waiting{m_socket, POLLIN, 0};
            if (::poll(&waiting, 1, 50) <= 0)
                continue;
            int client = ::accept4(m_socket, nullptr, nullptr, SOCK_CLOEXEC);
            if (client < 0)
                continue;
            std::string request;
            char buffer[4096];
            while (!m_stop) {
                pollfd reading{client, POLLIN, 0};
                if (::poll(&reading, 1, 50) <= 0)
                    continue;
                ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
                if (n <= 0)
                    break;
                request.append(buffer, static_cast<size_t>(n));
                {
                    std::lock_guard lock(m_mutex);
                    m_received.append(buffer, static_cast<size_t>(n));
                }
                if (request.find("\r\n\r\n") != std::string::npos) {
                    const char answer[] = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
                    (void)::send(client, answer, sizeof answer - 1, MSG_NOSIGNAL);
                    request.clear();
                }
            }
            ::close(client);
        }
    }

    int m_socket = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::string m_received;
    std::thread m_thread;
};

TEST(CupsServer, AServerOnAnotherMachineWithoutTlsIsAConnectionErrorAndGetsNoDocument) {
    PlainHttpServer server;
    ASSERT_NE(server.port(), 0) << "cannot listen on 127.0.0.2";
    Session session("kiosk-receipt",
                    SessionOptions{"127.0.0.2:" + std::to_string(server.port()),
                                   std::chrono::milliseconds(2000), std::chrono::milliseconds(2000), false});
    std::string document = "%PDF-1.4 receipt of 阿依古丽 650102198511020069";
    auto printed = session.print_pdf(
        std::span(reinterpret_cast<const uint8_t*>(document.data()), document.size()), "receipt");
    ASSERT_FALSE(printed.ok()) << "printed in clear to a server on another machine";
    EXPECT_EQ(printed.error().code, ErrorCode::Device);
    EXPECT_THAT(printed.error().message,
                HasSubstr("over TLS, required for a CUPS server on another machine"));
    EXPECT_THAT(server.received(), ::testing::Not(HasSubstr("%PDF"))) << "the document went out in clear";
    EXPECT_THAT(server.received(), ::testing::Not(HasSubstr("650102198511020069")));

    auto queue = session.read_queue();
    EXPECT_FALSE(queue.scheduler_reachable);
    EXPECT_THAT(queue.state_message, HasSubstr("over TLS"));
}

} // namespace
} // namespace kiosk::drivers::cups
